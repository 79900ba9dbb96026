"""Moves added so that no typed word waits: an editor publishes a draft in one step; a
scheduled story's saved edits go into its scheduled copy; Publish now and Reschedule on an
edited scheduled story publish the edit; a move made from an out-of-date copy is refused by
the check after the row lock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, PublishedArticle, WorkflowEvent

pytestmark = pytest.mark.django_db


def moves(article) -> list[str]:
    return list(
        WorkflowEvent.objects.filter(article=article)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_an_editor_publishes_a_draft_in_one_step_recorded_as_submit_then_publish(story, editor):
    snap = workflow.publish(editor, story)
    story.refresh_from_db()
    assert story.state == workflow.PUBLISHED and snap.headline == story.headline
    assert moves(story) == ["submit", "publish"]
    submit = WorkflowEvent.objects.get(article=story, action="submit")
    assert (submit.actor, submit.from_state, submit.to_state) == (editor, "draft", "in_review")
    published = WorkflowEvent.objects.get(article=story, action="publish")
    assert (published.from_state, published.to_state) == ("in_review", "published")
    assert story.submitted_by == editor


def test_a_reporter_cannot_publish_their_own_draft(story, reporter):
    with pytest.raises(workflow.WorkflowPermissionError):
        workflow.publish(reporter, story)
    story.refresh_from_db()
    assert story.state == workflow.DRAFT and moves(story) == []


def test_an_editor_sees_publish_beside_submit_on_a_draft_and_a_reporter_does_not(
    story, reporter, editor
):
    assert workflow.allowed_actions(editor, story)[:2] == ["submit", "publish"]
    assert "publish" not in workflow.allowed_actions(reporter, story)


@pytest.fixture
def scheduled(story_in, editor):
    article = story_in("in_review")
    at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    workflow.publish(editor, article, at=at)
    return article, at


def test_update_the_scheduled_copy_puts_the_saved_edit_in_it_at_its_time(scheduled, editor):
    article, at = scheduled
    article.headline = "Tunnel closes for two years"
    workflow.save_article(editor, article, expected_version=article.version)
    assert PublishedArticle.objects.get(article=article).headline != article.headline
    assert workflow.position(article) == workflow.SCHEDULED_DRAFT

    snap = workflow.update_scheduled_copy(editor, article)
    assert (snap.headline, snap.published_at) == ("Tunnel closes for two years", at)
    assert workflow.position(Article.objects.get(pk=article.pk)) == workflow.SCHEDULED
    event = WorkflowEvent.objects.filter(article=article).first()
    assert (event.action, event.scheduled_for) == ("update_scheduled", at)


def test_a_reporter_may_not_update_the_scheduled_copy(scheduled, reporter):
    article, _ = scheduled
    with pytest.raises(workflow.WorkflowPermissionError):
        workflow.update_scheduled_copy(reporter, article)


def test_only_a_scheduled_story_has_a_scheduled_copy_to_update(story_in, editor):
    article = story_in("live_draft")
    with pytest.raises(workflow.TransitionNotAllowed, match="not scheduled"):
        workflow.update_scheduled_copy(editor, article)


def test_publish_now_on_an_edited_scheduled_story_publishes_the_edit(scheduled, editor):
    article, _ = scheduled
    article.headline = "Tunnel closes for two years"
    workflow.save_article(editor, article, expected_version=article.version)
    snap = workflow.publish_now(editor, article)
    assert snap.headline == "Tunnel closes for two years"
    assert snap.published_at <= timezone.now()


def test_reschedule_on_an_edited_scheduled_story_publishes_the_edit_at_the_new_time(
    scheduled, editor
):
    article, at = scheduled
    article.dek = "Repairs last two years."
    workflow.save_article(editor, article, expected_version=article.version)
    later = at + timedelta(hours=3)
    snap = workflow.reschedule(editor, article, at=later)
    assert (snap.dek, snap.published_at) == ("Repairs last two years.", later)


def test_a_move_from_an_out_of_date_copy_is_refused_by_the_check_after_the_row_lock(
    story, reporter, editor
):
    # The reporter's page loaded the story while it was in review, submitted by them.
    workflow.submit_for_review(reporter, story)
    reporters_copy = Article.objects.get(pk=story.pk)
    # Meanwhile an editor withdrew it and submitted it again: it is now the editor's submission.
    editors_copy = Article.objects.get(pk=story.pk)
    workflow.withdraw(editor, editors_copy)
    workflow.submit_for_review(editor, editors_copy)
    # On the reporter's out-of-date copy, the first check (before the lock) lets them withdraw…
    assert workflow.permissions.can_withdraw(reporter, reporters_copy)
    with pytest.raises(workflow.WorkflowPermissionError, match="may not withdraw"):
        workflow.withdraw(reporter, reporters_copy)
    # …the refusal came from the check on the locked, re-read row.
    assert reporters_copy.submitted_by_id == editor.pk
    story.refresh_from_db()
    assert story.state == workflow.IN_REVIEW and story.submitted_by == editor
    assert moves(story) == ["submit", "withdraw", "submit"]
