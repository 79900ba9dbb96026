"""Production: refuses to start without a real secret key, allowed hosts, a shared cache and
the site's public address."""

import os

from django.core.exceptions import ImproperlyConfigured

from newsroom.settings.base import *  # noqa: F403
from newsroom.settings.base import env_bool

DEBUG = False

if not os.environ.get("SECRET_KEY") or len(os.environ["SECRET_KEY"]) < 32:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 32 characters in production."
    )
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production (comma-separated host names)."
    )

if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production: every app process must share one cache, or a "
        "story unpublished in one process stays on pages cached by the others."
    )
if not os.environ.get("SITE_URL"):
    raise ImproperlyConfigured(
        "SITE_URL must be set in production (e.g. https://news.example.org): canonical links, "
        "feeds, sitemaps and structured data print it."
    )

if not os.environ.get("NEWSROOM_SIGNING_KEY_FILE"):
    raise ImproperlyConfigured(
        "NEWSROOM_SIGNING_KEY_FILE must be set in production: the path of the newsroom's Ed25519 "
        "private key, which signs every published version (docs/signed-versions.md)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Subdomains and the preload list are the site owner's decision (set the variables above);
# the deployment check should not fail for leaving them off.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# WhiteNoise serves compressed, hashed static files right after the security middleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
