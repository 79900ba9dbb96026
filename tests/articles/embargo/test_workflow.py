"""Publishing an embargoed story: refused before the embargo, except an editor breaking it
with a reason (recorded); scheduling at the embargo is the way; a scheduled copy is held."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles import workflow
from articles.models import PublishedArticle, WorkflowEvent
from articles.public.queries import story_at, visible_stories

pytestmark = pytest.mark.django_db


def test_publishing_now_before_the_embargo_is_refused_and_nothing_goes_out(embargoed, editor):
    with pytest.raises(workflow.Embargoed) as refused:
        workflow.publish(editor, embargoed)

    assert refused.value.code == "embargoed"
    message = str(refused.value)
    assert "embargoed until" in message and "break the embargo" in message
    assert timezone.localtime(embargoed.embargo_until).strftime("%H:%M") in message
    assert not PublishedArticle.objects.filter(article=embargoed).exists()
    embargoed.refresh_from_db()
    assert embargoed.state == "in_review"
    assert not WorkflowEvent.objects.filter(article=embargoed, action="publish").exists()


def test_scheduling_before_the_embargo_is_refused(embargoed, editor, embargo_time):
    with pytest.raises(workflow.Embargoed):
        workflow.publish(editor, embargoed, at=embargo_time - timedelta(minutes=1))
    assert not PublishedArticle.objects.filter(article=embargoed).exists()


def test_scheduled_at_the_embargo_readers_see_it_then_and_not_a_second_before(
    embargoed, editor, embargo_time
):
    snapshot = workflow.publish(editor, embargoed, at=embargo_time)

    assert snapshot.published_at == snapshot.embargo_until == embargo_time
    just_before = embargo_time - timedelta(seconds=1)
    assert not visible_stories(now=just_before).filter(pk=snapshot.pk).exists()
    assert story_at(snapshot.url_path, now=just_before).story is None
    assert visible_stories(now=embargo_time).filter(pk=snapshot.pk).exists()
    assert story_at(snapshot.url_path, now=embargo_time).story is not None


def test_an_editor_breaks_the_embargo_with_a_reason_which_is_recorded(embargoed, editor):
    reason = "The agency lifted it early; the rival wire already ran it."
    snapshot = workflow.publish(editor, embargoed, break_embargo=reason)

    assert snapshot.embargo_until is None
    assert visible_stories().filter(pk=snapshot.pk).exists()
    event = WorkflowEvent.objects.get(article=embargoed, action=workflow.BREAK_EMBARGO)
    assert event.actor == editor
    assert reason in event.note and "Embargo until" in event.note
    embargoed.refresh_from_db()
    assert embargoed.embargo_until is None  # over for this story: updates need no new reason
    assert embargoed.state == "published"


def test_an_editor_without_a_reason_is_refused(embargoed, editor):
    with pytest.raises(workflow.Embargoed):
        workflow.publish(editor, embargoed, break_embargo="   ")
    assert not PublishedArticle.objects.filter(article=embargoed).exists()


def test_a_reporter_cannot_break_the_embargo(embargoed, reporter):
    with pytest.raises(workflow.WorkflowPermissionError):
        workflow.publish(reporter, embargoed, break_embargo="I think it is fine.")
    assert not PublishedArticle.objects.filter(article=embargoed).exists()
    assert not WorkflowEvent.objects.filter(
        article=embargoed, action=workflow.BREAK_EMBARGO
    ).exists()


def test_someone_who_may_publish_but_is_no_editor_cannot_break_it(embargoed, publisher):
    with pytest.raises(workflow.Embargoed) as without_reason:
        workflow.publish(publisher, embargoed)
    assert "only an editor can break an embargo" in str(without_reason.value)

    with pytest.raises(workflow.WorkflowPermissionError) as refused:
        workflow.publish(publisher, embargoed, break_embargo="Deadline.")
    assert refused.value.code == "cannot_break_embargo"
    assert not PublishedArticle.objects.filter(article=embargoed).exists()

    # At the embargo, the same person may schedule it like any story.
    snapshot = workflow.publish(publisher, embargoed, at=embargoed.embargo_until)
    assert snapshot.published_at == embargoed.embargo_until


def test_publish_now_of_a_story_scheduled_at_its_embargo_is_refused(
    embargoed, editor, embargo_time
):
    workflow.publish(editor, embargoed, at=embargo_time)
    with pytest.raises(workflow.Embargoed):
        workflow.publish_now(editor, embargoed)
    with pytest.raises(workflow.Embargoed):
        workflow.reschedule(editor, embargoed, at=embargo_time - timedelta(minutes=30))
    assert workflow.scheduled_go_live(embargoed) == embargo_time

    snapshot = workflow.publish_now(editor, embargoed, break_embargo="Story broke elsewhere.")
    assert visible_stories().filter(pk=snapshot.pk).exists()
    assert WorkflowEvent.objects.filter(article=embargoed, action="break_embargo").exists()


def test_an_embargo_set_after_scheduling_holds_the_scheduled_copy(make_article, reporter, editor):
    article = make_article(created_by=reporter)
    workflow.submit_for_review(reporter, article)
    soon = timezone.now() + timedelta(hours=1)
    workflow.publish(editor, article, at=soon)
    later = timezone.now().replace(microsecond=0) + timedelta(hours=5)

    article.embargo_until = later
    workflow.save_article(editor, article, expected_version=article.version)

    snapshot = PublishedArticle.objects.get(article=article)
    assert snapshot.published_at == snapshot.embargo_until == later
    assert not visible_stories(now=soon + timedelta(minutes=1)).filter(pk=snapshot.pk).exists()
    event = WorkflowEvent.objects.get(article=article, action=workflow.EMBARGO_HOLD)
    assert event.scheduled_for == later


def test_the_database_refuses_a_snapshot_live_before_its_embargo(embargoed, editor, embargo_time):
    snapshot = workflow.publish(editor, embargoed, at=embargo_time)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishedArticle.objects.filter(pk=snapshot.pk).update(
            published_at=embargo_time - timedelta(hours=1)
        )


def test_break_embargo_publishes_a_story_in_review_now(embargoed, editor):
    snapshot = workflow.break_embargo(editor, embargoed, reason="The agency lifted it early.")

    assert snapshot.embargo_until is None
    assert visible_stories().filter(pk=snapshot.pk).exists()
    assert WorkflowEvent.objects.filter(article=embargoed, action="publish").exists()
    assert WorkflowEvent.objects.filter(article=embargoed, action=workflow.BREAK_EMBARGO).exists()


def test_break_embargo_sends_a_scheduled_story_out_now_instead_of_at_its_time(
    embargoed, editor, embargo_time
):
    workflow.publish(editor, embargoed, at=embargo_time)
    embargoed.refresh_from_db()
    assert workflow.position(embargoed) == workflow.SCHEDULED

    snapshot = workflow.break_embargo(editor, embargoed, reason="The agency lifted it early.")

    assert snapshot.published_at <= timezone.now()
    assert visible_stories().filter(pk=snapshot.pk).exists()
    assert WorkflowEvent.objects.filter(article=embargoed, action="publish_now").exists()


def test_break_embargo_needs_a_reason(embargoed, editor):
    with pytest.raises(workflow.Embargoed):
        workflow.break_embargo(editor, embargoed, reason="  ")
    assert not PublishedArticle.objects.filter(article=embargoed).exists()
