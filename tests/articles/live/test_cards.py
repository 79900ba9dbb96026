"""Each published entry's card is rendered when readers' copy changes and kept
(articles.live.cards): a poll serves kept cards in one query, every change readers would see
replaces the card, and no card exists or is served for anything readers may not see."""

from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from articles import workflow
from articles.live import cards, entries, stream
from articles.models import EntryStatus, LiveEntry, PublishedArticle


def poll(client, article, after=0) -> list[dict]:
    response = client.get(reverse("live-updates", args=[article.pk]), {"after": after})
    assert response.status_code == 200
    return response.json()["entries"]


def kept(entry) -> str:
    entry.refresh_from_db()
    return entry.public_card


def test_a_poll_with_new_entries_serves_their_kept_cards_in_one_query(
    live_story, post, django_assert_num_queries
):
    article, coverage = live_story
    made = [post(coverage, f"Water rose {n} cm.") for n in range(6)]
    with django_assert_num_queries(1):
        found = stream.updates_after(article.pk, made[0].pk)
    assert [e["id"] for e in found["entries"]] == [e.pk for e in made[1:]]
    card = found["entries"][0]["html"]
    assert "Water rose 1 cm." in card and cards.STORY_PATH not in card
    assert f'href="{article.snapshot.url_path}entries/{made[1].pk}/"' in card
    with django_assert_num_queries(1):
        assert stream.updates_after(article.pk, made[-1].pk)["entries"] == []


def test_only_a_published_entry_has_a_card(live_story, post, reporter, editor):
    article, coverage = live_story
    filed = entries.file_entry(user=reporter, coverage=coverage, body="<p>Not out yet.</p>")
    assert kept(filed) == ""
    entries.publish_entry(user=editor, entry=filed)
    assert "Not out yet." in kept(filed)
    entries.delete_entry(user=editor, entry=filed, reason="Wrong town")
    assert kept(filed) == "" and filed.public_card_key == ""
    # The database refuses a card on an entry readers may not see, whatever writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        LiveEntry.objects.filter(pk=filed.pk).update(public_card="<article>x</article>")


def test_every_change_readers_see_replaces_the_card(client, live_story, post, editor):
    article, coverage = live_story
    entry = post(coverage, "Two ferries cancelled.")
    entries.edit_entry(user=editor, entry=entry, body="<p>Three ferries cancelled.</p>")
    # An edit not yet published: readers still get the card they had.
    assert "Two ferries" in poll(client, article)[0]["html"]
    entries.edit_entry(
        user=editor,
        entry=entry,
        body="<p>Three ferries cancelled.</p>",
        correction="An earlier version said two ferries.",
        publish=True,
    )
    card = poll(client, article)[0]["html"]
    assert "Three ferries" in card and "Two ferries" not in card
    assert "An earlier version said two ferries." in card and "Updated" in card
    entries.set_key_event(user=editor, entry=entry, key_event=True)
    assert "Key event" in poll(client, article)[0]["html"]
    before_pin = kept(entry)
    entries.set_pinned(user=editor, entry=entry, pinned=True)
    entries.set_key_event(user=editor, entry=entry, key_event=False)
    assert "Key event" not in poll(client, article)[0]["html"]
    assert before_pin != kept(entry)
    entries.delete_entry(user=editor, entry=entry)
    assert poll(client, article) == []
    assert client.get(f"{article.snapshot.url_path}entries/{entry.pk}/").status_code == 404


def test_no_card_is_served_for_a_story_readers_cannot_see(client, live_story, post, editor):
    article, coverage = live_story
    entry = post(coverage, "KEPTCARDWORDS at the harbor.")
    assert "KEPTCARDWORDS" in kept(entry)
    workflow.unpublish(editor, article, note="Taken down")
    assert client.get(reverse("live-updates", args=[article.pk])).status_code == 404
    assert stream.updates_after(article.pk, 0) is None
    for address in (article.snapshot.url_path, f"{article.snapshot.url_path}entries/{entry.pk}/"):
        assert "KEPTCARDWORDS" not in client.get(address).content.decode()


def test_a_card_made_under_other_templates_is_rendered_again_until_refreshed(
    client, live_story, post, django_assert_num_queries
):
    article, coverage = live_story
    entry = post(coverage, "Fresh words.")
    LiveEntry.objects.filter(pk=entry.pk).update(public_card="STALECARD", public_card_key="old")
    with django_assert_num_queries(2):  # the kept card does not hold: the entry is read
        found = stream.updates_after(article.pk, 0)
    assert "Fresh words." in found["entries"][0]["html"]
    for address in (article.snapshot.url_path, f"{article.snapshot.url_path}entries/{entry.pk}/"):
        html = client.get(address).content.decode()
        assert "STALECARD" not in html and "Fresh words." in html
    assert cards.refresh() == 1 and "Fresh words." in kept(entry)
    assert entry.public_card_key == cards.signature() and cards.refresh() == 0
    with django_assert_num_queries(1):
        stream.updates_after(article.pk, 0)


def test_a_template_change_changes_the_signature(live_story):
    signature = cards.signature()
    cards.signature.cache_clear()
    try:
        with mock.patch.object(cards, "templates_digest", return_value="another deploy"):
            assert cards.signature() != signature
    finally:
        cards.signature.cache_clear()


def test_a_story_whose_address_changes_links_its_cards_to_the_new_one(client, live_story, post):
    article, coverage = live_story
    entry = post(coverage, "The bridge reopens.")
    new_path = article.snapshot.url_path.replace(article.slug, "bridge-reopens")
    PublishedArticle.objects.filter(pk=article.snapshot.pk).update(url_path=new_path)
    card = poll(client, article)[0]["html"]
    assert f'href="{new_path}entries/{entry.pk}/"' in card


def test_an_entry_linking_a_story_keeps_no_card_and_shows_the_story_as_it_is(
    client, live_story, make_article, editor, reporter, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    linked = make_article("Schools close for the week", created_by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(reporter, linked)
        workflow.publish(editor, linked)
        entry = entries.file_entry(
            user=editor, coverage=coverage, linked_story=linked, publish=True
        )
    assert kept(entry) == "" and entry.status == EntryStatus.PUBLISHED
    assert "Schools close for the week" in poll(client, article)[0]["html"]
    workflow.unpublish(editor, linked, note="Wrong")
    assert "Schools close for the week" not in poll(client, article)[0]["html"]
