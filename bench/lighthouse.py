"""Lighthouse on every public page type, as readers' phones and desktops meet them.

    ./dev bench lighthouse [--stories N] [--only home,story] [--desktop-only | --mobile-only]

A throw-away database (test_newsroom_lighthouse) with the demo newsroom (its pictures made
into renditions by the task worker, as in production; `--stories` adds generated stories,
whose pictures are never made, so their pages show broken images), gunicorn with production settings (bench.settings: DEBUG off, hashed and compressed static
files, the page cache on), and Lighthouse (the npm package pinned in bench/lighthouse/,
installed into .local/lighthouse, driving Debian's Chromium) on one address of each page
type, mobile (Lighthouse's default: a mid-range phone on a slow 4G link) and desktop. Prints
the four category scores per page and form factor and writes the whole table to
bench/results/lighthouse-<time>.json (each whole report stays in .local/lighthouse/reports/,
to open in Lighthouse's viewer). The issue's bar: every score ≥ 98 (search's SEO is
its intended noindex).
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINNED = ROOT / "bench" / "lighthouse"
INSTALL = ROOT / ".local" / "lighthouse"
REPORTS = INSTALL / "reports"  # the last run's whole reports, one per page and form factor
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-quic "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BAR = 98


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="./dev bench lighthouse", description=__doc__)
    parser.add_argument(
        "--stories",
        type=int,
        default=0,
        help="generated stories besides the demo (theirs point at pictures that are not made)",
    )
    parser.add_argument("--only", default="", help="comma-separated page types (home,story,...)")
    forms = parser.add_mutually_exclusive_group()
    forms.add_argument("--mobile-only", action="store_true")
    forms.add_argument("--desktop-only", action="store_true")
    return parser.parse_args(argv)


def lighthouse_binary() -> Path:
    """The pinned Lighthouse, installed (npm ci from the committed lock) when missing or stale."""
    binary = INSTALL / "node_modules" / ".bin" / "lighthouse"
    installed = INSTALL / "package-lock.json"
    pinned = PINNED / "package-lock.json"
    if binary.exists() and installed.exists() and installed.read_bytes() == pinned.read_bytes():
        return binary
    if not shutil.which("npm"):
        sys.exit("npm is needed for Lighthouse: apt-get install nodejs npm")
    INSTALL.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PINNED / name, INSTALL / name)
    print("Installing Lighthouse (npm ci, bench/lighthouse/package-lock.json) ...", flush=True)
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=INSTALL, check=True
    )
    return binary


def page_types() -> dict[str, str]:
    """One address per public page type, from what the database holds."""
    from django.utils import timezone

    from articles.models import PublishedArticle, Section
    from authors.models import Author

    live = PublishedArticle.objects.filter(status="live", published_at__lte=timezone.now())
    with_picture = live.exclude(lead_image={}).order_by("-published_at").first()
    without = live.filter(lead_image={}).order_by("-published_at").first()
    tagged = live.exclude(tag_slugs=[]).order_by("-published_at").first()
    covered = live.filter(article__live__state="live").order_by("-published_at").first()
    section = Section.objects.filter(articles__snapshot__isnull=False).distinct().first()
    author = Author.objects.filter(articles__snapshot__isnull=False).distinct().first()
    pages = {
        "home": "/",
        "section": f"/{section.slug}/" if section else None,
        "story with picture": with_picture.url_path if with_picture else None,
        "story, text only": without.url_path if without else None,
        "live story": covered.url_path if covered else None,
        "author": f"/authors/{author.slug}/" if author else None,
        "tag": f"/tags/{tagged.tag_slugs[0]}/" if tagged else None,
        "search": "/search/?q=harbor",
        "corrections": "/corrections/",
        "policy page": "/policies/corrections-policy/",
        "about": "/about/",
    }
    return {name: path for name, path in pages.items() if path}


def run_lighthouse(binary: Path, url: str, *, desktop: bool) -> dict:
    """Lighthouse's category scores (0-100) for `url`, and the ids of the audits that failed."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    slug = "".join(c if c.isalnum() else "-" for c in url.split("//", 1)[-1].split("/", 1)[-1])
    report = REPORTS / f"{slug.strip('-') or 'home'}-{'desktop' if desktop else 'mobile'}.json"
    with tempfile.TemporaryDirectory(prefix="newsroom-lighthouse-") as scratch:
        command = [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS} --user-data-dir={scratch}/profile",
        ]
        if desktop:
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        for attempt in range(3):  # a loaded machine sometimes loses the trace (NO_NAVSTART)
            done = subprocess.run(command, env=env, timeout=240, check=False)
            if done.returncode == 0:
                break
            print(f"    (Lighthouse failed, exit {done.returncode}; attempt {attempt + 2} of 3)")
        else:
            raise RuntimeError(f"Lighthouse failed three times on {url}")
        result = json.loads(report.read_text())
    scores = {name: round((result["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    # What cost points: the weighted audits of each category that did not pass.
    audits = result["audits"]
    scores["failed"] = sorted(
        {
            ref["id"]
            for name in CATEGORIES
            for ref in result["categories"][name]["auditRefs"]
            if ref.get("weight")
            and audits[ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")
            and (audits[ref["id"]].get("score") or 0) < 0.9
        }
    )
    scores["details"] = _details(audits)
    return scores


def _details(audits: dict) -> list[str]:
    """The console's errors and the elements that shifted, said in a line each."""
    lines = []
    for item in (audits.get("errors-in-console", {}).get("details") or {}).get("items", []):
        where = (item.get("sourceLocation") or {}).get("url", "")
        lines.append(f"console: {str(item.get('description'))[:100]} {where}")
    for item in (audits.get("layout-shifts", {}).get("details") or {}).get("items", []):
        node = item.get("node") or {}
        lines.append(f"shift {item.get('score', 0):.3f}: {node.get('selector', '?')}")
    return lines


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    binary = lighthouse_binary()
    from .loadtest import free_port, start_gunicorn

    os.environ.setdefault("NEWSROOM_TEST_DB_NAME", "test_newsroom_lighthouse")
    media = Path(tempfile.mkdtemp(prefix="newsroom-lighthouse-media-"))
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ["NEWSROOM_BENCH_SERVE_MEDIA"] = "1"  # bench/urls.py: as a web server would
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    from . import data

    data.setup_django()
    data.collect_static()
    old_name = data.create_database()
    server = None
    rows = []
    try:
        from django.core.management import call_command
        from django.db import connection

        print(f"Lighthouse benchmark database: {connection.settings_dict['NAME']}")
        if args.stories:
            data.generate(args.stories)
        from demo.loader import load_demo

        load_demo()
        print("Making the demo's renditions (the task worker, --batch) ...", flush=True)
        call_command("db_worker", batch=True, verbosity=0)
        pages = page_types()
        if args.only:
            wanted = [name.strip() for name in args.only.split(",")]
            pages = {n: p for n, p in pages.items() if any(n.startswith(w) for w in wanted)}
        os.environ["DATABASE_URL"] = data.database_url()
        port = free_port()
        server = start_gunicorn(port=port, workers=2, page_cache=True)
        forms = [False, True]
        if args.mobile_only:
            forms = [False]
        if args.desktop_only:
            forms = [True]
        load = os.getloadavg()[0]
        print(f"gunicorn on :{port}; load average {load:.1f} on {os.cpu_count()} CPUs")
        print(f"\n{'page':<20} {'form':<8} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES))
        for name, path in pages.items():
            url = f"http://127.0.0.1:{port}{path}"
            for desktop in forms:
                started = time.monotonic()
                scores = run_lighthouse(binary, url, desktop=desktop)
                form = "desktop" if desktop else "mobile"
                below = [c for c in CATEGORIES if scores[c] < BAR]
                failed = ", ".join(scores["failed"])
                flag = f"  below {BAR}: {', '.join(below)} ({failed})" if below else ""
                print(
                    f"{name:<20} {form:<8} "
                    + " ".join(f"{scores[c]:>13}" for c in CATEGORIES)
                    + f"  ({time.monotonic() - started:.0f} s){flag}",
                    flush=True,
                )
                for line in scores.pop("details"):
                    print(f"    {line}")
                rows.append({"page": name, "path": path, "form": form, **scores})
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        data.drop_database(old_name)
        shutil.rmtree(media, ignore_errors=True)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    out = results / f"lighthouse-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(rows, indent=1))
    print(f"\nWritten: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
