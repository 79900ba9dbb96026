"""The cluster's drills, small, in the suite: a real primary and a streaming replica
(pg_basebackup), Redis, one app node (gunicorn, production settings) and two workers, on
free loopback ports under a temporary folder; then the replication-lag drill (the replica's
replay paused while an editor publishes) and the worker-kill drill (a worker SIGKILLed while
it holds a task). Nothing may be lost. deploy/drills_database.py and deploy/drills.py have
the drills, deploy/cluster.py the parts; `./dev cluster drill` runs them at full size.

It runs in `./dev test` and CI; only NEWSROOM_SKIP_CLUSTER_DRILLS=1 skips it.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))

import cluster  # noqa: E402  (deploy/cluster.py)
import drills  # noqa: E402
import drills_database  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("NEWSROOM_SKIP_CLUSTER_DRILLS") == "1",
        reason="NEWSROOM_SKIP_CLUSTER_DRILLS=1",
    ),
]

# The manifest the pages name static files by, without whitenoise's compressed copies of each
# file (a minute of CPU the drills do not need): the same staticfiles.json.
COLLECT_STATIC = """
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

plain = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
    call_command("collectstatic", interactive=False, verbosity=0)
"""

SEED = """
from django.contrib.auth import get_user_model
from articles import workflow
from articles.models import Article, ArticleAuthor, Section
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author

ensure_role_groups()
editor = get_user_model().objects.create_user("seed-editor", is_staff=True, is_superuser=True)
section = Section.objects.create(name="City", slug="city")
author = Author.objects.create(name="Rosa Park-Lindqvist", slug="rosa-park-lindqvist")
story = Article.objects.create(
    headline="Harbor ferry timetable", slug="harbor-ferry-timetable",
    dek="Night sailings from March.", body="<p>The council met on Tuesday.</p>",
    section=section, created_by=editor,
)
ArticleAuthor.objects.create(article=story, author=author, position=0)
workflow.submit_for_review(editor, story)
workflow.publish(editor, story)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((cluster.HOST, 0))
        return s.getsockname()[1]


def pg_bin() -> Path:
    for folder in [
        os.environ.get("PG_BIN", ""),
        *sorted(Path("/usr/lib/postgresql").glob("*/bin")),
    ]:
        if folder and (Path(folder) / "pg_basebackup").exists():
            return Path(folder)
    pytest.fail("PostgreSQL's server programs are needed (apt-get install postgresql)")


@pytest.fixture
def small_cluster(transactional_db, django_db_blocker, monkeypatch):
    """Primary, replica, Redis, app1, worker1 and worker2, loaded from the test database's
    schema (pg_dump, far quicker than migrating), with one story published; stopped after."""
    from django.db import connection

    if not shutil.which("redis-server"):
        pytest.fail("redis-server is needed (apt-get install redis-server): ./dev test installs it")
    # Not under pytest's own temporary folder: pytest keeps that owner-only, and as root
    # PostgreSQL runs as `postgres`, which must reach its data.
    state = Path(tempfile.mkdtemp(prefix="newsroom-cluster-drills-"))
    state.chmod(0o755)
    started = time.monotonic()
    monkeypatch.setattr(cluster, "STATE", state)
    monkeypatch.setattr(cluster, "PG_BIN", pg_bin())
    monkeypatch.setattr(cluster, "POOLED", False)
    monkeypatch.setattr(cluster, "PORTS", {name: free_port() for name in cluster.PORTS})
    monkeypatch.setattr(drills, "RECOVERY_LEASE", 5)
    monkeypatch.setenv("SECRET_KEY", "cluster-drill-test-" + "x" * 40)
    key = state / "signing_key.pem"
    subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; from cryptography.hazmat."
         "primitives import serialization as s; from cryptography.hazmat.primitives.asymmetric."
         "ed25519 import Ed25519PrivateKey as K; Path(sys.argv[1]).write_bytes(K.generate()."
         "private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()))", key],
        check=True,
    )  # fmt: skip
    monkeypatch.setenv("NEWSROOM_SIGNING_KEY_FILE", str(key))
    dump = state / "schema.dump"
    with django_db_blocker.unblock():
        params = connection.get_connection_params()
    # The test database (its schema, migrated), not the one the settings name.
    params["dbname"] = connection.creation._get_test_db_name()
    subprocess.run(
        [cluster.PG_BIN / "pg_dump", "-Fc", "-f", dump, "-d", params["dbname"],
         "-h", params.get("host") or "", "-p", str(params.get("port") or 5432),
         "-U", params.get("user") or "newsroom"],
        check=True, env={**os.environ, "PGPASSWORD": params.get("password") or ""},
    )  # fmt: skip
    try:
        cluster.make_primary()
        subprocess.run(
            [cluster.PG_BIN / "pg_restore", "--no-owner", "--no-acl", "-h", cluster.HOST,
             "-p", str(cluster.PORTS["primary"]), "-U", "newsroom", "-d", cluster.DB, dump],
            check=True,
        )  # fmt: skip
        cluster.start_redis()
        print(f"restored: {time.monotonic() - started:.1f} s")
        cluster.manage("shell", "-v", "0", "-c", COLLECT_STATIC + SEED, direct=True)
        print(f"seeded: {time.monotonic() - started:.1f} s")
        cluster.make_replica()
        cluster.start_app("app1")
        for name in ("worker1", "worker2"):
            cluster.start_worker(name)
        print(f"started: {time.monotonic() - started:.1f} s")
        yield cluster
    finally:
        cluster.down()
        shutil.rmtree(state, ignore_errors=True)


def test_replication_lag_and_a_killed_worker_lose_nothing(small_cluster):
    started = time.monotonic()
    lag = drills_database.drill_lag(pause=3.0)
    print(f"lag drill done: {time.monotonic() - started:.1f} s")
    print("lag drill:", lag)
    assert lag["editor sees"] == "new"  # read-your-writes
    assert lag["replica while paused"] == "old"  # the lag was real
    assert lag["readers on app nodes while paused"].get("new", 0) > 0
    assert lag["lost"] == 0

    worker = drills.drill_worker(mails=100, purges=10, rerenders=2, budget=40)
    print("worker drill:", worker, f"{time.monotonic() - started:.1f} s")
    assert worker["lost"] == 0
    assert worker["recovered"] == worker["running at the kill"]
