"""The calendar feed: a secret address per person, a 404 for a wrong or revoked one, and
only that person's plans in it."""

import pytest
from django.urls import reverse

from articles import planning
from articles.models import PlanningFeedKey

pytestmark = pytest.mark.django_db


def feed_url(token):
    return reverse("admin:articles_planning_feed", kwargs={"token": token})


def test_the_feed_holds_the_persons_plans_only(client, reporter, other_reporter, make_plan):
    make_plan("ritas-story", writer=reporter, budget_line="Rates rise; commuters, angry.")
    make_plan("omars-story", writer=other_reporter)
    token = planning.issue_feed_key(reporter)
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "ritas-story" in text and "omars-story" not in text
    assert "Rates rise\\; commuters\\, angry." in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_only_a_hash_of_the_secret_is_kept(reporter):
    token = planning.issue_feed_key(reporter)
    stored = PlanningFeedKey.objects.get(user=reporter).secret_hash
    assert token.split("-", 1)[1] not in stored and len(stored) == 64


def test_a_wrong_token_is_a_404(client, reporter):
    token = planning.issue_feed_key(reporter)
    user_id, secret = token.split("-", 1)
    assert client.get(feed_url(f"{user_id}-{secret[:-1]}x")).status_code == 404
    assert client.get(feed_url("nonsense")).status_code == 404
    assert client.get(feed_url(f"{user_id}-" + "a" * 43)).status_code == 404


def test_another_users_id_with_my_secret_is_a_404(client, reporter, other_reporter):
    mine = planning.issue_feed_key(reporter)
    planning.issue_feed_key(other_reporter)
    secret = mine.split("-", 1)[1]
    assert client.get(feed_url(f"{other_reporter.pk}-{secret}")).status_code == 404


def test_a_revoked_or_regenerated_token_is_a_404(client, reporter):
    old = planning.issue_feed_key(reporter)
    new = planning.issue_feed_key(reporter)
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    planning.revoke_feed_key(reporter)
    assert client.get(feed_url(new)).status_code == 404


def test_a_deactivated_account_has_no_feed(client, reporter):
    token = planning.issue_feed_key(reporter)
    reporter.is_active = False
    reporter.save()
    assert client.get(feed_url(token)).status_code == 404


def test_the_feed_page_shows_a_new_address_once_and_revokes_it(client, reporter):
    client.force_login(reporter)
    settings_url = reverse("admin:articles_planning_feed_settings")
    page = client.post(settings_url, {"issue": "1"}).content.decode()
    assert "/feed/" in page and ".ics" in page
    assert ".ics" not in client.get(settings_url).content.decode()
    client.post(settings_url, {"revoke": "1"})
    assert not PlanningFeedKey.objects.filter(user=reporter).exists()


@pytest.mark.parametrize("user_part", ["²", "١٢", "１２", "99999999999999999999", "-1", ""])
def test_a_feed_address_with_a_strange_person_number_is_not_found(client, reporter, user_part):
    token = planning.issue_feed_key(reporter)
    secret = token.partition("-")[2]
    assert client.get(feed_url(f"{user_part}-{secret}")).status_code == 404
