"""The rules of live entries: who files, who publishes, editing with history, deleting,
pinning, key events, the standards gate and the frozen stream of ended coverage."""

import pytest

from articles.live import coverage as live_coverage
from articles.live import entries
from articles.live.errors import LiveError, LivePermissionError
from articles.models import EntryStatus, LiveEntryChange
from articles.workflow.errors import StandardsBlocked


def test_a_reporter_files_and_an_editor_publishes(live_story, reporter, editor):
    _, coverage = live_story
    entry = entries.file_entry(user=reporter, coverage=coverage, body="<p>Power is out.</p>")
    assert entry.status == EntryStatus.FILED and entry.public_html == ""
    entries.publish_entry(user=editor, entry=entry)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.public_html == "<p>Power is out.</p>"
    assert entry.published_by == editor
    actions = list(entry.changes.order_by("id").values_list("action", flat=True))
    assert actions == [entries.FILED, entries.PUBLISHED]


def test_a_reporter_cannot_publish_unless_opened_to_reporters(live_story, reporter, editor):
    _, coverage = live_story
    with pytest.raises(LivePermissionError):
        entries.file_entry(user=reporter, coverage=coverage, body="<p>Sirens.</p>", publish=True)
    assert not coverage.entries.exists()  # refused whole: nothing half-filed
    filed = entries.file_entry(user=reporter, coverage=coverage, body="<p>Sirens.</p>")
    with pytest.raises(LivePermissionError):
        entries.publish_entry(user=reporter, entry=filed)

    live_coverage.open_to_reporters(user=editor, coverage=coverage, opened=True)
    direct = entries.file_entry(user=reporter, coverage=coverage, body="<p>Fire.</p>", publish=True)
    assert direct.status == EntryStatus.PUBLISHED
    change = direct.changes.get(action=entries.PUBLISHED_DIRECTLY)
    assert change.actor == reporter and "Edna Ives" in change.note


def test_a_reporter_may_not_open_coverage_nor_publish_anothers_entry(
    live_story, reporter, other_reporter, editor
):
    _, coverage = live_story
    with pytest.raises(LivePermissionError):
        live_coverage.open_to_reporters(user=reporter, coverage=coverage, opened=True)
    live_coverage.open_to_reporters(user=editor, coverage=coverage, opened=True)
    theirs = entries.file_entry(user=other_reporter, coverage=coverage, body="<p>Smoke.</p>")
    with pytest.raises(LivePermissionError):
        entries.publish_entry(user=reporter, entry=theirs)


def test_someone_without_a_role_cannot_file(live_story, unprivileged):
    _, coverage = live_story
    with pytest.raises(LivePermissionError):
        entries.file_entry(user=unprivileged, coverage=coverage, body="<p>Hi.</p>")


def test_an_empty_or_marked_up_entry_is_refused_with_the_reason(live_story, editor):
    _, coverage = live_story
    with pytest.raises(LiveError) as empty:
        entries.file_entry(user=editor, coverage=coverage, body="<p> </p>")
    assert empty.value.code == "text_missing"
    with pytest.raises(LiveError) as markup:
        entries.file_entry(user=editor, coverage=coverage, headline="<b>x</b>", body="<p>y</p>")
    assert "headline" in markup.value.message and "<b>" in markup.value.message
    with pytest.raises(LiveError) as long:
        entries.file_entry(user=editor, coverage=coverage, body="<p>" + "w " * 20_000 + "</p>")
    assert long.value.code == "text_too_long"
    assert not coverage.entries.exists()


def test_entry_text_is_sanitized_like_a_story_body(live_story, post):
    _, coverage = live_story
    entry = post(
        coverage, 'Calm <script>alert(1)</script><a href="javascript:x" onclick="y">now</a>'
    )
    assert "<script" not in entry.public_html and "onclick" not in entry.public_html
    assert "javascript:" not in entry.public_html


def test_editing_a_published_entry_shows_updated_and_keeps_history(live_story, post, editor):
    _, coverage = live_story
    entry = post(coverage, "Two injured.")
    entries.edit_entry(user=editor, entry=entry, body="<p>Three injured.</p>")
    entry.refresh_from_db()
    assert entry.public_html == "<p>Two injured.</p>"  # readers keep the old text until published
    assert entry.has_unpublished_changes
    entries.publish_entry(user=editor, entry=entry)
    entry.refresh_from_db()
    assert entry.public_html == "<p>Three injured.</p>" and entry.public_updated_at
    texts = list(entry.changes.order_by("id").values_list("action", "body_html"))
    assert (entries.FILED, "<p>Two injured.</p>") in texts
    assert (entries.EDITED, "<p>Three injured.</p>") in texts


def test_a_reporter_edits_their_own_entry_only_until_it_is_published(
    live_story, reporter, other_reporter, editor
):
    _, coverage = live_story
    entry = entries.file_entry(user=reporter, coverage=coverage, body="<p>One.</p>")
    with pytest.raises(LivePermissionError):
        entries.edit_entry(user=other_reporter, entry=entry, body="<p>Mine now.</p>")
    entries.edit_entry(user=reporter, entry=entry, body="<p>One, fixed.</p>")
    entries.publish_entry(user=editor, entry=entry)
    with pytest.raises(LivePermissionError):
        entries.edit_entry(user=reporter, entry=entry, body="<p>Changed after.</p>")


def test_deleting_keeps_history_and_is_for_editors(live_story, post, reporter, editor):
    _, coverage = live_story
    entry = post(coverage, "Wrong street named.")
    with pytest.raises(LivePermissionError):
        entries.delete_entry(user=reporter, entry=entry)
    entries.delete_entry(user=editor, entry=entry, reason="Unconfirmed")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DELETED
    assert LiveEntryChange.objects.filter(entry=entry, action=entries.DELETED, note="Unconfirmed")
    with pytest.raises(LiveError):
        entries.publish_entry(user=editor, entry=entry)


def test_key_events_keep_the_editors_order(live_story, post, editor):
    _, coverage = live_story
    first, second = post(coverage, "Quake at 6.1."), post(coverage, "Bridge closed.")
    for entry in (first, second):
        entries.set_key_event(user=editor, entry=entry, key_event=True)
    entries.move_key_event(user=editor, entry=second, up=True)
    ordered = list(
        coverage.entries.filter(key_event=True)
        .order_by("key_position")
        .values_list("id", flat=True)
    )
    assert ordered == [second.id, first.id]


def test_ended_coverage_freezes_the_stream(live_story, post, editor):
    _, coverage = live_story
    entry = post(coverage, "Aftershock.")
    live_coverage.move(
        user=editor, coverage=coverage, action=live_coverage.END, closing_note="We are done."
    )
    coverage.refresh_from_db()
    assert coverage.ended_at and coverage.closing_note == "We are done."
    with pytest.raises(LiveError):
        entries.file_entry(user=editor, coverage=coverage, body="<p>More.</p>")
    with pytest.raises(LiveError):
        entries.set_pinned(user=editor, entry=entry, pinned=True)
    with pytest.raises(LiveError) as again:
        live_coverage.move(user=editor, coverage=coverage, action=live_coverage.END)
    assert again.value.code == "move_not_allowed"
    entries.delete_entry(user=editor, entry=entry, reason="Named a minor")  # still possible
    assert coverage.entries.get().status == EntryStatus.DELETED


def test_the_standards_gate_refuses_an_unattributed_quote(live_story, editor):
    _, coverage = live_story
    with pytest.raises(StandardsBlocked) as refused:
        entries.file_entry(
            user=editor,
            coverage=coverage,
            body="<p>“We have never seen damage like this in the city,” a man said.</p>",
            publish=True,
        )
    assert "quot" in refused.value.message.lower()
    assert not coverage.entries.exists()


def test_the_standards_gate_refuses_a_placeholder(live_story, editor):
    _, coverage = live_story
    with pytest.raises(StandardsBlocked):
        entries.file_entry(
            user=editor, coverage=coverage, body="<p>[TK] people hurt.</p>", publish=True
        )
