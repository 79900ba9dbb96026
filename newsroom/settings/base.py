"""Settings shared by every environment, read from the environment.

Environment variables: DATABASE_URL, DATABASE_POOLED (1: it is PgBouncer in transaction
mode), DATABASE_REPLICA_URLS, SECRET_KEY, DEBUG, ALLOWED_HOSTS,
MEDIA_ROOT, REDIS_URL, SITE_URL, EMAIL_URL-free mail settings via Django defaults,
NEWSROOM_SIGNING_KEY_FILE and NEWSROOM_SIGNING_KEY_ID (the key published versions are
signed with).
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise ImproperlyConfigured(
            "DATABASE_URL is not set. Run Django through ./dev (which starts the project's "
            "own PostgreSQL) or set DATABASE_URL=postgres://user:password@host:port/name."
        )
    return database_from_url(url, "DATABASE_URL", pooled=env_bool("DATABASE_POOLED"))


def database_from_url(url: str, variable: str, *, pooled: bool = False) -> dict:
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"{variable} must point at PostgreSQL (got engine {config['ENGINE']}): search, "
            "row locks and arrays are PostgreSQL features."
        )
    if pooled:
        # Behind PgBouncer in transaction mode a session is lent for one transaction only:
        # a server-side cursor (iterator()) would outlive it, and psycopg's prepared
        # statements would be looked for on another server connection.
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
        config.setdefault("OPTIONS", {})["prepare_threshold"] = None
    return config


def replica_databases(urls: list[str]) -> dict[str, dict]:
    """DATABASE_REPLICA_URLS as database aliases: replica1, replica2, …"""
    return {
        f"replica{number}": database_from_url(url, "DATABASE_REPLICA_URLS")
        for number, url in enumerate(urls, 1)
    }


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "The Newsroom Ledger")
# The organization in every page's JSON-LD: its logo (a static file, square, at least 112 px)
# and its profiles elsewhere (schema.org sameAs), comma-separated absolute addresses.
ORGANIZATION_LOGO = os.environ.get("ORGANIZATION_LOGO", "img/logo.png")
ORGANIZATION_LOGO_SIZE = os.environ.get("ORGANIZATION_LOGO_SIZE", "512x512")  # of that file
if not re.fullmatch(r"\d{2,5}x\d{2,5}", ORGANIZATION_LOGO_SIZE):
    raise ImproperlyConfigured(
        f"ORGANIZATION_LOGO_SIZE is {ORGANIZATION_LOGO_SIZE!r}: give the logo's width and "
        "height in pixels as WIDTHxHEIGHT, e.g. 512x512."
    )
ORGANIZATION_LOGO_SIZE = tuple(int(n) for n in ORGANIZATION_LOGO_SIZE.split("x"))
ORGANIZATION_SAME_AS = env_list("ORGANIZATION_SAME_AS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomConfig",
    "newsroom.apps.NewsroomAdminConfig",  # django.contrib.admin with the newsroom's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "django_prose_editor",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "authors",
    "articles",
    "sources",
    "demo",  # the demo newsroom ./dev up loads; no core app imports it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.security.input_guard.StripNulMiddleware",  # before anything reads GET or POST
    "newsroom.security.csp_header.CachedCSPMiddleware",  # django-csp's, the header built once
    "newsroom.security.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A reader's cached page is answered here, with the headers above and nothing below.
    "articles.public.page_cache.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsroom.security.otp_session.OTPMiddleware",  # django-otp's, sparing a query
    "newsroom.security.two_factor_views.TwoFactorMiddleware",
    "sources.middleware.ConfidentialLookupGuard",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.security.AdminMediaNonceMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": database_from_env()}
# Read replicas (newsroom.ops.db_router): readers' pages read from them, editorial work and every
# write use DATABASE_URL. Unset: one database, no router.
DATABASES.update(replica_databases(env_list("DATABASE_REPLICA_URLS")))
DATABASE_REPLICAS = [alias for alias in DATABASES if alias != "default"]
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["newsroom.ops.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(1, "newsroom.ops.db_router.ReplicaReadsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
FILE_UPLOAD_PERMISSIONS = 0o644
# Largest picture file accepted, in bytes (articles.images.uploads names both sizes when refusing).
IMAGE_UPLOAD_MAX_BYTES = int(os.environ.get("IMAGE_UPLOAD_MAX_MB", 25)) * 1_000_000
# Uploads wait here, metadata and all, until the task worker stores them cleaned: never served.
IMAGE_INCOMING_ROOT = Path(os.environ.get("IMAGE_INCOMING_ROOT", BASE_DIR / ".local" / "incoming"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        # Django's RedisCache, failing soft while Redis is down (newsroom.ops.cache).
        "default": {"BACKEND": "newsroom.ops.cache.DegradingRedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 5000},  # it holds whole public pages
        }
    }
# Sessions are read from the shared cache and written through to the database (a staff
# request reads no session row). Only with a cache every process shares: with a local one, a
# logout in one process would leave the session alive in another's memory.
SESSION_ENGINE = f"django.contrib.sessions.backends.{'cached_db' if REDIS_URL else 'db'}"

# The edge cache in front (articles.public.edge, deploy/varnish.vcl): where publishes send their
# xkey purges ("http://127.0.0.1:8080/,…"; empty = no edge), and how long it keeps a page.
EDGE_PURGE_URLS = env_list("EDGE_PURGE_URLS")
EDGE_SECONDS = int(os.environ.get("EDGE_SECONDS", 3600))
# Background work (Django's tasks API through the django-tasks backport): mail and edge purges
# are queued in PostgreSQL (django-tasks-db) and run by `manage.py db_worker`, which ./dev up
# starts. With the worker down the work waits in the queue; nothing a user sees breaks.
# NEWSROOM_TASKS=immediate runs tasks at once in the request instead (no worker needed).
TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
TASKS = {"default": TASK_BACKENDS[os.environ.get("NEWSROOM_TASKS", "database")]}

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
if os.environ.get("EMAIL_FILE_PATH"):  # the file backend's folder (the cluster's drills count mail)
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]

TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# django-axes counts failed logins; its backend must come first (it needs the request). The
# second is Django's ModelBackend reading the request's user, permissions and second factor in
# one query (newsroom.security.auth_backend). Sessions name the backend that logged them in:
# those made under django.contrib.auth.backends.ModelBackend log in again, once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "newsroom.security.auth_backend.OneQueryModelBackend",
]
AXES_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 30)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # that user from that address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
AXES_USERNAME_CALLABLE = "newsroom.security.login_username"
AXES_VERBOSE = False  # newsroom.security logs each login itself
# Trusted reverse proxies in front of the app (X-Forwarded-For entries to count from the right).
NEWSROOM_PROXY_COUNT = int(os.environ.get("NEWSROOM_PROXY_COUNT", 0))

# Signed versions of published stories (articles.versions, docs/signed-versions.md): the
# newsroom's Ed25519 private key (a PEM file only the app reads), and the id readers see.
NEWSROOM_SIGNING_KEY_FILE = os.environ.get("NEWSROOM_SIGNING_KEY_FILE", "")
NEWSROOM_SIGNING_KEY_ID = os.environ.get("NEWSROOM_SIGNING_KEY_ID", "")
NEWSROOM_SIGNING_KEY_CREATE = False  # development and tests create the file on first use

# Two-factor login (newsroom.security.two_factor): required for whoever has this permission.
OTP_REQUIRED_PERMISSION = "sources.view_confidential_source"
OTP_TOTP_ISSUER = SITE_NAME

# Content-Security-Policy (django-csp 4). No page runs inline script: public pages need no
# allowance at all (their JSON-LD is a data block, which browsers neither execute nor check
# against script-src), so their header is the same for everyone and cached pages stay valid.
# NONCE adds a per-request nonce only on pages that used one: the admin's story editor loads
# its modules through an inline import map (newsroom.security.AdminMediaNonceMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The story editor (django-prose-editor 0.28, Tiptap) adds one <style> element with
        # its core rules, allowed by its hash; an upgrade that changes it fails
        # tests/browser/test_csp_browser.py, whose message gives the new hash.
        "style-src": [SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        "img-src": [SELF, "data:"],  # add the object storage's origin if media moves there
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The story body's paste clean-up (static/js/admin-story-paste.js, issue 26): an editor
# extension of ours, "NewsroomPaste" in articles.models.BODY_EXTENSIONS. It adds no tags to
# what the server keeps.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/admin-story-paste.js")],
        "extensions": {"NewsroomPaste": html_tags([])},
    },
    # A gallery placed in the body (issue 22): <figure data-gallery="12"></figure>, kept by
    # the editor as one block (static/js/admin-story-gallery.js) and by newsroom.html.
    {
        "js": [static_lazy("js/admin-story-gallery.js")],
        "extensions": {"NewsroomGallery": html_tags(["figure"], {"figure": ["data-gallery"]})},
    },
    # An outside player by address (issue 22): <figure data-embed="youtube" data-embed-id=…>,
    # one block (static/js/admin-story-embed.js), checked by articles.embeds.providers.
    {
        "js": [static_lazy("js/admin-story-embed.js")],
        "extensions": {
            "NewsroomEmbed": html_tags(
                ["figure"],
                {
                    "figure": [
                        "data-embed",
                        "data-embed-id",
                        "data-embed-title",
                        "data-embed-caption",
                        "data-embed-credit",
                    ]
                },  # fmt: skip
            )
        },
    },
]
# A video or sound of the library placed in the body (issue 22): <figure data-clip="12">,
# one block (static/js/admin-story-clip.js); articles.clips.in_stories renders it.
DJANGO_PROSE_EDITOR_EXTENSIONS.append(
    {
        "js": [static_lazy("js/admin-story-clip.js")],
        "extensions": {"NewsroomClip": html_tags(["figure"], {"figure": ["data-clip"]})},
    }
)
# Powerful browser features no page here uses (newsroom.security.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "interest-cohort",
    )
}

# ADMINS="ops@example.org,dev@example.org" also mails each server error (optional).
ADMINS = [(address, address) for address in env_list("ADMINS")]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.ops.jsonlog.JsonFormatter"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Server errors with their tracebacks, one JSON object per line on stderr. With
        # DEBUG on, Django's own console handler prints them for the developer instead;
        # Django's "django" logger also mails them to ADMINS, when set.
        "errors": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
        "json": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "newsroom": {"handlers": ["console"], "level": "INFO"},
        "newsroom.auth": {"handlers": ["json"], "level": "INFO", "propagate": False},
        "sources.confidential": {"handlers": ["console"], "level": "INFO"},
        "django.request": {"handlers": ["errors"]},
    },
}
