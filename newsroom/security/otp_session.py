"""django-otp's middleware, without a query when the session's device is one the user's own
query already named (newsroom.security.auth_backend: the ids of their confirmed devices).

django-otp marks a session verified by keeping its device's persistent id in it, and on
every request loads that device to check it still exists, is confirmed and is the user's.
When the id names one of the confirmed TOTP devices read with the user, those checks are
answered already: `user.otp_device` is then that device, loaded only if something reads it.
Anything else (another kind of device, a device gone or not the user's, a user loaded
elsewhere) goes django-otp's own way, which also forgets a stale id.
"""

import re

from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

_TOTP_ID = re.compile(rf"{TOTPDevice._meta.app_label}\.{TOTPDevice._meta.model_name}/([0-9]+)")


class OTPMiddleware(DjangoOTPMiddleware):
    def _verify_user_sync(self, request, user):
        known = getattr(user, "confirmed_device_ids", None) if user.is_authenticated else None
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY) if known else None
        match = persistent_id and _TOTP_ID.fullmatch(self._normalize_persistent_id(persistent_id))
        if not match or int(match[1]) not in known:
            return super()._verify_user_sync(request, user)
        self._init_user_fields(user)
        device_id = int(match[1])
        user.otp_device = SimpleLazyObject(lambda: TOTPDevice.objects.get(pk=device_id))
        return user
