"""Login throttling (django-axes): 20 wrong passwords lock that user out from that address
for 30 minutes, with a message on the login page; every login is logged."""

import logging

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def log_in(client, username, password, address):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def is_logged_in(client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_twenty_wrong_passwords_lock_that_user_out_from_that_address(client, make_user):
    make_user("rosa", groups=("Reporters",))
    make_user("teo", groups=("Reporters",))
    for attempt in range(19):
        response = log_in(client, "rosa", f"wrong-{attempt}", "10.0.0.7")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()

    twentieth = log_in(client, "rosa", "wrong-19", "10.0.0.7")
    assert twentieth.status_code == 429

    refused = log_in(client, "rosa", "pw-rosa", "10.0.0.7")
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many failed logins" in page
    assert "after 20 wrong passwords for “rosa” from your address" in page
    assert "30 minutes" in page
    assert not is_logged_in(client)

    # The same user from another address, and another user from this one, still get in.
    assert log_in(client, "rosa", "pw-rosa", "10.0.0.8").status_code == 302
    assert is_logged_in(client)
    client.logout()
    assert log_in(client, "teo", "pw-teo", "10.0.0.7").status_code == 302
    assert is_logged_in(client)


def test_a_successful_login_clears_the_count(client, make_user):
    make_user("rosa", groups=("Reporters",))
    for attempt in range(15):
        log_in(client, "rosa", f"wrong-{attempt}", "10.0.0.7")
    assert log_in(client, "rosa", "pw-rosa", "10.0.0.7").status_code == 302
    client.logout()
    for attempt in range(15):
        log_in(client, "rosa", f"wrong-again-{attempt}", "10.0.0.7")
    assert log_in(client, "rosa", "pw-rosa", "10.0.0.7").status_code == 302


def test_each_login_is_logged_with_user_address_and_outcome(client, make_user, caplog):
    make_user("rosa", groups=("Reporters",))
    with caplog.at_level(logging.INFO, logger="newsroom.auth"):
        log_in(client, "rosa", "not-it", "192.0.2.10")
        log_in(client, "rosa", "pw-rosa", "192.0.2.10")
    records = [r for r in caplog.records if r.name == "newsroom.auth"]
    assert [(r.outcome, r.username, r.ip) for r in records] == [
        ("failure", "rosa", "192.0.2.10"),
        ("success", "rosa", "192.0.2.10"),
    ]
    assert AccessAttempt.objects.count() == 0  # reset by the successful login


def test_an_absurdly_long_username_is_a_failed_login_not_an_error(client):
    response = log_in(client, "x" * 5000, "whatever", "10.0.0.9")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert AccessAttempt.objects.get().username == "x" * 150
