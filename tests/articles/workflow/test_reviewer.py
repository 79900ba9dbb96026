"""Naming a story's reviewer: editors only, only while the story is in review, recorded in
its history, mailed to the reviewer, and shown in the lists and on the start page."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import WorkflowEvent
from articles.workflow import desk
from newsroom.people import display_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(make_article, reporter):
    story = make_article("Ferry timetable changes for winter", created_by=reporter)
    workflow.submit_for_review(reporter, story)
    mail.outbox.clear()
    return story


def test_an_editor_names_a_reviewer_who_is_told_by_mail(
    in_review, editor, second_editor, django_capture_on_commit_callbacks
):
    due = timezone.now() + timezone.timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.assign_reviewer(editor, in_review, reviewer=second_editor, due_at=due)
    in_review.refresh_from_db()
    assert in_review.reviewer == second_editor and in_review.review_due_at == due
    event = WorkflowEvent.objects.get(article=in_review, action="assign_reviewer")
    assert event.actor == editor and f"Reviewer: {display_name(second_editor)}" in event.note
    assert in_review.state == "in_review"  # naming a reviewer moves nothing
    assert [m.to for m in mail.outbox] == [[second_editor.email]]
    assert "Ferry timetable changes for winter" in mail.outbox[0].subject


def test_taking_it_oneself_sends_no_mail(in_review, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.assign_reviewer(editor, in_review, reviewer=editor)
    assert mail.outbox == []


def test_reporters_may_not_name_reviewers_nor_be_named(in_review, reporter, editor):
    with pytest.raises(workflow.WorkflowPermissionError):
        workflow.assign_reviewer(reporter, in_review, reviewer=editor)
    with pytest.raises(workflow.WorkflowError, match="cannot review stories"):
        workflow.assign_reviewer(editor, in_review, reviewer=reporter)
    in_review.refresh_from_db()
    assert in_review.reviewer is None
    assert not WorkflowEvent.objects.filter(action="assign_reviewer").exists()


def test_only_a_story_in_review_takes_a_reviewer(make_article, reporter, editor):
    draft = make_article("A draft nobody submitted", created_by=reporter)
    with pytest.raises(workflow.TransitionNotAllowed, match="not in review"):
        workflow.assign_reviewer(editor, draft, reviewer=editor)


def test_a_due_time_in_the_past_is_refused(in_review, editor):
    with pytest.raises(workflow.WorkflowError, match="already passed"):
        workflow.assign_reviewer(
            editor, in_review, reviewer=editor, due_at=timezone.now() - timezone.timedelta(days=1)
        )


def test_naming_is_not_a_move_so_changes_requested_still_shows(in_review, editor, reporter):
    workflow.request_changes(editor, in_review, note="Cut the third paragraph.")
    workflow.submit_for_review(reporter, in_review)
    workflow.assign_reviewer(editor, in_review, reviewer=editor)
    assert workflow.latest_move(in_review).action == "submit"


def test_the_panel_the_lists_and_the_start_page_say_who_reviews(
    client, in_review, editor, second_editor
):
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[in_review.pk])
    assert "No reviewer named yet." in client.get(change).content.decode()
    response = client.post(
        reverse("admin:articles_article_reviewer", args=[in_review.pk]),
        {"reviewer": str(second_editor.pk), "due_at": ""},
    )
    assert response.status_code == 302
    page = client.get(change).content.decode()
    name = display_name(second_editor)
    assert f"Reviewer: <strong>{name}</strong>" in page
    assert name in client.get(reverse("admin:articles_article_changelist")).content.decode()
    queue = client.get(reverse("admin:articles_reviewqueueitem_changelist")).content.decode()
    assert name in queue
    start = client.get(reverse("admin:index")).content.decode()
    assert f"reviewer {name}" in start
    assert desk.waiting_for_review(editor).items[0].reviewer == second_editor


def test_the_panel_refuses_a_reviewer_who_is_not_on_the_list(client, in_review, editor, reporter):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_reviewer", args=[in_review.pk]),
        {"reviewer": str(reporter.pk)},
        follow=True,
    )
    assert "Choose a reviewer from the list" in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.reviewer is None


def test_the_bulk_action_names_one_reviewer_for_many_and_says_what_it_skipped(
    client, make_article, reporter, editor, second_editor
):
    stories = [make_article(f"Story number {n} for review", created_by=reporter) for n in range(3)]
    for story in stories[:2]:
        workflow.submit_for_review(reporter, story)
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    ids = [str(story.pk) for story in stories]
    chooser = client.post(
        changelist, {"action": "assign_reviewer_selected", "_selected_action": ids}
    )
    assert chooser.status_code == 200
    assert "2 of the 3 selected stories are in review" in chooser.content.decode()
    response = client.post(
        changelist,
        {
            "action": "assign_reviewer_selected",
            "_selected_action": ids,
            "apply": "1",
            "reviewer": str(second_editor.pk),
            "due_at": "",
        },
        follow=True,
    )
    text = response.content.decode()
    assert f"{display_name(second_editor)} reviews 2 stories.".lower() in text.lower()
    assert "Not done: Cannot name a reviewer for “Story number 2 for review”" in text
    assert [s.reviewer_id for s in type(stories[0]).objects.filter(pk__in=ids).order_by("pk")] == [
        second_editor.pk,
        second_editor.pk,
        None,
    ]


def test_reporters_do_not_get_the_bulk_action(client, reporter):
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "assign_reviewer_selected" not in html


def test_an_editor_takes_the_review_in_one_click(client, in_review, editor):
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[in_review.pk])
    assert "I'll review it" in client.get(change).content.decode()
    client.post(reverse("admin:articles_article_reviewer", args=[in_review.pk]), {"reviewer": "me"})
    in_review.refresh_from_db()
    assert in_review.reviewer == editor
    assert "I'll review it" not in client.get(change).content.decode()


def test_the_reviewer_list_is_exactly_who_may_review(make_user, editor, reporter, in_review):
    from django.contrib.auth.models import Permission

    from articles.workflow.permissions import can_review, reviewers

    direct = make_user("dora")  # staff, no group: given the permission by hand
    direct.user_permissions.add(Permission.objects.get(codename="review_article"))
    listed = set(reviewers())
    assert {editor, direct} <= listed and reporter not in listed
    assert all(can_review(user, in_review) for user in listed)


def test_the_bulk_page_says_when_no_reviewer_was_chosen(client, editor, in_review):
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    data = {"action": "assign_reviewer_selected", "_selected_action": [str(in_review.pk)]}
    chooser = client.post(changelist, data).content.decode()
    assert f'<option value="{editor.pk}" selected>' in chooser  # yourself, to start with
    refused = client.post(changelist, {**data, "apply": "1", "reviewer": ""}).content.decode()
    assert "Choose who reviews" in refused
    in_review.refresh_from_db()
    assert in_review.reviewer is None
