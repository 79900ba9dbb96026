"""Asking for and approving a grant of anonymity (sources.anonymity), and who may
(sources.permissions): the one home of both, called the same way by the story page."""

import pytest
from django.core import mail

from articles.models import WorkflowEvent
from sources import anonymity, permissions
from sources.models import Attribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def unapproved(make_article, reporter):
    article = make_article(created_by=reporter)
    return Attribution.objects.create(
        article=article,
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a planning official",
        anonymity_reason="because they were not authorized to speak",
        position=0,
    )


def test_asking_mails_everyone_else_who_may_approve_after_the_commit(
    reporter, editor, second_editor, unapproved, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asked = anonymity.request_approval(user=reporter, attribution=unapproved)
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert asked == 2
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["edna@example.com", "ezra@example.com"]
    assert "“a planning official”" in mail.outbox[0].body
    event = WorkflowEvent.objects.get(
        article=unapproved.article, action="anonymity_approval_requested"
    )
    assert event.actor == reporter and "Rita Reyes asked for approval" in event.note


def test_an_editor_asking_does_not_ask_themselves(editor, second_editor, unapproved):
    assert [
        u.username for u in anonymity.approvers_to_ask(user=editor, attribution=unapproved)
    ] == ["ezra"]


def test_someone_who_may_not_change_the_story_cannot_ask(other_reporter, editor, unapproved):
    with pytest.raises(anonymity.AnonymityError) as refused:
        anonymity.request_approval(user=other_reporter, attribution=unapproved)
    assert refused.value.code == "story_not_editable"
    assert not WorkflowEvent.objects.filter(action="anonymity_approval_requested").exists()


def test_an_approved_source_needs_no_request(reporter, editor, unapproved):
    approved = anonymity.approve_anonymity(user=editor, attribution=unapproved)
    with pytest.raises(anonymity.AnonymityError) as refused:
        anonymity.request_approval(user=reporter, attribution=approved)
    assert refused.value.code == "nothing_to_approve"


def test_who_may_approve_is_the_permission_and_the_story(reporter, editor, unapproved):
    article = unapproved.article
    assert permissions.may_approve_anonymity(editor)
    assert permissions.can_approve_anonymity(editor, article)
    assert not permissions.may_approve_anonymity(reporter)
    assert not permissions.can_approve_anonymity(reporter, article)
    editor.is_active = False
    assert not permissions.can_approve_anonymity(editor, article)


def test_the_other_sources_predicates(reporter, editor, superuser, anonymous):
    assert permissions.can_view_confidential(superuser)
    assert not permissions.can_view_confidential(reporter)
    assert not permissions.can_view_confidential(anonymous)
    assert permissions.can_merge_sources(superuser)
    assert not permissions.can_merge_sources(reporter)
    assert permissions.can_change_public_fields_of_any_source(editor)
    assert not permissions.can_change_public_fields_of_any_source(reporter)
    assert permissions.can_delete_published_correction(editor)
    assert not permissions.can_delete_published_correction(reporter)


def test_a_read_only_story_names_the_approver_not_their_login(
    client, sourced_story, standards_editor
):
    """A Standards editor who may not edit the story reads 'Approved by' as a name."""
    import re

    from django.urls import reverse

    approver = sourced_story.attributions.get(anonymous=True).approved_by
    approver.first_name, approver.last_name = "Enid", "Okafor"
    approver.save()
    client.force_login(standards_editor)
    html = client.get(reverse("admin:articles_article_change", args=[sourced_story.pk]))
    html = html.content.decode()
    field = re.search(r'field-approved_by_by_name.*?<div class="readonly">(.*?)</div>', html, re.S)
    assert field is not None, "no read-only Approved by field"
    assert field.group(1).strip() == "Enid Okafor"
    assert "Approved by" in html
