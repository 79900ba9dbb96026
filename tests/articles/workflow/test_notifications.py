"""Email after commit: editors on submit, authors on requested changes and publication."""

import pytest
from django.core import mail

from articles import workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def author_with_account(author, reporter):
    author.user = reporter
    author.save()
    return author


def test_editors_hear_of_a_submission_only_after_commit(
    story, reporter, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit_for_review(reporter, story, note="Ready when you are.")
    assert mail.outbox == []  # nothing sent while the transaction is open
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert story.headline in mail.outbox[0].subject
    assert "Ready when you are." in mail.outbox[0].body


def test_nothing_is_sent_when_the_transition_fails(
    story, reporter, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(workflow.WorkflowError),
    ):
        workflow.publish(reporter, story)
    assert mail.outbox == []


def test_authors_hear_of_requested_changes_and_publication(
    story_in, editor, author_with_account, reporter, django_capture_on_commit_callbacks
):
    article = story_in("in_review")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(editor, article, note="Name the second source.")
    assert mail.outbox[-1].to == [reporter.email]
    assert "Name the second source." in mail.outbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(reporter, article)
        workflow.publish(editor, article)
    published = [m for m in mail.outbox if m.subject.startswith("Published")]
    assert len(published) == 1 and published[0].to == [reporter.email]
    assert "/city/" in published[0].body
