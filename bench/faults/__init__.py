"""Fault drills: nothing lost when PostgreSQL restarts, workers die, or load goes on for long.

`./dev bench faults` (or `python -m bench.faults`) runs three drills, a module each, against
gunicorn on 127.0.0.1 with production settings (bench.settings) and prints their figures:

1. **PostgreSQL outage** (outage.py): public pages under load (8 connections) while the
   database is stopped (`pg_ctl stop -m fast`) for `--outage-seconds` and started again: the
   errors during the outage and the seconds from "PostgreSQL is back" to the last failed
   request.
2. **Killed workers** (kills.py): a gunicorn worker is killed with SIGKILL three times under
   load: the requests lost (connection errors and 5xx) and how soon gunicorn replaced it.
3. **Soak** (soak.py): `--soak-seconds` (default 300) at `--connections` (64) over mixed
   public addresses (stories, home, sections, authors, tags, search, feeds, sitemaps, API),
   while an editor saves and publishes demo stories every few seconds through
   `articles.workflow.transitions`. It asserts 0 responses 5xx, worker memory (RSS) growth
   under 10% after warm-up, and every story intact: a checksum of each story's text,
   snapshots and attributions before and after, the stories the editor changed checked
   against what the editor wrote.

It never touches the project's cluster (other people's tests use it): it makes its own
throw-away PostgreSQL cluster in /tmp (cluster.py), creates `newsroom_faults` in it, seeds it
with bench/data.py's generated stories plus the demo newsroom (sources, confidential records,
pictures), and removes the cluster at the end. The load, the addresses and gunicorn's workers
are watched by load.py. The page cache is off in every drill, so each request reaches
PostgreSQL. Everything it stopped is started again, whatever happens. Exit status 1 when a
check fails.
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

from ..loadtest import start_gunicorn
from .cluster import Cluster
from .kills import kill_drill, kill_report
from .load import check_urls, public_urls, wait_for_workers
from .outage import outage_drill, outage_report
from .soak import soak_drill, soak_report

FAULTS_DB = "newsroom_faults"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="./dev bench faults", description=__doc__.splitlines()[0])
    parser.add_argument("--soak-seconds", type=float, default=300.0, help="soak length")
    parser.add_argument("--soak-warmup", type=float, default=20.0, help="before the RSS baseline")
    parser.add_argument("--connections", type=int, default=64, help="soak client connections")
    parser.add_argument("--outage-seconds", type=float, default=3.0, help="PostgreSQL down for")
    parser.add_argument("--edit-every", type=float, default=3.0, help="seconds between edits")
    parser.add_argument("--stories", type=int, default=2000, help="generated stories")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    cluster = Cluster()
    print(f"Throw-away PostgreSQL cluster in {cluster.base} (PostgreSQL from {cluster.bin})")
    server = server_log = None
    checks: list[tuple[str, bool, str]] = []
    try:
        cluster.create()
        os.environ["DATABASE_URL"] = cluster.url("postgres")
        os.environ["NEWSROOM_TEST_DB_NAME"] = FAULTS_DB
        os.environ["MEDIA_ROOT"] = str(cluster.base / "media")
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
        from .. import data

        data.setup_django()
        data.collect_static()
        data.create_database()
        from django.db import connection

        print(f"Faults database: {connection.settings_dict['NAME']}")
        data.generate(args.stories)
        from demo.loader import load_demo

        load_demo()
        os.environ["DATABASE_URL"] = data.database_url()
        urls = public_urls()
        connection.close()

        # The workers log every error of the outage drill: kept out of the figures.
        log_path = Path(data.__file__).resolve().parent.parent / ".local" / "faults-gunicorn.log"
        server_log = open(log_path, "w")  # noqa: SIM115 (closed at the end)
        print(f"gunicorn's log: {log_path}")

        def serve():
            from ..loadtest import free_port

            port = free_port()
            process = start_gunicorn(
                port=port, workers=args.workers, page_cache=False, log=server_log
            )
            wait_for_workers(process.pid, args.workers)
            return port, process

        def stop(process):
            process.terminate()
            process.wait(timeout=30)

        print("\n1. PostgreSQL stopped and started under load (8 connections, page cache off)")
        port, server = serve()
        urls = check_urls(port, urls)
        print(f"  {len(set(urls))} public addresses in the mix")
        outage = outage_drill(port, urls, cluster, args.outage_seconds)
        stop(server)
        checks += outage_report(outage, args)

        print("\n2. A gunicorn worker killed with SIGKILL three times (8 connections)")
        port, server = serve()
        kills = kill_drill(port, urls, server.pid, args.workers)
        stop(server)
        kill_report(kills)

        print(
            f"\n3. Soak: {args.soak_seconds:g} s at {args.connections} connections, "
            f"{args.workers} workers, an edit every {args.edit_every:g} s"
        )
        port, server = serve()
        soak = soak_drill(port, urls, server.pid, args)
        stop(server)
        server = None
        checks += soak_report(soak)
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        try:
            from django.db import connection

            connection.close()
        except Exception:  # Django may not be set up yet
            pass
        cluster.destroy()
        if server_log is not None:
            server_log.close()
    print("\nChecks:")
    for name, ok, figure in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name} ({figure})")
    return 0 if all(ok for _, ok, _ in checks) else 1
