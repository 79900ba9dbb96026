"""The history timeline (articles.workflow.timeline): revisions, workflow events and editorial
notes of one story, merged newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import EditorialNote
from articles.workflow import revisions
from articles.workflow.timeline import story_timeline

pytestmark = pytest.mark.django_db


def test_revisions_events_and_notes_come_newest_first(make_article, reporter, editor):
    story = make_article(created_by=reporter)
    revisions.record_revision(story, user=reporter, comment="First draft")
    later = timezone.now() + timedelta(minutes=1)
    workflow.submit_for_review(reporter, story, note="Ready", now=later)
    note = EditorialNote.objects.create(article=story, author=editor, text="Check the figures")
    EditorialNote.objects.filter(pk=note.pk).update(created_at=later + timedelta(minutes=1))

    entries = story_timeline(article=story)

    assert [entry.kind for entry in entries] == ["note", "event", "revision"]
    assert [entry.at for entry in entries] == sorted((e.at for e in entries), reverse=True)
    note_entry, event, revision = entries
    assert (note_entry.who, note_entry.text) == (editor, "Check the figures")
    assert (event.who, event.text, event.to_state) == (reporter, "Ready", "In review")
    assert event.action == workflow.EVENT_LABELS["submit"]
    assert (revision.number, revision.text, revision.who) == (1, "First draft", reporter)
    assert revision.version_id == revisions.numbered_versions(story)[0][1].pk


def test_a_story_without_history_has_an_empty_timeline(make_article):
    assert story_timeline(article=make_article()) == []
