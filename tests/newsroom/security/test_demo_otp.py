"""./dev up's demo logins stay usable under two-factor login: the admin (who must use it)
gets an authenticator key once, and the command prints the code it shows now."""

import io
import re

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import otp

pytestmark = pytest.mark.django_db


def test_demo_admin_gets_a_key_and_the_current_code(settings, tmp_path, make_user):
    settings.BASE_DIR = tmp_path
    (tmp_path / ".local").mkdir()
    (tmp_path / ".local" / "admin_login").write_text("admin\nsecret-pw\n")
    (tmp_path / ".local" / "demo_logins").write_text("demo-editor pw1\ndemo-reporter pw2\n")
    admin = make_user("admin", superuser=True)
    make_user("demo-editor", groups=("Editors",))
    make_user("demo-reporter", groups=("Reporters",))
    make_user("someone-else", superuser=True)  # not a demo login: left alone

    out = io.StringIO()
    call_command("demo_otp", stdout=out)
    text = out.getvalue()

    lines = text.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Two-factor code for admin: ")
    code = re.search(r"admin: (\d{6})", text).group(1)
    assert code == otp.current_code(otp.device_for(admin))
    assert "./dev manage demo_otp" in text

    again = io.StringIO()
    call_command("demo_otp", stdout=again)  # the key is kept; only one device
    assert re.search(r"key (\w+)", again.getvalue()).group(1) == re.search(
        r"key (\w+)", text
    ).group(1)
    assert not TOTPDevice.objects.filter(user__username="someone-else").exists()
