"""Benchmark settings: production's, plus the bench URLconf and the benchmark database.

DEBUG is off (so Django's cached template loader is on), WhiteNoise serves hashed static
files, connections persist (CONN_MAX_AGE from DATABASE_URL parsing). Two bench-only knobs,
read from the environment so gunicorn workers get them too:

- NEWSROOM_TEST_DB_NAME: the throw-away database the benchmark creates (test_newsroom_bench);
- NEWSROOM_BENCH_PAGE_CACHE=0: turns the whole-page cache off (PUBLIC_PAGE_CACHE), so every
  request renders its page; the menu and version keys are still cached, as on a real miss.
"""

import os
from pathlib import Path

os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
# Production insists on a shared cache; the benchmark measures one machine with no Redis,
# so it satisfies the check and then keeps each process's local-memory cache.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
# Production insists on the signing key's path; the benchmark signs with a throw-away key of
# its own, made on first use (NEWSROOM_SIGNING_KEY_CREATE below).
os.environ.setdefault(
    "NEWSROOM_SIGNING_KEY_FILE",
    str(Path(__file__).resolve().parent.parent / ".local" / "bench-signing-key.pem"),
)

from newsroom.settings.production import *  # noqa: E402, F403

# NEWSROOM_BENCH_SHARED_CACHE=1 keeps production's Redis cache (REDIS_URL): the edge benchmark
# starts a Redis of its own, so a publish in its process reaches the workers' page caches.
if os.environ.get("NEWSROOM_BENCH_SHARED_CACHE") != "1":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom-bench",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = BASE_DIR / ".local" / "bench-static"  # noqa: F405
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.environ.get("NEWSROOM_TEST_DB_NAME", "test_newsroom_bench"),
}
PUBLIC_PAGE_CACHE = os.environ.get("NEWSROOM_BENCH_PAGE_CACHE", "1") != "0"
# NEWSROOM_BENCH_STORED_PAGES=0: story pages rendered on every miss (articles.public.stored.pages off).
PUBLIC_STORED_PAGES = os.environ.get("NEWSROOM_BENCH_STORED_PAGES", "1") != "0"
# The client talks plain HTTP on loopback with no TLS proxy in front: production's redirect
# to https would answer every request with a 301 and measure nothing.
SECURE_SSL_REDIRECT = False
NEWSROOM_SIGNING_KEY_CREATE = True
