"""The workflow buttons post the story form: the typed text is saved, then the move made, in
one request (articles.admin.story.saving, workflow_actions.move_after_save)."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from articles import workflow
from articles.admin.story.workflow_actions import parse_posted_time
from articles.models import PublishedArticle, WorkflowEvent
from tests.conftest import story_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(make_article, reporter):
    article = make_article("Tram depot to move north", created_by=reporter)
    workflow.submit_for_review(reporter, article)
    return article


def test_publish_from_the_story_form_saves_the_typed_headline_then_publishes_it(
    client, in_review, editor
):
    client.force_login(editor)
    url, data, _ = story_form_data(
        client, in_review, headline="Tram depot moves north in May", action="publish"
    )
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Saved “Tram depot moves north in May”." in text and "Published:" in text
    assert PublishedArticle.objects.get(article=in_review).headline == (
        "Tram depot moves north in May"
    )
    in_review.refresh_from_db()
    assert in_review.state == workflow.PUBLISHED and not in_review.has_unpublished_changes


def test_a_refused_move_keeps_the_typed_text_saved_and_says_why(client, in_review, editor):
    client.force_login(editor)
    url, data, _ = story_form_data(
        client, in_review, dek="A fixed dek", action="request_changes", changes_note="  "
    )
    response = client.post(url, data, follow=True)
    text = response.content.decode()
    assert "Say what should change" in text
    in_review.refresh_from_db()
    assert (in_review.dek, in_review.state) == ("A fixed dek", workflow.IN_REVIEW)


def test_a_note_typed_with_the_button_goes_with_the_move(client, in_review, editor):
    client.force_login(editor)
    url, data, _ = story_form_data(
        client, in_review, action="request_changes", changes_note="Check the dates."
    )
    client.post(url, data)
    in_review.refresh_from_db()
    assert in_review.state == workflow.DRAFT
    assert WorkflowEvent.objects.filter(article=in_review).first().note == "Check the dates."
    # Nothing was typed in the story: no new revision, no version bump.
    assert in_review.version == 1


def test_a_move_from_a_page_older_than_the_last_save_is_refused_with_the_form_kept(
    client, in_review, editor
):
    client.force_login(editor)
    url, data, _ = story_form_data(
        client, in_review, action="request_changes", changes_note="Check the dates."
    )
    in_review.dek = "Someone else's newer dek"
    workflow.save_article(editor, in_review, expected_version=in_review.version)
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    text = response.content.decode()
    assert "Someone else saved" in str(response.context["adminform"].form.non_field_errors())
    assert "Check the dates." in text  # the note typed in the panel is shown again
    in_review.refresh_from_db()
    assert in_review.state == workflow.IN_REVIEW


def test_a_reporter_cannot_publish_by_posting_the_story_form_with_publish(
    client, make_article, reporter
):
    draft = make_article("Council votes on fares", created_by=reporter)
    client.force_login(reporter)
    url, data, _ = story_form_data(client, draft, dek="Typed by the reporter", action="publish")
    response = client.post(url, data, follow=True)
    assert "may not publish" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.dek, draft.state) == ("Typed by the reporter", workflow.DRAFT)
    assert not PublishedArticle.objects.filter(article=draft).exists()


@pytest.mark.parametrize(
    "date, time, message",
    [
        ("2030-01-31", "25:00", "is not a time"),
        ("2030-01-31", "²³:⁰⁰", "is not a time"),
        ("2030-01-31", "1" * 5000, "is not a time"),
        ("２０３０-01-31", "14:30", "is not a date"),
        ("2030-02-31", "14:30", "is not a date"),
        ("2030-01-31", "", "both the date and the time"),
    ],
)
def test_a_bad_publish_time_is_a_message_and_keeps_what_was_typed(
    client, in_review, editor, date, time, message
):
    client.force_login(editor)
    url, data, _ = story_form_data(
        client, in_review, action="publish", at_date=date, at_time=time, dek="Kept dek"
    )
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert len(text) < 400_000  # an overlong value is not echoed whole
    in_review.refresh_from_db()
    assert in_review.dek == "Kept dek" and in_review.state == workflow.IN_REVIEW


def test_the_publish_time_is_a_date_and_a_24_hour_time_in_the_newsroom_zone(settings):
    at = parse_posted_time(QueryDict("at_date=2030-01-31&at_time=14:30"), "at")
    assert (at.hour, at.minute, str(at.tzinfo)) == (14, 30, settings.TIME_ZONE)
    assert parse_posted_time(QueryDict("at_date=&at_time="), "at") is None


def test_the_save_button_of_a_scheduled_story_says_its_edit_is_not_in_the_copy(
    client, in_review, editor
):
    from datetime import timedelta

    from django.utils import timezone

    workflow.publish(editor, in_review, at=timezone.now() + timedelta(days=1))
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[in_review.pk]))
    text = page.content.decode()
    assert 'value="Save — not in the scheduled copy"' in text
    assert "Update the scheduled copy" in text
