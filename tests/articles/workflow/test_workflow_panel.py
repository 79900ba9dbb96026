"""The story page's workflow panel: a note box per action (a note typed for one action is
never posted as another's), take-downs apart from publishing, and bulk moves on the list."""

import re

import pytest
from django.urls import reverse

from articles.models import PublishedArticle, WorkflowEvent

pytestmark = pytest.mark.django_db


def _change(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def _workflow(article):
    return reverse("admin:articles_article_workflow", args=[article.pk])


def test_each_action_has_its_own_labelled_note_box(client, story_in, editor):
    article = story_in("live_in_review")
    client.force_login(editor)
    html = client.get(_change(article)).content.decode()
    assert "Note to the reporter" in html and 'name="changes_note"' in html
    assert "Public retraction notice — readers will see this" in html
    assert 'name="retraction_notice"' in html and 'name="withdraw_note"' in html
    assert 'name="note"' not in html  # no shared box any more
    # Publish takes no free note: only the correction readers will see.
    publish_form = html.split('id="workflow-form"')[1].split("</form>")[0]
    assert "<textarea" in publish_form and 'name="correction_text"' in publish_form
    assert publish_form.count("<textarea") == 1
    # Unpublishing sits below publishing, in its own "Take down or kill" group.
    assert html.index('value="publish"') < html.index("Take down or kill")
    danger = html.split('class="workflow-danger"')[1].split("</section>")[0]
    assert 'value="unpublish"' in danger and 'value="publish"' not in danger


def test_spike_sits_in_the_take_down_group_with_an_internal_note(client, story_in, editor):
    article = story_in("in_review")
    client.force_login(editor)
    html = client.get(_change(article)).content.decode()
    danger = html.split('class="workflow-danger"')[1].split("</section>")[0]
    assert re.search(r'name="action" value="spike"', danger)
    assert "Internal note" in danger and 'name="spike_note"' in danger
    assert "<details" in danger  # opened on purpose before the button shows


def test_a_retraction_notice_only_comes_from_the_retraction_box(client, story_in, editor):
    article = story_in("published")
    client.force_login(editor)
    # A note typed in the withdraw box is not a retraction notice: refused, nothing changes.
    response = client.post(
        _workflow(article),
        {"action": "unpublish", "mode": "retracted", "withdraw_note": "Legal: internal only."},
        follow=True,
    )
    assert "being taken down" in response.content.decode()
    snapshot = PublishedArticle.objects.get(article=article)
    assert snapshot.status == "live" and snapshot.notice == ""

    response = client.post(
        _workflow(article),
        {
            "action": "unpublish",
            "mode": "retracted",
            "retraction_notice": "This story was retracted: the quoted report did not exist.",
            "withdraw_note": "Legal: internal only.",
            "changes_note": "Never meant for readers.",
        },
        follow=True,
    )
    assert "Retracted" in response.content.decode()
    snapshot.refresh_from_db()
    assert snapshot.status == "retracted"
    assert snapshot.notice == "This story was retracted: the quoted report did not exist."
    public = client.get(snapshot.url_path)
    assert public.status_code == 410
    assert "the quoted report did not exist" in public.content.decode()
    assert "internal only" not in public.content.decode()


def test_withdrawing_keeps_its_note_internal(client, story_in, editor):
    article = story_in("published")
    client.force_login(editor)
    client.post(
        _workflow(article),
        {"action": "unpublish", "mode": "withdrawn", "withdraw_note": "Legal asked us to."},
    )
    snapshot = PublishedArticle.objects.get(article=article)
    assert snapshot.status == "withdrawn" and snapshot.notice == ""
    event = WorkflowEvent.objects.get(article=article, action="unpublish")
    assert "Legal asked us to." in event.note


def test_request_changes_reads_only_the_note_to_the_reporter(client, story_in, editor):
    article = story_in("in_review")
    client.force_login(editor)
    response = client.post(
        _workflow(article),
        {"action": "request_changes", "spike_note": "Kill it.", "submit_note": "x"},
        follow=True,
    )
    assert "Say what should change" in response.content.decode()
    article.refresh_from_db()
    assert article.state == "in_review"
    client.post(
        _workflow(article), {"action": "request_changes", "changes_note": "Name the second source."}
    )
    article.refresh_from_db()
    assert article.state == "draft"
    event = WorkflowEvent.objects.get(article=article, action="request_changes")
    assert event.note == "Name the second source."


def test_a_refused_take_down_keeps_its_text_in_its_own_box(client, story_in, editor):
    article = story_in("published")
    client.force_login(editor)
    response = client.post(
        _workflow(article),
        {"action": "unpublish", "mode": "sideways", "retraction_notice": "We got it wrong."},
        follow=True,
    )
    html = response.content.decode()
    assert "Unknown way to unpublish" in html
    assert 'id="workflow-retraction-notice"' in html
    assert ">We got it wrong.</textarea>" in html.split('name="retraction_notice"')[1][:200]


def test_bulk_submit_and_spike_report_each_story(
    client, make_article, reporter, other_reporter, editor
):
    mine = make_article("Rita's tram story", created_by=reporter)
    theirs = make_article("Omar's bridge story", created_by=other_reporter)
    url = reverse("admin:articles_article_changelist")
    client.force_login(reporter)
    response = client.post(
        url,
        {"action": "submit_selected", "_selected_action": [mine.pk, theirs.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Submitted for review: “Rita&#x27;s tram story”" in html
    assert "Not done:" in html and "Omar&#x27;s bridge story" in html
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.state == "in_review" and theirs.state == "draft"

    client.force_login(editor)
    response = client.post(
        url, {"action": "spike_selected", "_selected_action": [mine.pk, theirs.pk]}, follow=True
    )
    assert "Spiked:" in response.content.decode()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.state == "spiked" and theirs.state == "spiked"
