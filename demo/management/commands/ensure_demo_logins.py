"""Give the demo reporter and editor generated passwords and print their logins (for ./dev up)."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.loader import demo_users
from newsroom.security import two_factor

LOGIN_FILE = settings.BASE_DIR / ".local" / "demo_logins"


class Command(BaseCommand):
    help = "Make sure demo-reporter and demo-editor can log in; print their logins."

    def handle(self, *args, **options):
        remembered = self._remembered()
        reporter, editor = demo_users()
        changed = False
        for user in (reporter, editor):
            password = remembered.get(user.username)
            if not password or not user.check_password(password):
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.is_staff = True
                user.save(update_fields=["password", "is_staff"])
                remembered[user.username] = password
                changed = True
        if changed:
            self._remember(remembered)
        for user, role in ((reporter, "Reporter"), (editor, "Editor")):
            line = f"{role} login: {user.username} / {remembered[user.username]}"
            if two_factor.required_for(user):
                # The Standards editors' logins ask for a code after the password.
                line += " (then the two-factor code printed below; ./dev manage demo_otp)"
            self.stdout.write(self.style.SUCCESS(line))

    def _remembered(self) -> dict[str, str]:
        try:
            lines = LOGIN_FILE.read_text().splitlines()
        except OSError:
            return {}
        return dict(line.split(" ", 1) for line in lines if " " in line)

    def _remember(self, logins: dict[str, str]) -> None:
        LOGIN_FILE.parent.mkdir(exist_ok=True)
        LOGIN_FILE.write_text("".join(f"{name} {pw}\n" for name, pw in logins.items()))
        LOGIN_FILE.chmod(0o600)
