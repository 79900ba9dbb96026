"""Mention mails (issue 19, finding 5): they quote the story's own words, never a passage the
client made up, and one person's comments mail at most MENTIONS_PER_HOUR mentions an hour."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.collaboration import comments
from articles.collaboration.comments import MENTIONS_PER_HOUR, CommentError
from articles.models import StoryComment, StoryCommentMention

pytestmark = pytest.mark.django_db

BODY = (
    "<p>The council met on Tuesday night.</p>"
    "<p>Members voted 7-2 to approve the harbor budget after a long debate.</p>"
)
QUOTE = "voted 7-2 to approve the harbor budget"


@pytest.fixture
def story(make_article, reporter):
    article = make_article(body=BODY, created_by=reporter)
    workflow.save_article(reporter, article, expected_version=article.version)
    return article


def test_a_passage_not_in_the_story_is_not_quoted_in_the_mail(
    story, reporter, editor, django_capture_on_commit_callbacks
):
    invented = "The mayor resigned tonight; call this number: 555-0100"
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(reporter, story, text="@edna see this", quote=invented)
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "555-0100" not in mail.outbox[0].body and "On the passage" not in mail.outbox[0].body


def test_a_reworded_passage_is_quoted_as_the_story_has_it(
    story, reporter, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(
            reporter,
            story,
            text="@edna is this right?",
            quote="voted 7-2 to approve the harbour budget",
            prefix="night. Members ",
            suffix=" after a long",
        )
    body = mail.outbox[0].body
    assert f"On the passage: “{QUOTE}”" in body and "harbour" not in body


def test_a_reply_quotes_the_threads_passage_as_the_story_has_it(
    story, reporter, editor, django_capture_on_commit_callbacks
):
    thread = comments.add_comment(reporter, story, text="Check.", quote=QUOTE)
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(reporter, story, text="@edna please look", parent=thread)
    assert f"On the passage: “{QUOTE}”" in mail.outbox[0].body


def test_mention_mails_are_limited_per_person_and_hour(
    client, story, reporter, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(MENTIONS_PER_HOUR):
            comments.add_comment(reporter, story, text=f"@edna number {number}", quote=QUOTE)
    assert len(mail.outbox) == MENTIONS_PER_HOUR
    with pytest.raises(CommentError) as refused:
        comments.add_comment(reporter, story, text="@edna once more", quote=QUOTE)
    assert refused.value.code == "too_many_mentions"
    assert f"at most {MENTIONS_PER_HOUR} an hour" in str(refused.value)
    assert not StoryComment.objects.filter(text="@edna once more").exists()
    # Through the panel: a clear refusal, and a comment without a mention still goes in.
    client.force_login(reporter)
    url = reverse("admin:articles_storycomment_story", args=[story.pk])
    answer = client.post(
        url, {"text": "@edna again", "quote": QUOTE}, HTTP_ACCEPT="application/json"
    )
    assert answer.status_code == 429 and "last hour" in json.loads(answer.content)["error"]
    fine = client.post(url, {"text": "No names.", "quote": QUOTE}, HTTP_ACCEPT="application/json")
    assert fine.status_code == 200
    # Editing a comment to add names counts too.
    plain = StoryComment.objects.get(text="No names.")
    with pytest.raises(CommentError):
        comments.edit_comment(reporter, plain, text="@edna sneaked in")
    # An hour later the person may mention again.
    StoryCommentMention.objects.update(created_at=timezone.now() - timedelta(hours=1, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(reporter, story, text="@edna a new hour", quote=QUOTE)
    assert len(mail.outbox) == MENTIONS_PER_HOUR + 1


def test_the_limit_is_each_senders_own(story, reporter, other_reporter, editor):
    for number in range(MENTIONS_PER_HOUR):
        comments.add_comment(reporter, story, text=f"@edna {number}", quote=QUOTE)
    assert comments.add_comment(other_reporter, story, text="@edna mine", quote=QUOTE)
