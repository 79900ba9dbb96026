"""Development: debug on, mail to the console; the secret key comes from ./dev (.local/)."""

from newsroom.settings.base import *  # noqa: F403
from newsroom.settings.base import env_bool

DEBUG = env_bool("DEBUG", True)
if not SECRET_KEY:  # noqa: F405
    SECRET_KEY = "dev-only-insecure-key-run-through-dev-to-get-a-generated-one"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
