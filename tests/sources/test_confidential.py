"""Confidential source records: only with the dedicated permission, and every view is logged."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sources.confidential import confidential_record_for
from sources.models import Attribution, ConfidentialAccess, SourceConfidential

from .conftest import grant

pytestmark = pytest.mark.django_db


def officials(registry):
    return registry["officials"]


def test_reading_a_record_needs_the_permission_and_is_not_logged_when_refused(
    sourced_story, registry, desk_reporter
):
    with pytest.raises(PermissionDenied):
        confidential_record_for(user=desk_reporter, source=officials(registry), context="test")
    assert not ConfidentialAccess.objects.exists()


def test_every_read_is_logged_with_who_which_source_and_where(
    sourced_story, registry, standards_editor
):
    for _ in range(2):
        record = confidential_record_for(
            user=standards_editor, source=officials(registry), context="phone call"
        )
    assert record.real_identity == "Deputy director and two engineers"
    log = list(ConfidentialAccess.objects.values_list("user", "source", "context"))
    assert log == [(standards_editor.pk, officials(registry).pk, "phone call")] * 2


def test_superuser_holds_the_permission_implicitly(sourced_story, registry, superuser):
    assert confidential_record_for(user=superuser, source=officials(registry), context="x")
    assert ConfidentialAccess.objects.filter(user=superuser).count() == 1


def test_source_page_shows_the_record_to_the_permitted_and_logs_it(
    client, sourced_story, registry, standards_editor
):
    client.force_login(standards_editor)
    url = reverse("admin:sources_source_change", args=[officials(registry).pk])
    page = client.get(url).content.decode()
    assert "Deputy director and two engineers" in page and "Signal only" in page
    assert "access is logged" in page
    entry = ConfidentialAccess.objects.get()
    assert (entry.user, entry.source) == (standards_editor, officials(registry))


def test_permitted_editor_can_update_the_record_from_the_source_page(
    client, sourced_story, registry, standards_editor
):
    client.force_login(standards_editor)
    source = officials(registry)
    record = source.confidential
    url = reverse("admin:sources_source_change", args=[source.pk])
    response = client.post(
        url,
        {
            "kind": source.kind,
            "name": source.name,
            "descriptor": "",
            "aliases": "",
            "affiliation": "",
            "url": "",
            "is_active": "on",
            "confidential-TOTAL_FORMS": "1",
            "confidential-INITIAL_FORMS": "1",
            "confidential-MIN_NUM_FORMS": "0",
            "confidential-MAX_NUM_FORMS": "1",
            "confidential-0-id": str(record.pk),
            "confidential-0-source": str(source.pk),
            "confidential-0-real_identity": "The deputy director",
            "confidential-0-contact_details": "Signal only",
            "confidential-0-private_notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SourceConfidential.objects.get().real_identity == "The deputy director"


def test_reporter_sees_no_confidential_field_on_source_or_story(
    client, sourced_story, registry, desk_reporter
):
    client.force_login(desk_reporter)
    source_page = client.get(
        reverse("admin:sources_source_change", args=[officials(registry).pk])
    ).content.decode()
    story_page = client.get(
        reverse("admin:articles_article_change", args=[sourced_story.pk])
    ).content.decode()
    for page in (source_page, story_page):
        assert "Deputy director" not in page and "Signal only" not in page
        assert "real_identity" not in page and "private_notes" not in page
    assert "Board vote pending" not in story_page
    assert "repair planning group" not in story_page
    assert "internal_justification" not in story_page and "editors_who_know" not in story_page
    # What the reporter works with is there.
    assert "because the board has not voted on the closure" in story_page
    assert not ConfidentialAccess.objects.exists()


def test_reporter_cannot_open_the_access_log(client, desk_reporter, standards_editor):
    client.force_login(desk_reporter)
    assert client.get(reverse("admin:sources_confidentialaccess_changelist")).status_code == 403
    client.force_login(standards_editor)
    assert client.get(reverse("admin:sources_confidentialaccess_changelist")).status_code == 200


def test_permitted_editor_sees_and_sets_justification_and_who_knows(
    client, sourced_story, standards_editor
):
    # Changing a story's attributions is for whoever may edit the story: here, an editor.
    standards_editor = grant(standards_editor, "articles.publish_article")
    client.force_login(standards_editor)
    anonymous = Attribution.objects.get(anonymous=True)
    page = client.get(
        reverse("admin:sources_attribution_change", args=[anonymous.pk])
    ).content.decode()
    assert "Board vote pending" in page and "repair planning group" in page
    assert 'name="editors_who_know"' in page


def test_reporter_saving_an_attribution_keeps_the_confidential_fields(
    client, sourced_story, desk_reporter
):
    """Fields hidden from the reporter are not wiped when the reporter saves the form."""
    sourced_story.created_by = desk_reporter  # the reporter's own draft, so theirs to edit
    sourced_story.save(update_fields=["created_by"])
    client.force_login(desk_reporter)
    anonymous = Attribution.objects.get(anonymous=True)
    knowers = set(anonymous.confidential.editors_who_know.all())
    response = client.post(
        reverse("admin:sources_attribution_change", args=[anonymous.pk]),
        {
            "kind": "paraphrased",
            "terms": "background",
            "position": "0",
            "source": str(anonymous.source_id),
            "anonymous": "on",
            "public_descriptor": "Harbor Authority officials",
            "source_count": "3",
            "anonymity_reason": "because the board has not voted yet",
            "quote": "",
            "outlet_report": "",
            "reported_on": "",
            "descriptor_as_written": "",
            "comment_request": "",
            # A tampered form cannot set what the reporter may not see.
            "internal_justification": "overwritten",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    anonymous.refresh_from_db()
    assert anonymous.anonymity_reason == "because the board has not voted yet"
    record = anonymous.confidential
    assert record.internal_justification == "Board vote pending; officials would be disciplined."
    assert set(record.editors_who_know.all()) == knowers
