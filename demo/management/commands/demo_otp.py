"""Two-factor login for the demo logins (./dev up): an authenticator key for each demo user
who needs one, and the code it shows now, so a developer can log in without a phone."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.security import two_factor

# The files where ensure_admin and ensure_demo_logins remember the demo logins.
LOGIN_FILES = ("admin_login", "demo_logins")


def demo_usernames() -> list[str]:
    names = []
    for name in LOGIN_FILES:
        try:
            lines = (settings.BASE_DIR / ".local" / name).read_text().splitlines()
        except OSError:
            continue
        if name == "admin_login":
            names += lines[:1]
        else:
            names += [line.split(" ", 1)[0] for line in lines if line.strip()]
    return names


class Command(BaseCommand):
    help = (
        "Give demo logins that need two-factor login an authenticator key (once) and print "
        "the key and the current code. Only the logins ./dev up made (in .local/)."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        for user in User.objects.filter(username__in=demo_usernames()).order_by("username"):
            device = two_factor.confirmed_device(user)
            if device is None and not two_factor.required_for(user):
                continue
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
            secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
            code = str(totp(device.bin_key, device.step, device.t0, device.digits)).zfill(6)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Two-factor code for {user.username}: {code} (changes every 30 s; "
                    f"./dev manage demo_otp prints the current one; authenticator key {secret})"
                )
            )
