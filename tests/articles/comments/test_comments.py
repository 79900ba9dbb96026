"""Comments on the text: who may comment, change and resolve (articles.workflow.permissions), the
changes (articles.collaboration.comments), @mentions by mail and on the start page, the story page's
panel and its JSON endpoints, and the "Open comments" list."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from articles import workflow
from articles.collaboration import comments
from articles.collaboration.comments import CommentError
from articles.models import ArticleState, StoryComment, StoryCommentMention

pytestmark = pytest.mark.django_db

BODY = (
    "<p>The council met on Tuesday night.</p>"
    "<p>Members voted 7-2 to approve the harbor budget after a long debate.</p>"
)
QUOTE = "voted 7-2 to approve the harbor budget"


@pytest.fixture
def story(make_article, reporter):
    article = make_article(body=BODY, created_by=reporter)
    workflow.save_article(reporter, article, expected_version=article.version, comment="First")
    return article


def comment(user, article, text="Check this figure.", **extra):
    extra.setdefault("quote", QUOTE)
    extra.setdefault("prefix", "night. Members ")
    extra.setdefault("suffix", " after a long")
    return comments.add_comment(user, article, text=text, **extra)


# --- permissions ---------------------------------------------------------------------------


def test_reporters_and_editors_comment_on_any_story_they_can_see(
    story, other_reporter, editor, unprivileged
):
    assert comment(other_reporter, story).author == other_reporter
    assert comment(editor, story).author == editor
    with pytest.raises(CommentError) as refused:
        comment(unprivileged, story)
    assert refused.value.code == "forbidden"


def test_only_the_author_edits_or_deletes_a_comment(story, reporter, editor):
    mine = comment(reporter, story)
    for other in (editor,):
        with pytest.raises(CommentError):
            comments.edit_comment(other, mine, text="Changed by someone else")
        with pytest.raises(CommentError):
            comments.delete_comment(other, mine)
    comments.edit_comment(reporter, mine, text="Checked: 7-2 is right.")
    mine.refresh_from_db()
    assert mine.text == "Checked: 7-2 is right." and mine.edited_at is not None
    comments.delete_comment(reporter, mine)
    assert not StoryComment.objects.filter(pk=mine.pk).exists()


def test_a_comment_others_replied_to_is_resolved_not_deleted(story, reporter, editor):
    mine = comment(reporter, story)
    comments.add_comment(editor, story, text="Agreed.", parent=mine)
    with pytest.raises(CommentError) as refused:
        comments.delete_comment(reporter, mine)
    assert refused.value.code == "has_replies"


def test_who_may_resolve(story, reporter, other_reporter, second_editor, make_user):
    third = make_user("tess", groups=["Reporters"])
    by_other = comment(other_reporter, story)
    # Another reporter who is neither its author nor the story's reporter may not.
    with pytest.raises(CommentError):
        comments.resolve_thread(third, by_other)
    # The comment's author, the story's reporter and an editor may.
    for user in (other_reporter, reporter, second_editor):
        comments.resolve_thread(user, by_other)
        assert StoryComment.objects.get(pk=by_other.pk).resolved_by == user
        comments.reopen_thread(user, by_other)
        assert StoryComment.objects.get(pk=by_other.pk).resolved_at is None


def test_a_reply_belongs_to_the_thread_and_resolving_a_reply_resolves_the_thread(
    story, reporter, editor
):
    thread = comment(reporter, story)
    reply = comments.add_comment(editor, story, text="Which figure?", parent=thread)
    reply_to_reply = comments.add_comment(reporter, story, text="The vote.", parent=reply)
    assert reply.parent == thread and reply_to_reply.parent == thread
    assert reply.quote == ""
    comments.resolve_thread(editor, reply)
    thread.refresh_from_db()
    assert thread.resolved_by == editor


def test_empty_text_or_no_passage_is_refused_with_a_reason(story, reporter):
    with pytest.raises(CommentError, match="Write the comment"):
        comment(reporter, story, text="   ")
    with pytest.raises(CommentError, match="Select the passage"):
        comment(reporter, story, quote="  ")
    assert not StoryComment.objects.exists()


def test_a_comment_keeps_the_version_and_revision_it_was_made_on(story, reporter, editor):
    made = comment(editor, story)
    version, revision = made.made_on_version, made.revision
    assert version == story.version and revision is not None
    story.body = BODY.replace("7-2", "7-3")
    workflow.save_article(reporter, story, expected_version=story.version, comment="Fix")
    made.refresh_from_db()
    assert made.made_on_version == version and made.revision == revision
    assert story.version > version
    # The passage changed slightly: still anchored, shown as changed.
    thread = comments.story_threads(story)[0]
    assert not thread.orphaned and "7-3" in thread.anchor.text and not thread.anchor.exact


def test_deleting_the_passage_orphans_the_thread(story, reporter):
    comment(reporter, story)
    story.body = "<p>The council met on Tuesday night.</p>"
    workflow.save_article(reporter, story, expected_version=story.version)
    assert comments.story_threads(story)[0].orphaned


# --- mentions ------------------------------------------------------------------------------


def test_mentions_by_username_or_full_name(reporter, editor, second_editor, other_reporter):
    found = comments.find_mentions("@Edna Ives and @ezra, not edna@example.com or @nobody")
    assert found == [editor, second_editor]
    assert comments.find_mentions("Ask @omar.") == [other_reporter]


def test_a_mention_mails_the_person_after_commit_and_shows_on_their_start_page(
    story, reporter, editor, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment(reporter, story, text="@Edna Ives is 7-2 right?")
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Rita Reyes mentioned you" in mail.outbox[0].subject
    assert QUOTE in mail.outbox[0].body and "#comment-" in mail.outbox[0].body
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Mentions" in page and "is 7-2 right?" in page and story.headline in page
    # Resolved: no longer on the desk.
    comments.resolve_thread(editor, StoryComment.objects.get())
    page = client.get(reverse("admin:index")).content.decode()
    assert "Nobody has mentioned you." in page


def test_editing_a_comment_mails_only_newly_mentioned_people(
    story, reporter, editor, second_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = comment(reporter, story, text="@edna look")
    with django_capture_on_commit_callbacks(execute=True):
        comments.edit_comment(reporter, made, text="@edna and @ezra look")
    assert [m.to for m in mail.outbox] == [[editor.email], [second_editor.email]]
    assert StoryCommentMention.objects.filter(comment=made).count() == 2


def test_someone_who_cannot_see_the_story_is_not_mentioned(story, reporter, unprivileged):
    made = comment(reporter, story, text="@ursula have a look")
    assert not made.mentions.exists()


# --- the story page and its endpoints ------------------------------------------------------


def _post(client, url, **data):
    return client.post(url, data, HTTP_ACCEPT="application/json")


def test_posting_a_comment_answers_with_the_panel_in_json(client, story, other_reporter):
    client.force_login(other_reporter)
    url = reverse("admin:articles_storycomment_story", args=[story.pk])
    response = _post(client, url, text="Source?", quote=QUOTE, prefix="Members ", suffix=" after")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["open"] == 1 and "Source?" in data["html"] and QUOTE in data["html"]
    refused = _post(client, url, text="", quote=QUOTE)
    assert (
        refused.status_code == 400 and "Write the comment" in json.loads(refused.content)["error"]
    )


def test_the_story_page_lists_threads_with_their_passage(client, story, reporter, editor):
    made = comment(editor, story, text="Is this the final vote?")
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert f'id="comment-{made.pk}"' in page and "Is this the final vote?" in page
    assert "Resolve</button>" in page  # the story's reporter may resolve
    assert "admin-story-comments.js" in page


def test_actions_through_the_endpoint_follow_the_rules(client, story, reporter, other_reporter):
    made = comment(reporter, story)
    client.force_login(other_reporter)
    for action in ("edit", "delete", "resolve"):
        url = reverse("admin:articles_storycomment_action", args=[made.pk, action])
        assert _post(client, url, text="Hijacked").status_code == 403
    client.force_login(reporter)
    url = reverse("admin:articles_storycomment_action", args=[made.pk, "resolve"])
    data = json.loads(_post(client, url).content)
    assert data["open"] == 0 and "Reopen</button>" in data["html"]
    # Without script: a redirect back to the story's comments.
    url = reverse("admin:articles_storycomment_action", args=[made.pk, "reopen"])
    response = client.post(url)
    assert response.status_code == 302 and response.url.endswith("#comments")


def test_comment_addresses_answer_404_for_unknown_and_staff_only(client, story, reporter):
    made = comment(reporter, story)
    assert (
        client.get(reverse("admin:articles_storycomment_story", args=[story.pk])).status_code == 302
    )
    client.force_login(reporter)
    for url in (
        reverse("admin:articles_storycomment_story", args=["abc"]),
        reverse("admin:articles_storycomment_action", args=[made.pk, "explode"]),
        reverse("admin:articles_storycomment_action", args=["x", "resolve"]),
    ):
        assert client.post(url).status_code == 404


# --- open comments -------------------------------------------------------------------------


def test_open_comments_lists_unresolved_threads_on_unpublished_stories(
    client, make_article, story, reporter, editor
):
    open_one = comment(reporter, story, text="Open on a draft")
    done = comment(reporter, story, text="Resolved already")
    comments.resolve_thread(reporter, done)
    spiked = make_article("A spiked story", body=BODY, state=ArticleState.SPIKED)
    comment(editor, spiked, text="On a spiked story")
    assert list(comments.open_comments()) == [open_one]
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_storycomment_changelist")).content.decode()
    assert "Open comments on unpublished stories" in page
    assert "Open on a draft" in page and "Resolved already" not in page
    assert "On a spiked story" not in page
    start = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:articles_storycomment_changelist") in start


def test_a_comment_on_words_not_saved_yet_is_not_called_orphaned(story, reporter):
    comment(reporter, story, quote="words typed but not saved", prefix="", suffix="")
    thread = comments.story_threads(story)[0]
    assert thread.unsaved and not thread.orphaned
    story.body = BODY + "<p>These are words typed but not saved until now.</p>"
    workflow.save_article(reporter, story, expected_version=story.version)
    thread = comments.story_threads(story)[0]
    assert thread.anchor.text == "words typed but not saved" and not thread.unsaved


def test_the_demo_has_a_commented_story_in_review(db, small_renditions):
    from demo.loader import load_demo

    load_demo()
    thread = StoryComment.objects.get(parent=None)
    assert thread.article.state == ArticleState.IN_REVIEW and thread.replies.count() == 1
    anchored = comments.story_threads(thread.article)[0]
    assert anchored.anchor is not None and anchored.anchor.exact
    assert thread.mentions.filter(user=thread.article.created_by).exists()
    load_demo()
    assert StoryComment.objects.count() == 2
