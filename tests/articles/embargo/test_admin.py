"""The embargo in the admin: typed in newsroom time, a banner on the story, a badge in the
list, and "Break the embargo" for editors, with the reason."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import PublishedArticle, WorkflowEvent
from articles.workflow.embargo import embargo_time as shown_time
from newsroom.time_zone import zone_abbreviation
from tests.conftest import story_form_data

pytestmark = pytest.mark.django_db


def _change_page(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def test_the_story_page_shows_the_embargo_banner_and_the_list_a_badge(client, embargoed, editor):
    client.force_login(editor)
    page = client.get(_change_page(embargoed)).content.decode()
    when = shown_time(embargoed.embargo_until)
    assert f"Embargoed until {when} — nothing is public before then" in page
    assert zone_abbreviation(embargoed.embargo_until) in when

    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'class="embargo-badge"' in listing and f"Embargo {when}" in listing


def test_no_banner_once_the_embargo_has_passed(client, make_article, editor):
    article = make_article(embargo_until=timezone.now() - timedelta(minutes=1))
    client.force_login(editor)
    assert "embargo-banner" not in client.get(_change_page(article)).content.decode()


def test_the_embargo_is_typed_in_newsroom_time_and_saved(client, make_article, editor):
    article = make_article()
    client.force_login(editor)
    url, data, page = story_form_data(client, article)
    assert "embargo_until_0" in page.content.decode()
    assert f"({zone_abbreviation()}" in page.content.decode()  # the zone beside the time
    data.update({"embargo_until_0": "2031-12-01", "embargo_until_1": "06:00"})
    client.post(url, data)

    article.refresh_from_db()
    local = timezone.localtime(article.embargo_until)
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2031, 12, 1, 6, 0)


def test_break_the_embargo_needs_a_reason_and_records_it(client, embargoed, editor):
    client.force_login(editor)
    page = client.get(_change_page(embargoed)).content.decode()
    assert "Break the embargo and publish" in page
    workflow_url = reverse("admin:articles_article_workflow", args=[embargoed.pk])

    client.post(workflow_url, {"action": "publish"})
    assert not PublishedArticle.objects.filter(article=embargoed).exists()
    refused = client.post(
        workflow_url, {"action": "break_embargo", "break_embargo_reason": ""}, follow=True
    )
    assert not PublishedArticle.objects.filter(article=embargoed).exists()
    assert any("embargoed until" in str(m) for m in get_messages(refused.wsgi_request)) or (
        "embargoed until" in refused.content.decode()
    )

    reason = "Minister announced it live on air."
    client.post(workflow_url, {"action": "break_embargo", "break_embargo_reason": reason})
    assert PublishedArticle.objects.get(article=embargoed).published_at <= timezone.now()
    event = WorkflowEvent.objects.get(article=embargoed, action=workflow.BREAK_EMBARGO)
    assert reason in event.note and event.actor == editor


def test_a_reporter_gets_no_break_button_and_a_crafted_post_is_refused(client, embargoed, reporter):
    client.force_login(reporter)
    assert "Break the embargo" not in client.get(_change_page(embargoed)).content.decode()
    client.post(
        reverse("admin:articles_article_workflow", args=[embargoed.pk]),
        {"action": "break_embargo", "break_embargo_reason": "Why not."},
    )
    assert not PublishedArticle.objects.filter(article=embargoed).exists()
    assert not WorkflowEvent.objects.filter(article=embargoed, action="break_embargo").exists()


def test_publish_at_is_filled_in_with_the_embargo_and_publish_schedules_it_then(
    client, embargoed, editor
):
    client.force_login(editor)
    local = timezone.localtime(embargoed.embargo_until)
    page = client.get(_change_page(embargoed)).content.decode()
    assert f'id="workflow-at-date" form="article_form" value="{local:%Y-%m-%d}"' in page
    assert f'id="workflow-at-time" form="article_form" value="{local:%H:%M}"' in page
    assert f"Schedule for {local:%H:%M}" in page  # the button says what it does

    workflow_url = reverse("admin:articles_article_workflow", args=[embargoed.pk])
    client.post(workflow_url, {"action": "publish", "at": f"{local:%Y-%m-%dT%H:%M}"})
    snapshot = PublishedArticle.objects.get(article=embargoed)
    assert snapshot.published_at == snapshot.embargo_until == embargoed.embargo_until
