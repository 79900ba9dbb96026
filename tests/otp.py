"""Two-factor helpers for tests: a confirmed TOTP device, its current code, and a test
client session that has passed the second step, as a real login through it leaves it."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.security import two_factor


def device_for(user) -> TOTPDevice:
    """The user's confirmed authenticator device, created if they have none."""
    device = two_factor.confirmed_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the device shows now. The device forgets the last code it accepted, so a
    test may log the same user in twice within one 30-second step."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(code).zfill(device.digits)


def needs_second_factor(user) -> bool:
    return two_factor.required_for(user) or two_factor.confirmed_device(user) is not None


def verify_session(client, user) -> None:
    """Mark the client's logged-in session as having entered a code from `user`'s device."""
    device = device_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
