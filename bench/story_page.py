"""The story page's weight and settle time in Chromium (issue 26): `./dev bench story-page`.

An editor opens a story in review (a byline, an anonymous attribution, a right-of-reply
request, the assistant's proposals, findings) in headless Chromium, as a person would, with
an empty cache each time, at 1366 px. Two servers on a throw-away database:

- **dev**: `manage.py runserver` with the development settings (DEBUG on, static files from
  the app folders, uncompressed), what `./dev up` serves;
- **production**: gunicorn with production's settings (bench.settings: WhiteNoise, hashed
  and gzip-compressed static files, cached templates).

For each it prints, for a first visit (empty cache) and a second (the same browser again,
its cache warm): the bytes transferred (the page and every resource, from the Resource
Timing entries' `transferSize`, so compression counts; response headers included, as
HTTP/1.1 sends them), the number of requests, the time to the load event and the time until
the page is settled (the network idle, no request for 500 ms, and the body ready to type in:
its stand-in or its editor), each the median of `--runs`; then the first visit's weight by
type and its biggest resources. Then "first touch": the body's editor is fetched when the
body is first clicked (articles/admin/story/body_editor.py), so after each first visit the
benchmark clicks into the body and measures the time until the editor is built and what it
fetched. Not a test: figures for people (bench/README.md).

Usage: ./dev bench story-page [--runs N] [--width PX] [--servers dev,production]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .loadtest import free_port, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "bench-story-page-pw"
BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in [
        "The pier will reopen in May, the harbor board said on Tuesday, after a winter of "
        "repairs that closed the boardwalk to walkers and the ferry landing to boats.",
        "“We rebuilt every piling that the storm cracked,” said Nora Quist, the board's engineer.",
        "A board member, who spoke on condition of anonymity because the budget is not "
        "final, said the work cost more than planned.",
    ]
    * 6
)
BODY = ".field-body .ProseMirror[contenteditable=true]"
WAITING = ".field-body .story-body-waiting"  # the body's stand-in before its editor is fetched
MEASURE = """() => {
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  return entries.map(e => [e.name, e.transferSize, e.initiatorType, e.encodedBodySize]);
}"""


def make_story() -> int:
    """An editor and a story in review with what a real one carries; the story's id."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles import workflow
    from articles.models import Article, ArticleAuthor, Section
    from articles.workflow.permissions import ensure_role_groups
    from authors.models import Author
    from sources.models import Attribution, CommentRequest, Source
    from sources.proposals import proposals_refresh

    ensure_role_groups()
    User = get_user_model()
    reporter = User.objects.create_user("bench-reporter", "r@example.com", PASSWORD, is_staff=True)
    reporter.groups.add(Group.objects.get(name="Reporters"))
    editor = User.objects.create_user("bench-editor", "e@example.com", PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    article = Article.objects.create(
        headline="Storm-damaged pier to reopen in May after a winter of repairs",
        slug=f"pier-reopens-{time.monotonic_ns()}",
        dek="The harbor board says the work cost more than planned.",
        body=BODY,
        section=Section.objects.get_or_create(slug="bench-city", defaults={"name": "City"})[0],
        created_by=reporter,
    )
    author = Author.objects.create(name="Rhea Moss", slug=f"rhea-moss-{article.pk}")
    ArticleAuthor.objects.create(article=article, author=author, position=0)
    Attribution.objects.create(
        article=article,
        source=Source.objects.create(name="Harbor board member"),
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a board member",
        anonymity_reason="because the budget is not final",
    )
    CommentRequest.objects.create(
        article=article, source=Source.objects.create(name="Harbor Board"), asked_by=reporter
    )
    proposals_refresh(article=article)
    workflow.submit_for_review(reporter, article)
    return article.pk


def start_runserver(port: int) -> subprocess.Popen:
    """The development server, as ./dev up runs it (DEBUG on, static files unhashed)."""
    from .data import database_url

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DATABASE_URL": database_url(),
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    return process


def visit(browser, base: str, path: str, width: int, *, warm_context=None) -> dict:
    """Log in (in a new context unless `warm_context`), open `path`; what it cost."""
    context = warm_context or browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    if warm_context is None:
        page.goto(f"{base}/admin/login/", wait_until="networkidle", timeout=60000)
        page.fill("#id_username", "bench-editor")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/", timeout=60000)
        # The measured visit starts with an empty cache: what a first visit of the day costs.
        cdp = context.new_cdp_session(page)
        cdp.send("Network.clearBrowserCache")
    started = time.perf_counter()
    page.goto(f"{base}{path}", wait_until="load", timeout=60000)
    loaded = (time.perf_counter() - started) * 1000
    page.wait_for_selector(BODY, timeout=60000)  # the body ready to type in
    page.wait_for_load_state("networkidle", timeout=60000)
    settled = (time.perf_counter() - started) * 1000 - 500  # networkidle waits 500 ms of quiet
    entries = page.evaluate(MEASURE)
    touch = first_touch(page, len(entries)) if warm_context is None else None
    page.close()
    return {
        "context": context,
        "loaded": loaded,
        "settled": settled,
        "entries": entries,
        "touch": touch,
    }


def first_touch(page, seen: int) -> dict | None:
    """Click into the body: the time until its editor is built, and what that fetched."""
    if not page.locator(WAITING).count():
        return None  # the editor came with the page
    started = time.perf_counter()
    page.locator(f"{WAITING} .ProseMirror").click()
    page.wait_for_selector(WAITING, state="detached", timeout=60000)
    built = (time.perf_counter() - started) * 1000
    entries = page.evaluate(MEASURE)[seen:]
    return {"built": built, "entries": entries}


def kind_of(url: str, initiator: str) -> str:
    """The resource's type, for the weight by type: page, script, style, font, image, data."""
    path = url.split("?")[0]
    if initiator == "navigation":
        return "page (HTML)"
    for ending, kind in ((".js", "script"), (".css", "style"), (".woff2", "font")):
        if path.endswith(ending):
            return kind
    if initiator in ("img", "image") or path.rsplit(".", 1)[-1] in ("png", "jpg", "svg", "webp"):
        return "image"
    return "data (fetch)" if initiator in ("fetch", "xmlhttprequest") else initiator


def weight(run: dict) -> float:
    return sum(entry[1] for entry in run["entries"]) / 1024


def bodies(run: dict) -> float:
    """The weight without response headers (what HTTP/2's header compression nearly gives)."""
    return sum(entry[3] for entry in run["entries"]) / 1024


def summarise(name: str, runs: list[dict], warms: list[dict]) -> None:
    first = runs[0]["entries"]
    print(
        f"{name:<11} first visit  {statistics.median(weight(r) for r in runs):7.1f} KB  "
        f"{len(first):3d} requests  "
        f"load {statistics.median(r['loaded'] for r in runs):6.0f} ms  "
        f"settled {statistics.median(r['settled'] for r in runs):6.0f} ms  "
        f"(runs: {', '.join(str(round(r['settled'])) for r in runs)})"
    )
    print(
        f"{'':11} {'':12} {statistics.median(bodies(r) for r in runs):7.1f} KB of it "
        "response bodies (the rest: headers)"
    )
    print(
        f"{'':11} second visit {statistics.median(weight(w) for w in warms):7.1f} KB  "
        f"{len(warms[0]['entries']):3d} requests  "
        f"load {statistics.median(w['loaded'] for w in warms):6.0f} ms  "
        f"settled {statistics.median(w['settled'] for w in warms):6.0f} ms"
    )
    touches = [r["touch"] for r in runs if r["touch"]]
    if touches:
        print(
            f"{'':11} first touch  {statistics.median(weight(t) for t in touches):7.1f} KB  "
            f"{len(touches[0]['entries']):3d} requests  "
            f"editor built {statistics.median(t['built'] for t in touches):6.0f} ms after the click"
        )
    by_kind: dict[str, list[float]] = {}
    for url, size, initiator, _ in first:
        by_kind.setdefault(kind_of(url, initiator), []).append(size / 1024)
    for kind, sizes in sorted(by_kind.items(), key=lambda item: -sum(item[1])):
        print(f"{'':13}{sum(sizes):7.1f} KB  {kind} ({len(sizes)})")
    print(f"{'':13}biggest:")
    for url, size, *_ in sorted(first, key=lambda e: -e[1])[:6]:
        print(f"{'':13}{size / 1024:7.1f} KB  {url.split('?')[0].rsplit('/', 2)[-1] or url}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="./dev bench story-page", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=5, help="cold visits per server (median)")
    parser.add_argument("--width", type=int, default=1366, help="the window's width in px")
    parser.add_argument(
        "--servers", default="dev,production", help="which servers to measure (dev,production)"
    )
    args = parser.parse_args(argv)
    from . import data

    data.setup_django()
    data.collect_static()
    old_name = data.create_database()
    servers = []
    try:
        from django.db import connection

        story = make_story()
        connection.close()
        path = f"/admin/articles/article/{story}/change/"
        dev_port, prod_port = free_port(), free_port()
        servers.append(start_runserver(dev_port))
        servers.append(start_gunicorn(port=prod_port, workers=2, page_cache=True))
        from playwright.sync_api import sync_playwright

        print(f"The story page of a story in review, {args.width} px, median of {args.runs}:")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            for name, port in (("dev", dev_port), ("production", prod_port)):
                base = f"http://localhost:{port}"
                if name not in args.servers.split(","):
                    continue
                visit(browser, base, path, args.width)  # warms the server's caches
                runs = [visit(browser, base, path, args.width) for _ in range(args.runs)]
                # The same person opening the story again: the browser's cache is warm.
                warms = [
                    visit(browser, base, path, args.width, warm_context=run["context"])
                    for run in runs
                ]
                summarise(name, runs, warms)
            browser.close()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        data.drop_database(old_name)
    return 0
