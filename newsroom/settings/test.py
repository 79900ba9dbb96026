"""Tests: the same PostgreSQL as development, a separate test database, fast hashing."""

import os
import tempfile

from newsroom.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = SECRET_KEY or "test-only-secret-key"  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run at once in tests; tests/newsroom/ops/test_task_queue.py runs the real queue.
TASKS = {"default": TASK_BACKENDS["immediate"], "queue": TASK_BACKENDS["database"]}  # noqa: F405
# The fronts a publish touches are made on their next request, not at once after every publish
# of the suite (articles.public.stored.fronts; its own tests turn this on).
PUBLIC_STORED_FRONTS_REMAKE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# ./dev test runs the suite in parallel (pytest-xdist): each worker is its own process with these
# settings, so it gets its own media folder and its own in-memory cache (every test clears the
# cache: a shared Redis from REDIS_URL would let one worker empty another's). pytest-django gives
# each worker its own test database by suffixing the TEST NAME below: test_newsroom_gw0, ...
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))  # noqa: F405
IMAGE_INCOMING_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-incoming-"))  # noqa: F405
# Each test process signs with a key of its own, made on first use (never a real key).
NEWSROOM_SIGNING_KEY_FILE = str(Path(tempfile.mkdtemp(prefix="newsroom-test-key-")) / "key.pem")  # noqa: F405
NEWSROOM_SIGNING_KEY_ID = "test-key"
NEWSROOM_SIGNING_KEY_CREATE = True
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "newsroom",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# As production with its shared Redis: each test process is one process (the live server is a
# thread of it), so its local memory is shared by everything that reads a session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
ALLOWED_HOSTS = ["*"]
# Several sessions may test against one cluster at once: each can name its own database.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.environ.get("NEWSROOM_TEST_DB_NAME", "test_newsroom"),
}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Replicas are the test database itself (TEST MIRROR). "replica" is always there for the tests
# of newsroom.ops.db_router, which install the router; without it nothing routes there.
for _alias in [*DATABASE_REPLICAS, "replica"]:  # noqa: F405
    DATABASES[_alias] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
