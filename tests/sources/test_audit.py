"""The sourcing audit counts what the registry says, for standards editors only.

The demo newsroom's figures below were counted by hand from demo/stories/*.yaml: eleven
stories live and first published in the last 30 days (01–10 and the live story, 17); two with
an anonymous source (the Navy and the fare stories); none with a single voice or with no one
on the record; 33 voices (the live story's 3: Walt Dempsey in its text and an entry, Harbor
Light & Power and Ellen Marsh in its entries: an entry's sources are its story's); two declined and two did not respond; outlets credited by 3 (Metro Public Radio) and
2 stories each (Capital Wire Service, The Harbor Courier, The Tidewater Business Journal).
"""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from demo.loader import load_demo
from newsroom.people import display_name
from sources.models import Attribution, Source
from sources.standards.audit import default_scope, run_audit
from tests.sources.conftest import publish_story

AUDIT = reverse("admin:sources_source_audit")


@pytest.fixture
def demo(db, small_renditions):
    """The demo newsroom, one small JPEG per picture (the audit reads no picture)."""
    load_demo(stdout=io.StringIO())


def test_the_audit_matches_a_hand_count_on_the_demo(demo):
    audit = run_audit(default_scope())
    assert audit.stories == 11
    assert (audit.with_anonymous, audit.single_source, audit.no_on_record) == (2, 0, 0)
    assert sum(audit.voices.values()) == 33
    assert (audit.declined, audit.no_response) == (2, 2)
    assert dict(audit.outlets) == {
        "Metro Public Radio": 3,
        "Capital Wire Service": 2,
        "The Harbor Courier": 2,
        "The Tidewater Business Journal": 2,
    }
    editor = get_user_model().objects.get(username="demo-editor")
    assert dict(audit.approvers) == {display_name(editor): 2}
    assert (audit.anonymous_grants, audit.unapproved_grants) == (2, 0)


@pytest.mark.django_db
def test_one_anonymous_voice_is_a_single_source_story_with_no_one_on_the_record(sourced_story):
    publish_story(sourced_story)
    audit = run_audit(default_scope())
    assert (audit.stories, audit.single_source, audit.no_on_record) == (1, 0, 0)
    # The newsroom drops the named voice: what is left is one anonymous one.
    Attribution.objects.filter(article=sourced_story, kind="quoted").delete()
    audit = run_audit(default_scope())
    assert (audit.single_source, audit.no_on_record, audit.with_anonymous) == (1, 1, 1)
    assert dict(audit.voices) == {"Anonymous": 1}


@pytest.mark.django_db
def test_whose_voice_set_in_the_registry_is_what_the_audit_counts(sourced_story, registry):
    publish_story(sourced_story)
    Source.objects.filter(pk=registry["brandt"].pk).update(voice="official")
    assert run_audit(default_scope()).voices["Official or spokesperson"] == 1


@pytest.mark.django_db
def test_the_audit_reads_a_bounded_number_of_queries_whatever_the_stories(
    sourced_story, django_assert_max_num_queries
):
    publish_story(sourced_story)
    with django_assert_max_num_queries(6):
        run_audit(default_scope()).rows  # noqa: B018


@pytest.mark.django_db
def test_only_standards_editors_open_the_audit(client, reporter, editor, standards_editor):
    for user in (reporter, editor):
        client.force_login(user)
        assert client.get(AUDIT).status_code == 403
    client.force_login(standards_editor)
    page = client.get(AUDIT)
    assert page.status_code == 200
    assert "Sourcing audit" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "start=²⁰²⁶-01-01",
        "end=2026-13-45",
        "section=²",
        "author=٣",
        "section=99999999999999999999999",
        "start=2026-12-01&end=2020-01-01",
        "start=1900-01-01",
        "start=" + "9" * 5000,
        "format=csv&section=x",
    ],
)
def test_hostile_values_get_a_message_never_a_500(client, standards_editor, query):
    client.force_login(standards_editor)
    response = client.get(f"{AUDIT}?{query}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_csv_has_a_row_per_story_and_no_formula_a_spreadsheet_would_run(
    client, standards_editor, sourced_story
):
    sourced_story.headline = "=HYPERLINK(1) pier closes"
    sourced_story.save()
    publish_story(sourced_story)
    client.force_login(standards_editor)
    response = client.get(f"{AUDIT}?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["first published", "headline"]
    assert len(rows) == 2
    assert rows[1][0] == timezone.localdate().isoformat()
    assert rows[1][1] == "'=HYPERLINK(1) pier closes"
    assert rows[1][4:8] == ["2", "yes", "no", "yes"]
