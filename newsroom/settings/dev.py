"""Development: debug on, mail to the console; the secret key and the signing key come from
./dev (.local/)."""

from newsroom.settings.base import *  # noqa: F403
from newsroom.settings.base import env_bool

DEBUG = env_bool("DEBUG", True)
if not SECRET_KEY:  # noqa: F405
    SECRET_KEY = "dev-only-insecure-key-run-through-dev-to-get-a-generated-one"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# ./dev creates .local/signing_key.pem; a server started another way creates it on first use.
_default_key = str(BASE_DIR / ".local" / "signing_key.pem")  # noqa: F405
NEWSROOM_SIGNING_KEY_FILE = NEWSROOM_SIGNING_KEY_FILE or _default_key  # noqa: F405
NEWSROOM_SIGNING_KEY_CREATE = True
