"""An entry's own sources: from the registry or new to it, anonymity held for an editor's
approval, checked by the gate, the sourcing line readers see (and nothing confidential in
it), the assistant's proposals; and an entry's picture, checked like a lead picture."""

import pytest
from django.urls import reverse

from articles.live import entries
from articles.live.errors import LiveError, LivePermissionError
from articles.models import EntryStatus, Image, LiveEntry
from articles.workflow.errors import MediaNotPublishable, StandardsBlocked
from sources import entry_sourcing, standards
from sources.models import Attribution, AttributionConfidential, Source, SourceConfidential
from sources.standards import entry_checks

QUINT = "<p>“We are evacuating the whole waterfront,” said Mara Quint, the harbor master.</p>"
PIER = (
    "<p>“The pier is cracked,” a harbor official said, speaking on condition of anonymity "
    "because they were not authorized to speak.</p>"
)
OFFICIAL = {
    "anonymous": True,
    "descriptor": "a harbor official involved in the repairs",
    "reason": "because they were not authorized to speak",
}


@pytest.fixture
def quint(db):
    source = Source.objects.create(name="Mara Quint", descriptor="the harbor master")
    SourceConfidential.objects.create(source=source, contact_details="+1 555 0100 (cell)")
    return source


def entry_url(article, entry):
    return reverse("admin:articles_article_live_entry", args=[article.pk, entry.pk])


def test_a_quote_is_credited_by_the_entrys_own_source_from_the_registry(
    live_story, reporter, editor, quint, client, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    entry = entries.file_entry(
        user=reporter, coverage=coverage, body=QUINT, sources=[{"name": "Mara Quint"}]
    )
    attribution = entry.attributions.get()
    assert attribution.source == quint and Source.objects.count() == 1  # found, not made
    assert "evacuating the whole waterfront" in attribution.quote  # the assistant's reading
    with django_capture_on_commit_callbacks(execute=True):
        entries.publish_entry(user=editor, entry=entry)
    html = client.get(article.snapshot.url_path).content.decode()
    assert "How we sourced this update:" in html and "Mara Quint (the harbor master)" in html
    assert "555 0100" not in html
    # The story's own sourcing is the story's: the entry's source is not in its box.
    assert Attribution.objects.filter(article=article, entry=None).count() == 0


def test_without_its_source_the_quote_is_refused(live_story, editor):
    _, coverage = live_story
    with pytest.raises(StandardsBlocked):
        entries.file_entry(user=editor, coverage=coverage, body=QUINT, publish=True)


def test_a_new_name_joins_the_registry(live_story, reporter):
    _, coverage = live_story
    entry = entries.file_entry(
        user=reporter,
        coverage=coverage,
        body="<p>Ferries are suspended, the port's spokesman Ivo Brandt said.</p>",
        sources=[{"name": "Ivo Brandt", "kind": "paraphrased", "descriptor": "port spokesman"}],
    )
    source = Source.objects.get(name="Ivo Brandt")
    assert source.descriptor == "port spokesman" and entry.attributions.get().source == source


@pytest.mark.parametrize(
    "item",
    [{"name": ""}, {"anonymous": True, "descriptor": "an official"}, {"name": "X", "kind": "?"}],
)
def test_an_incomplete_source_is_refused_and_nothing_is_filed(live_story, reporter, item):
    _, coverage = live_story
    with pytest.raises(LiveError):
        entries.file_entry(user=reporter, coverage=coverage, body="<p>Hi.</p>", sources=[item])
    assert not LiveEntry.objects.exists() and not Attribution.objects.exists()


def test_an_anonymous_source_holds_the_entry_until_an_editor_approves(
    live_story, reporter, editor, client, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    # The editor presses Publish at once: the entry is filed, held for the approval.
    entry = entries.file_entry(
        user=editor, coverage=coverage, body=PIER, sources=[OFFICIAL], publish=True
    )
    assert entry.status == EntryStatus.FILED and "approve" in entry.held
    attribution = entry.attributions.get()
    with pytest.raises(LivePermissionError):
        entry_sourcing.approve_entry_source(
            user=reporter, entry=entry, attribution_id=attribution.pk
        )
    entry_sourcing.approve_entry_source(user=editor, entry=entry, attribution_id=attribution.pk)
    record = AttributionConfidential.objects.get(attribution=attribution)
    assert list(record.editors_who_know.all()) == [editor]
    with django_capture_on_commit_callbacks(execute=True):
        entries.publish_entry(user=editor, entry=entry)
    html = client.get(article.snapshot.url_path).content.decode()
    assert "A harbor official involved in the repairs, who spoke on condition of anonymity" in html
    assert "because they were not authorized to speak" in html
    assert "Edna" not in html.split("How we sourced this update:")[1][:400]  # no approver
    updates = client.get(reverse("live-updates", args=[article.pk])).content.decode()
    assert "condition of anonymity" in updates and "approved" not in updates


def test_a_source_added_after_publishing_waits_for_the_next_publish(
    live_story, post, editor, client, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    entry = post(coverage, "Ferries are suspended.")
    entry_sourcing.add_entry_sources(
        user=editor, entry=entry, sources=[{"name": "Port Authority", "kind": "paraphrased"}]
    )
    entry.refresh_from_db()
    assert entry.has_unpublished_changes
    assert "Port Authority" not in client.get(article.snapshot.url_path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        entries.publish_entry(user=editor, entry=entry)
    assert "Port Authority" in client.get(article.snapshot.url_path).content.decode()
    actions = set(entry.changes.values_list("action", flat=True))
    assert entry_sourcing.SOURCE_ADDED in actions


def test_a_reporter_cannot_source_an_entry_once_published(live_story, post, reporter):
    _, coverage = live_story
    entry = post(coverage, "Ferries are suspended.")
    with pytest.raises(LivePermissionError):
        entry_sourcing.add_entry_sources(user=reporter, entry=entry, sources=[{"name": "X Y"}])


def test_the_composer_files_with_a_source_and_the_editor_approves_and_publishes(
    client, live_story, reporter, editor, django_capture_on_commit_callbacks
):
    article, _ = live_story
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_live", args=[article.pk]),
        {
            "live_action": "file",
            "text": PIER.removeprefix("<p>").removesuffix("</p>"),
            "source_anonymous": "1",
            "source_descriptor": OFFICIAL["descriptor"],
            "source_reason": OFFICIAL["reason"],
        },
        follow=True,
    )
    entry = LiveEntry.objects.get()
    assert "waits for an editor's approval" in response.content.decode()
    assert "Approve anonymity" not in response.content.decode()  # a reporter asks, not approves
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert b'value="approve_source"' in page
    attribution = entry.attributions.get()
    client.post(
        entry_url(article, entry),
        {"live_action": "approve_source", "attribution": attribution.pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(entry_url(article, entry), {"live_action": "publish"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.public_sourcing["anonymous_count"] == 1


def test_the_assistant_proposes_the_sources_an_entry_names(client, live_story, reporter):
    article, coverage = live_story
    entries.file_entry(user=reporter, coverage=coverage, body=QUINT)
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert b"Add: Quoted, Mara Quint" in page
    entry = LiveEntry.objects.get()
    entry_sourcing.add_entry_sources(user=reporter, entry=entry, sources=[{"name": "Mara Quint"}])
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert b"Add: Quoted, Mara Quint" not in page  # named now: no longer proposed


@pytest.mark.parametrize("hostile", ["١٢", "x", "99999999999999999999"])
def test_hostile_source_and_picture_ids_get_a_message(client, live_story, post, editor, hostile):
    article, coverage = live_story
    entry = post(coverage, "Ferries are suspended.")
    client.force_login(editor)
    for data in (
        {"live_action": "remove_source", "attribution": hostile},
        {"live_action": "approve_source", "attribution": hostile},
        {"live_action": "save", "text": "Ferries.", "image": hostile},
    ):
        response = client.post(entry_url(article, entry), data)
        assert response.status_code == 302


def test_an_entry_picture_needs_a_credit_and_shows_for_readers(
    live_story, editor, image, client, small_renditions, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    uncredited = Image.objects.get(pk=image.pk)
    Image.objects.filter(pk=image.pk).update(credit="")
    uncredited.credit = ""
    with pytest.raises(MediaNotPublishable) as refused:
        entries.file_entry(
            user=editor, coverage=coverage, body="<p>The pier.</p>", image=uncredited, publish=True
        )
    assert "credit" in refused.value.message
    image.credit = "Ana Ruiz/Newsroom"
    image.save()
    with django_capture_on_commit_callbacks(execute=True):
        entry = entries.file_entry(
            user=editor, coverage=coverage, body="<p>The pier.</p>", image=image, publish=True
        )
    assert entry.public_image["alt"] == "A ferry at dusk"
    html = client.get(article.snapshot.url_path).content.decode()
    stream = html.split('id="live-stream"', 1)[1]
    assert "<picture>" in stream and 'alt="A ferry at dusk"' in stream
    assert "Ana Ruiz/Newsroom" in stream


def test_the_storys_own_checks_ignore_what_its_entries_sources_wait_for(live_story, reporter):
    article, coverage = live_story
    entries.file_entry(user=reporter, coverage=coverage, body=PIER, sources=[OFFICIAL])
    assert standards.blocking_findings(standards.check_article(article)) == []
    assert entry_checks.check_entry(LiveEntry.objects.get())  # the entry's own gate holds it
