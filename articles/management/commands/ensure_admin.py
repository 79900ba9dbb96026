"""Create an admin login if none exists and print it (the password is generated, never fixed)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

LOGIN_FILE = settings.BASE_DIR / ".local" / "admin_login"


class Command(BaseCommand):
    help = "Create a superuser 'admin' with a generated password if there is no superuser; print the login."

    def handle(self, *args, **options):
        User = get_user_model()
        remembered = self._remembered()
        superuser = User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
        if superuser is None:
            password = secrets.token_urlsafe(12)
            superuser = User.objects.create_superuser("admin", "admin@example.com", password)
            self._remember(superuser.username, password)
            remembered = (superuser.username, password)
        if (
            remembered
            and remembered[0] == superuser.username
            and superuser.check_password(remembered[1])
        ):
            self.stdout.write(self.style.SUCCESS(f"Admin login: {remembered[0]} / {remembered[1]}"))
        else:
            self.stdout.write(
                f"Admin login: {superuser.username} (password set earlier; "
                f"reset it with ./dev manage changepassword {superuser.username})"
            )

    def _remembered(self):
        try:
            username, password = LOGIN_FILE.read_text().strip().split("\n", 1)
            return username, password
        except (OSError, ValueError):
            return None

    def _remember(self, username: str, password: str) -> None:
        LOGIN_FILE.parent.mkdir(exist_ok=True)
        LOGIN_FILE.write_text(f"{username}\n{password}\n")
        LOGIN_FILE.chmod(0o600)
