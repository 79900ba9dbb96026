"""Two-factor login: offered to staff, required for those who can see confidential sources.

These tests log in for real (password, then code) or with a bare session: they are marked
`real_two_factor`, so tests/conftest.py does not pass the second step for them."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import otp

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]

ENROL = "/admin/two-factor/enrol/"
VERIFY = "/admin/two-factor/verify/"


def password_login(client, user):
    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": f"pw-{user.username}", "next": "/admin/"},
    )
    assert response.status_code == 302
    return response


def code_for(secret_on_page: str) -> str:
    """What an authenticator app shows for the key printed on the enrolment page."""
    from base64 import b32decode

    key = b32decode(secret_on_page.replace(" ", ""))
    return str(totp(key)).zfill(6)


@pytest.fixture
def standards_editor(make_user):
    user = make_user("sam", groups=("Editors",))
    user.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    return user


def test_a_user_who_can_see_confidential_sources_must_enrol_first(client, standards_editor):
    password_login(client, standards_editor)

    for url in ("/admin/", "/admin/sources/source/", reverse("admin:articles_article_add")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{ENROL}?next=")
    assert client.post("/admin/sources/source/add/", {"name": "X"}).status_code == 302

    page = client.get(f"{ENROL}?next=/admin/sources/source/")
    text = page.content.decode()
    assert "needs two-factor login before any admin page opens" in text
    assert "<svg" in text  # the QR code
    secret = re.search(r'class="two-factor-secret">([A-Z2-7 ]+)<', text).group(1)

    wrong = client.post(ENROL, {"token": "000000", "next": "/admin/sources/source/"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    # The key stays the same while enrolling, so the app set up from the page still works.
    assert secret in wrong.content.decode()

    # Right after a wrong code even the right one waits (django-otp's throttle) ...
    hasty = client.post(ENROL, {"token": code_for(secret), "next": "/admin/sources/source/"})
    assert hasty.status_code == 400
    assert "Too many wrong codes in a row" in hasty.content.decode()
    # ... which a few seconds later has passed.
    TOTPDevice.objects.filter(user=standards_editor).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    done = client.post(ENROL, {"token": code_for(secret), "next": "/admin/sources/source/"})
    assert done.status_code == 302 and done["Location"] == "/admin/sources/source/"
    assert client.get("/admin/sources/source/").status_code == 200
    assert TOTPDevice.objects.filter(user=standards_editor, confirmed=True).count() == 1


def test_a_user_with_a_device_enters_a_code_at_login(client, standards_editor):
    device = otp.device_for(standards_editor)
    password_login(client, standards_editor)

    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"

    wrong = client.post(VERIFY, {"token": "123", "next": "/admin/"})
    assert wrong.status_code == 400
    assert "Enter the 6-digit code" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    right = client.post(VERIFY, {"token": otp.current_code(device), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_gives_the_session_a_new_key(client, standards_editor):
    device = otp.device_for(standards_editor)
    password_login(client, standards_editor)
    between = client.cookies["sessionid"].value  # captured after the password, before the code

    client.post(VERIFY, {"token": otp.current_code(device), "next": "/admin/"})
    assert client.cookies["sessionid"].value != between
    assert client.get("/admin/").status_code == 200

    client.cookies["sessionid"] = between  # the captured cookie: no session any more
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_enrolment_gives_the_session_a_new_key(client, standards_editor):
    password_login(client, standards_editor)
    page = client.get(ENROL).content.decode()
    between = client.cookies["sessionid"].value
    secret = re.search(r'class="two-factor-secret">([A-Z2-7 ]+)<', page).group(1)

    client.post(ENROL, {"token": code_for(secret), "next": "/admin/"})
    assert client.cookies["sessionid"].value != between
    assert client.get("/admin/").status_code == 200


def test_a_bare_session_without_the_code_reaches_no_admin_page(client, superuser):
    otp.device_for(superuser)
    client.force_login(superuser)  # a password but no code (this test's marker)
    assert client.get("/admin/auth/user/").status_code == 302
    assert client.get("/admin/").url.startswith(VERIFY)


def test_other_staff_may_turn_it_on_and_off(client, make_user):
    editor = make_user("ed", groups=("Editors",))
    password_login(client, editor)
    assert client.get("/admin/").status_code == 200  # not required for them
    assert "Two-factor login" in client.get("/admin/").content.decode()  # but offered

    text = client.get(ENROL).content.decode()
    assert "needs two-factor login" not in text
    secret = re.search(r'class="two-factor-secret">([A-Z2-7 ]+)<', text).group(1)
    assert client.post(ENROL, {"token": code_for(secret)}).status_code == 302

    # From now on their login asks for a code.
    client.logout()
    password_login(client, editor)
    assert client.get("/admin/").url.startswith(VERIFY)
    device = TOTPDevice.objects.get(user=editor)
    client.post(VERIFY, {"token": otp.current_code(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200

    off = client.post(ENROL, {"action": "turn_off"})
    assert off.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_it_cannot_be_turned_off_where_required(client, standards_editor):
    device = otp.device_for(standards_editor)
    password_login(client, standards_editor)
    client.post(VERIFY, {"token": otp.current_code(device), "next": "/admin/"})

    page = client.post(ENROL, {"action": "turn_off"})
    assert "cannot be turned off" in page.content.decode()
    assert TOTPDevice.objects.filter(user=standards_editor, confirmed=True).exists()


def test_verify_refuses_to_send_the_user_to_another_site(client, standards_editor):
    device = otp.device_for(standards_editor)
    password_login(client, standards_editor)
    response = client.post(
        VERIFY, {"token": otp.current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_the_device_list_shows_who_has_one_and_never_the_key(client, superuser, make_user):
    otp.device_for(superuser)
    device = otp.device_for(make_user("ed", groups=("Editors",)))
    client.force_login(superuser)
    otp.verify_session(client, superuser)

    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    assert "ed" in listing.content.decode()
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/").status_code != 200
    assert client.get("/admin/otp_totp/totpdevice/99999999999999999999/qrcode/").status_code < 500

    # A lost phone: the device is deleted, and the user enrols again at the next login.
    deleted = client.post(
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert deleted.status_code == 200
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
