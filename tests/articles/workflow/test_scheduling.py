"""A scheduled story: publish now, reschedule, cancel the schedule, and what the panel says."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import PublicStatus, PublishedArticle, WorkflowEvent
from articles.public.queries import story_at, visible_stories
from newsroom.time_zone import newsroom_time

pytestmark = pytest.mark.django_db

SCHEDULE_ACTIONS = ["publish_now", "reschedule", "update_scheduled", "cancel_schedule"]


@pytest.fixture
def scheduled(story_in, editor):
    """A story approved and scheduled for three hours from now (readers see nothing yet)."""
    article = story_in("in_review")
    workflow.publish(editor, article, at=timezone.now() + timedelta(hours=3))
    return article


def _act(action: str, user, article, **kwargs):
    if action == "reschedule":
        return workflow.reschedule(user, article, at=timezone.now() + timedelta(days=1), **kwargs)
    if action == "update_scheduled":
        return workflow.update_scheduled_copy(user, article, **kwargs)
    return getattr(workflow, action)(user, article, **kwargs)


def test_a_scheduled_story_offers_publish_now_reschedule_update_and_cancel_only(scheduled, editor):
    assert workflow.position(scheduled) == "scheduled"
    assert workflow.allowed_actions(editor, scheduled) == SCHEDULE_ACTIONS


def test_publish_now_puts_a_scheduled_story_live_at_once(
    scheduled, editor, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = workflow.publish_now(editor, scheduled)

    now = timezone.now()
    assert snapshot.published_at <= now
    assert visible_stories(now=now).filter(pk=snapshot.pk).exists()
    assert story_at(snapshot.url_path).story is not None
    scheduled.refresh_from_db()
    assert workflow.position(scheduled) == "published"
    assert scheduled.first_published_at == snapshot.published_at
    event = WorkflowEvent.objects.get(article=scheduled, action="publish_now")
    assert event.actor == editor and event.scheduled_for is None
    assert [m.subject for m in mailoutbox][-1] == f"Published: {snapshot.headline}"


def test_reschedule_moves_the_go_live_time_and_readers_still_see_nothing(scheduled, editor):
    later = timezone.now() + timedelta(days=2)
    snapshot = workflow.reschedule(editor, scheduled, at=later, note="Embargo moved.")

    assert snapshot.published_at == snapshot.first_published_at == later
    assert not visible_stories().filter(pk=snapshot.pk).exists()
    assert workflow.scheduled_go_live(scheduled) == later
    assert workflow.position(scheduled) == "scheduled"
    event = WorkflowEvent.objects.get(article=scheduled, action="reschedule")
    assert event.scheduled_for == later and event.note == "Embargo moved."
    # Its page will carry the new time, not the old one.
    assert (
        f'datetime="{timezone.localtime(later).isoformat(timespec="seconds")}"'
        in snapshot.article_html
    )


def test_reschedule_to_a_time_already_passed_is_refused(scheduled, editor):
    before = workflow.scheduled_go_live(scheduled)
    with pytest.raises(workflow.WorkflowError) as raised:
        workflow.reschedule(editor, scheduled, at=timezone.now() - timedelta(hours=1))
    assert raised.value.code == "publish_time_passed"
    assert "Publish now" in str(raised.value)
    assert workflow.scheduled_go_live(scheduled) == before
    assert not WorkflowEvent.objects.filter(article=scheduled, action="reschedule").exists()


def test_cancel_schedule_leaves_no_public_page_and_puts_the_story_back_in_review(scheduled, editor):
    path = PublishedArticle.objects.get(article=scheduled).url_path
    workflow.cancel_schedule(editor, scheduled, note="Legal wants another look.")

    assert not PublishedArticle.objects.filter(article=scheduled).exists()
    assert story_at(path).story is None and story_at(path).gone is None  # 404, no trace
    scheduled.refresh_from_db()
    assert scheduled.state == "in_review" and scheduled.first_published_at is None
    event = WorkflowEvent.objects.get(article=scheduled, action="cancel_schedule")
    assert (event.from_state, event.to_state) == ("published", "in_review")
    # Back on the desk: an editor can publish or schedule it again straight away.
    assert "publish" in workflow.allowed_actions(editor, scheduled)


def test_a_story_taken_down_then_scheduled_again_stays_gone_at_its_address(story_in, editor):
    article = story_in("unpublished")  # was live, then withdrawn (410)
    gone = PublishedArticle.objects.get(article=article)
    workflow.submit_for_review(editor, article)
    workflow.publish(editor, article, at=timezone.now() + timedelta(hours=3))
    snapshot = workflow.reschedule(editor, article, at=timezone.now() + timedelta(hours=5))
    assert snapshot.url_path == gone.url_path  # first publication, and address, kept

    workflow.cancel_schedule(editor, article)
    lookup = story_at(gone.url_path)
    assert lookup.gone is not None and lookup.gone.status == PublicStatus.WITHDRAWN


@pytest.mark.parametrize("action", SCHEDULE_ACTIONS)
@pytest.mark.parametrize("role", ["reporter", "other_reporter", "unprivileged", "anonymous"])
def test_only_someone_who_may_publish_changes_a_schedule(request, scheduled, role, action):
    user = request.getfixturevalue(role)
    before = workflow.scheduled_go_live(scheduled)
    assert action not in workflow.allowed_actions(user, scheduled)
    with pytest.raises(workflow.WorkflowPermissionError):
        _act(action, user, scheduled)
    scheduled.refresh_from_db()
    assert workflow.position(scheduled) == "scheduled"
    assert workflow.scheduled_go_live(scheduled) == before
    assert not WorkflowEvent.objects.filter(article=scheduled, action=action).exists()


@pytest.mark.parametrize("action", SCHEDULE_ACTIONS)
def test_a_reporter_given_the_publish_permission_may_change_a_schedule(scheduled, reporter, action):
    reporter.user_permissions.add(Permission.objects.get(codename="publish_article"))
    reporter = type(reporter).objects.get(pk=reporter.pk)  # fresh permission cache
    _act(action, reporter, scheduled)
    assert WorkflowEvent.objects.filter(article=scheduled, action=action, actor=reporter).exists()


@pytest.mark.parametrize("position", ["in_review", "published", "live_draft", "unpublished"])
@pytest.mark.parametrize("action", SCHEDULE_ACTIONS)
def test_only_a_scheduled_story_has_a_schedule_to_change(story_in, editor, position, action):
    article = story_in(position)
    with pytest.raises(workflow.TransitionNotAllowed):
        _act(action, editor, article)


# --- the workflow panel ------------------------------------------------------------------


def _change(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def _workflow(article):
    return reverse("admin:articles_article_workflow", args=[article.pk])


def test_the_panel_says_when_a_scheduled_story_goes_live_and_links_no_public_page(
    client, scheduled, editor
):
    client.force_login(editor)
    html = client.get(_change(scheduled)).content.decode()
    snapshot = PublishedArticle.objects.get(article=scheduled)
    when = newsroom_time(snapshot.published_at)
    zone = timezone.localtime(snapshot.published_at).tzname()
    assert f"Scheduled for <strong>{when}</strong>; goes live by itself." in html
    assert zone in when
    assert "This story is published" not in html
    assert snapshot.url_path not in html  # the address answers 404 until go-live
    assert reverse("admin:articles_article_preview", args=[scheduled.pk]) in html
    for label in ("Publish now", "Reschedule", "Cancel schedule"):
        assert f">{label}</button>" in html
    assert "Unpublish as retraction" not in html
    # The new time is typed in the newsroom's zone, named beside the input.
    # A date and a 24-hour time, like the other time fields (not the browser's 12-hour picker).
    assert 'name="reschedule_at_date"' in html and 'name="reschedule_at_time"' in html
    assert 'New go-live time, <span class="time-zone">' in html
    assert settings.TIME_ZONE in html


def test_a_reporter_sees_the_schedule_but_no_buttons_to_change_it(client, scheduled, reporter):
    client.force_login(reporter)
    html = client.get(_change(scheduled)).content.decode()
    assert "goes live by itself" in html
    assert 'value="publish_now"' not in html and 'value="reschedule"' not in html


def test_rescheduling_in_the_panel_reads_the_time_in_the_newsrooms_zone(client, scheduled, editor):
    client.force_login(editor)
    local = timezone.localtime() + timedelta(days=3)
    typed = f"{local:%Y-%m-%dT%H:%M}"
    response = client.post(_workflow(scheduled), {"action": "reschedule", "reschedule_at": typed})
    assert response.status_code == 302
    expected = local.replace(second=0, microsecond=0)
    assert PublishedArticle.objects.get(article=scheduled).published_at == expected
    page = client.get(_change(scheduled)).content.decode()
    assert f"Rescheduled: goes live {newsroom_time(expected)}." in page


def test_a_mistyped_new_time_is_refused_and_kept(client, scheduled, editor):
    client.force_login(editor)
    before = workflow.scheduled_go_live(scheduled)
    response = client.post(
        _workflow(scheduled),
        {
            "action": "reschedule",
            "reschedule_at_date": f"{timezone.localtime():%Y-%m-%d}",
            "reschedule_at_time": "next tuesday",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "is not a time" in html
    assert 'value="next tuesday"' in html
    assert workflow.scheduled_go_live(scheduled) == before


def test_publish_now_and_cancel_from_the_panel(client, story_in, scheduled, editor):
    client.force_login(editor)
    client.post(_workflow(scheduled), {"action": "cancel_schedule", "cancel_schedule_note": "Hold"})
    assert not PublishedArticle.objects.filter(article=scheduled).exists()
    assert WorkflowEvent.objects.get(article=scheduled, action="cancel_schedule").note == "Hold"

    workflow.publish(editor, scheduled, at=timezone.now() + timedelta(hours=1))
    response = client.post(_workflow(scheduled), {"action": "publish_now"}, follow=True)
    snapshot = PublishedArticle.objects.get(article=scheduled)
    html = response.content.decode()
    assert f'Published: <a href="{snapshot.url_path}">' in html
    assert f'live at <a href="{snapshot.url_path}">' in html
    assert client.get(snapshot.url_path).status_code == 200


def test_an_edited_scheduled_story_still_says_when_it_goes_live_and_can_be_cancelled(
    client, scheduled, editor
):
    scheduled.dek = "A fresher dek, after scheduling."
    workflow.save_article(editor, scheduled, expected_version=scheduled.version)
    assert workflow.position(scheduled) == "scheduled_draft"
    # The edits go out with a new publish; there is no live page to take down.
    assert workflow.allowed_actions(editor, scheduled) == [
        "submit",
        "publish",
        "update_scheduled",
        "cancel_schedule",
    ]
    client.force_login(editor)
    html = client.get(_change(scheduled)).content.decode()
    assert "goes live by itself." in html
    assert "Edits saved since it was scheduled are not in it" in html
    assert "Unpublish as retraction" not in html

    workflow.cancel_schedule(editor, scheduled)
    scheduled.refresh_from_db()
    assert not PublishedArticle.objects.filter(article=scheduled).exists()
    assert (scheduled.state, scheduled.has_unpublished_changes) == ("draft", False)
    assert scheduled.dek == "A fresher dek, after scheduling."  # the edits are kept
