"""The request's user is read in one query with their permissions and second factor
(newsroom.security.auth_backend, newsroom.security.otp_session), and what changes between two
requests counts at the next."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import otp

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]

SOURCES = "/admin/sources/source/"


def test_a_refused_confidential_filter_costs_two_queries(
    client, make_user, django_assert_num_queries
):
    """The user with everything the checks ask, and the access log's row (the session is
    read from the cache: settings SESSION_ENGINE)."""
    editor = make_user("eve", groups=["Editors"])
    client.force_login(editor)
    client.get(SOURCES)
    with django_assert_num_queries(2):
        response = client.get(SOURCES, {"confidential__real_identity__startswith": "A"})
    assert response.status_code == 400


def test_a_permission_granted_between_requests_counts_at_the_next(client, make_user):
    user = make_user("una")
    client.force_login(user)
    assert client.get(SOURCES).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_source"))
    assert client.get(SOURCES).status_code == 200
    user.user_permissions.clear()
    group = Group.objects.create(name="Source readers")
    group.permissions.add(Permission.objects.get(codename="view_source"))
    assert client.get(SOURCES).status_code == 403
    user.groups.add(group)
    assert client.get(SOURCES).status_code == 200


def test_a_device_confirmed_between_requests_asks_for_a_code_at_the_next(client, make_user):
    user = make_user("dana", groups=["Editors"])
    client.force_login(user)  # real_two_factor: a bare session, no code entered
    assert client.get(reverse("admin:index")).status_code == 200
    otp.device_for(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/two-factor/verify/" in response["Location"]


def test_a_superuser_has_every_permission_and_an_inactive_user_is_logged_out(client, make_user):
    boss = make_user("boss", superuser=True)
    otp.device_for(boss)
    client.force_login(boss)
    otp.verify_session(client, boss)
    assert client.get(SOURCES).status_code == 200
    boss.is_active = False
    boss.save()
    response = client.get(SOURCES)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_a_verified_session_costs_no_query_for_its_device(
    client, make_user, django_assert_num_queries
):
    """An editor who turned two-factor on and entered a code: the session's device is one
    the user's query named (newsroom.security.otp_session), so no query loads it."""
    editor = make_user("vera", groups=["Editors"])
    otp.device_for(editor)
    client.force_login(editor)
    otp.verify_session(client, editor)
    assert client.get(SOURCES).status_code == 200
    with django_assert_num_queries(2):
        response = client.get(SOURCES, {"confidential__real_identity__startswith": "A"})
    assert response.status_code == 400


def test_a_session_naming_a_device_gone_or_not_the_users_is_not_verified(client, make_user):
    boss = make_user("boss", superuser=True)
    otp.device_for(boss)
    client.force_login(boss)
    otp.verify_session(client, boss)
    assert client.get(SOURCES).status_code == 200
    someone = make_user("sid")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = otp.device_for(someone).persistent_id
    session.save()
    response = client.get(SOURCES)
    assert response.status_code == 302 and "/two-factor/verify/" in response["Location"]
    assert DEVICE_ID_SESSION_KEY not in client.session  # the stale id is forgotten
    otp.verify_session(client, boss)
    assert client.get(SOURCES).status_code == 200
    TOTPDevice.objects.filter(user=boss).delete()
    response = client.get(SOURCES)
    assert response.status_code == 302 and "/two-factor/enrol/" in response["Location"]
