"""The newsroom's time zone beside every time an editor types (newsroom.time_zone)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from newsroom.time_zone import newsroom_time, zone_label
from sources.models import Attribution, CommentRequest, Correction, Source

NEW_YORK = ZoneInfo("America/New_York")


@override_settings(TIME_ZONE="America/New_York")
def test_a_time_reads_in_the_newsrooms_zone_with_its_name():
    with timezone.override(NEW_YORK):
        at = datetime(2026, 12, 1, 19, 0, tzinfo=ZoneInfo("UTC"))
        assert newsroom_time(at, now=at) == "14:00 EST, Tue 1 Dec"
        summer = datetime(2027, 7, 6, 13, 30, tzinfo=ZoneInfo("UTC"))
        assert newsroom_time(summer, now=at) == "09:30 EDT, Tue 6 Jul 2027"
        assert zone_label(at) == "EST · America/New_York"


@override_settings(TIME_ZONE="UTC")
def test_a_newsroom_on_utc_sees_utc_once():
    with timezone.override(ZoneInfo("UTC")):
        assert zone_label() == "UTC"


@pytest.mark.django_db
def test_every_time_input_on_the_story_form_names_the_zone(client, story_in, editor):
    article = story_in("live_draft")
    source = Source.objects.create(name="Port Authority", kind="organization")
    CommentRequest.objects.create(article=article, source=source, outcome="responded")
    Attribution.objects.create(article=article, source=source, kind="paraphrased")
    Correction.objects.create(article=article, text="The fare is $3.25.")
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    time_inputs = re.findall(r'<p class="datetime">.*?</p>', html, re.S)
    assert len(time_inputs) >= 4  # asked, deadline, answered, correction time (+ empty rows)
    for widget in time_inputs:
        assert f'<span class="time-zone">({zone_label()})</span>' in widget
    # Django's "You are N hours ahead of server time" note is switched off on the page.
    assert "js/admin-time-zone.js" in html
    # The calendar and clock come later (admin-date-shortcuts.js), announced to that script.
    assert "js/admin-date-shortcuts.js" in html
    # The workflow panel's own time input names it too.
    assert re.search(r"<legend>Publish at, <span class=\"time-zone\">", html)
    assert workflow.position(article) == "live_draft"
