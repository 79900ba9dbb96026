"""The embargo travels in ninjs as `embargoed`: out with the API and the exporter, in with
the wire importer."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.wire.ingest import IngestError, import_story, parse_ninjs
from articles.wire.ninjs import snapshot_to_ninjs

pytestmark = pytest.mark.django_db


def _item(**fields) -> bytes:
    item = {"headline": "Rates held", "body_text": "The bank held rates.", **fields}
    return json.dumps(item).encode()


def test_import_reads_embargoed_into_the_story_embargo(section):
    result = import_story(
        parse_ninjs(_item(embargoed="2031-12-01T06:00:00-05:00", uri="urn:wire:1")),
        section=section,
    )
    article = result.article
    article.refresh_from_db()
    assert article.embargo_until.isoformat() == "2031-12-01T11:00:00+00:00"
    assert article.is_embargoed()


def test_an_embargo_without_an_offset_is_newsroom_time():
    parsed = parse_ninjs(_item(embargoed="2031-12-01T06:00:00"))
    local = timezone.localtime(parsed.embargoed)
    assert (local.hour, local.minute) == (6, 0)


@pytest.mark.parametrize("value", ["tomorrow at six", "2031-13-45T99:00:00", 12])
def test_an_unreadable_embargo_refuses_the_file_rather_than_drop_it(value):
    with pytest.raises(IngestError) as refused:
        parse_ninjs(_item(embargoed=value))
    assert refused.value.code == "invalid_embargo"


def test_no_embargo_in_the_item_means_none():
    assert parse_ninjs(_item()).embargoed is None


def test_export_carries_the_embargo_it_was_published_under(embargoed, editor, embargo_time):
    snapshot = workflow.publish(editor, embargoed, at=embargo_time)
    item = snapshot_to_ninjs(snapshot)
    assert item["embargoed"] == embargo_time.isoformat()


def test_export_has_no_embargoed_for_a_story_without_one(make_article, reporter, editor):
    article = make_article(created_by=reporter)
    workflow.submit_for_review(reporter, article)
    snapshot = workflow.publish(editor, article, at=timezone.now() + timedelta(hours=1))
    assert "embargoed" not in snapshot_to_ninjs(snapshot)
