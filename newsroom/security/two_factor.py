"""Two-factor login (TOTP, django-otp): who must use it, enrolment and verification.

- Every staff user may turn it on (an authenticator app; one TOTP device per user).
- A user who can see confidential source identities (settings.OTP_REQUIRED_PERMISSION,
  superusers included) must: without a confirmed device they are sent to enrol before any
  admin page opens.
- A user with a confirmed device enters a code after their password at every login: the
  session counts as verified only once `verify` (or `confirm`, at enrolment) accepted one.

`next_step(request)` names what an admin request still needs ("enrol", "verify" or None);
`newsroom.security.two_factor_views.TwoFactorMiddleware` sends the user there.
"""

from django.conf import settings
from django.middleware.csrf import rotate_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def required_for(user) -> bool:
    """Whether this user may not use the admin without a second factor."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(settings.OTP_REQUIRED_PERMISSION)
    )


def offered_to(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_confirmed_device(user) -> bool:
    """Whether the user has a confirmed device: the request's user knows it from the query
    that loaded it (newsroom.security.auth_backend); any other user is asked."""
    known = getattr(user, "has_confirmed_device", None)
    if known is not None:
        return known
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(request) -> bool:
    user = request.user
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def next_step(request) -> str | None:
    """ "verify" (has a device, session not verified), "enrol" (required, no device) or None."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return None
    if has_confirmed_device(user):
        return "verify"
    if required_for(user):
        return "enrol"
    return None


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (its secret stays the same across page loads)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def _clean(token: str) -> str:
    return "".join(ch for ch in str(token) if ch.isdigit())[:8]


def _accepts(device: TOTPDevice, token: str) -> tuple[bool, str]:
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        # django-otp doubles the wait after each wrong code (1 s, 2 s, 4 s, ...).
        return False, "Too many wrong codes in a row: wait a few seconds, then try again."
    token = _clean(token)
    if len(token) != device.digits:
        return False, f"Enter the {device.digits}-digit code your authenticator app shows."
    if not device.verify_token(token):
        return False, "That code is not right (or was already used). Enter the current one."
    return True, ""


def confirm(request, token: str) -> tuple[bool, str]:
    """Confirm the user's pending device with a code from it; the session becomes verified."""
    device = pending_device(request.user)
    ok, error = _accepts(device, token)
    if ok:
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _verified(request, device)
    return ok, error


def verify(request, token: str) -> tuple[bool, str]:
    """Check a code from the user's device at login; the session becomes verified."""
    device = confirmed_device(request.user)
    if device is None:
        return False, "You have no authenticator app set up."
    ok, error = _accepts(device, token)
    if ok:
        _verified(request, device)
    return ok, error


def _verified(request, device) -> None:
    """The session counts as verified, under a new key and a new CSRF token: Django renews
    them at the password step only, so a session cookie captured between the password and
    the code would otherwise become a fully verified session."""
    otp_login(request, device)
    request.session.cycle_key()
    rotate_token(request)


def turn_off(user) -> tuple[bool, str]:
    """Remove the user's devices, unless the second factor is required for them."""
    if required_for(user):
        return False, (
            "Two-factor login is required for users who can see confidential sources; "
            "it cannot be turned off."
        )
    TOTPDevice.objects.filter(user=user).delete()
    return True, ""
