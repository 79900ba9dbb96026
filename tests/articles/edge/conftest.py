"""Fixtures for the edge cache: stories published through the workflow, a loopback server that
records purges, and a real varnishd with the project's VCL in front of the live server."""

import http.client
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.utils.text import slugify

from articles import workflow
from articles.models import ArticleAuthor, Section
from authors.models import Author

VCL = Path(django_settings.BASE_DIR) / "deploy" / "varnish.vcl"
VMOD_DIRS = ("/usr/lib/x86_64-linux-gnu/varnish/vmods", "/usr/lib/aarch64-linux-gnu/varnish/vmods",
             "/usr/lib/varnish/vmods")  # fmt: skip


@pytest.fixture
def publish(make_article, reporter, editor):
    """Write a story and publish it through the workflow, in its own section, byline and tags.

    Returns the article; `publish.update(article, body=…)` edits and publishes it again.
    """

    def new(headline: str, *, section: str, author: str, tags: list[str], body: str):
        sec, _ = Section.objects.get_or_create(slug=slugify(section), defaults={"name": section})
        writer, _ = Author.objects.get_or_create(slug=slugify(author), defaults={"name": author})
        article = make_article(headline, section=sec, body=body, created_by=reporter)
        ArticleAuthor.objects.filter(article=article).delete()
        ArticleAuthor.objects.create(article=article, author=writer, position=0)
        article.tags.set(tags)
        workflow.submit_for_review(reporter, article)
        workflow.publish(editor, article)
        return article

    def update(article, **changes):
        for name, value in changes.items():
            setattr(article, name, value)
        workflow.save_article(editor, article, expected_version=article.version)
        workflow.submit_for_review(editor, article)
        return workflow.publish(editor, article)

    new.update = update
    return new


class _Recorder(http.server.BaseHTTPRequestHandler):
    purges: list[set[str]]

    def do_PURGE(self):
        self.server.purges.append(set(self.headers.get("xkey-purge", "").split()))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purges(settings):
    """An edge on loopback that only records the keys each purge names (one set per PURGE)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.purges = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}/"]
    yield server.purges
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on."""
    return free_port()


def find_varnishd() -> str | None:
    found = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")
    has_xkey = any(Path(d, "libvmod_xkey.so").exists() for d in VMOD_DIRS)
    return found if found and has_xkey else None


@dataclass
class Response:
    status: int
    headers: dict
    body: str
    raw: bytes = b""  # the body's bytes as sent (compressed, if it was)


@dataclass
class Edge:
    port: int

    def request(self, method: str, path: str, *, headers=None, source: str = "") -> Response:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=10, source_address=(source, 0) if source else None
        )
        try:
            connection.request(method, path, headers=headers or {})
            answer = connection.getresponse()
            raw = answer.read()
            headers = {k.lower(): v for k, v in answer.getheaders()}
            return Response(answer.status, headers, raw.decode("utf-8", "replace"), raw)
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)


def _listening(process: subprocess.Popen, port: int) -> bool:
    """Wait until varnishd listens on `port` (True) or has exited (False)."""
    deadline = time.monotonic() + 30
    while process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                pytest.fail("varnishd did not listen within 30 s")
            time.sleep(0.1)
    return False


@pytest.fixture
def varnish(live_server, settings):
    """varnishd with deploy/varnish.vcl in front of the live server; the app purges it."""
    varnishd = find_varnishd()
    if varnishd is None:
        if os.environ.get("NEWSROOM_SKIP_EDGE") == "1":
            pytest.skip("NEWSROOM_SKIP_EDGE=1: the edge cache tests are skipped")
        pytest.fail(
            "The edge tests need varnishd with the xkey vmod (Debian: apt-get install varnish "
            "varnish-modules; ./dev test installs them as root), or NEWSROOM_SKIP_EDGE=1."
        )
    backend_port = urlsplit(live_server.url).port
    vcl = VCL.read_text()
    assert '.port = "8000";' in vcl, "deploy/varnish.vcl must name the app's port as 8000"
    # World-readable: started as root, varnishd works as Debian's varnish user.
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-varnish-"))
    workdir.chmod(0o755)
    (workdir / "test.vcl").write_text(vcl.replace('.port = "8000";', f'.port = "{backend_port}";'))
    # Its own work dir and a free port: parallel workers (pytest-xdist) each run their own
    # varnishd. A port another process takes between free_port() and the bind is tried again.
    for attempt in range(1, 4):
        port = free_port()
        process = subprocess.Popen(
            [varnishd, "-F", "-n", str(workdir / f"work{attempt}"), "-a", f"127.0.0.1:{port}",
             "-f", str(workdir / "test.vcl"), "-s", "malloc,32m"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        if _listening(process, port):
            break
        output = process.stdout.read()
        if attempt == 3:
            shutil.rmtree(workdir, ignore_errors=True)
            pytest.fail(f"varnishd did not start (three ports tried):\n{output}")
    try:
        settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{port}/"]
        yield Edge(port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(workdir, ignore_errors=True)
