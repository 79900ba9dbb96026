"""What readers see of a live story: the stream on its page, permalinks, the updates
endpoint, LiveBlogPosting JSON-LD; and that nothing unpublished or deleted is on any public
address."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles import workflow
from articles.live import coverage as live_coverage
from articles.live import entries, stream
from articles.live.stream import PAGE_SIZE


def page(client, article):
    return client.get(article.snapshot.url_path)


def main(response) -> str:
    """The page's <main>, where readers see the stream (the head's JSON-LD repeats it)."""
    return response.content.decode().split('<main id="main"', 1)[1]


def jsonld(response, kind):
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    ):
        data = json.loads(block)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD on the page")


def test_the_page_shows_published_entries_newest_first(client, live_story, post, reporter):
    article, coverage = live_story
    post(coverage, "First: the ground shook.")
    post(coverage, "Second: the bridge is closed.")
    entries.file_entry(user=reporter, coverage=coverage, body="<p>Filed, not yet out.</p>")
    html = main(page(client, article))
    assert html.index("Second: the bridge") < html.index("First: the ground")
    assert "Filed, not yet out" not in html
    assert "Live</span>" in html

    oldest = main(client.get(article.snapshot.url_path + "?order=oldest"))
    assert oldest.index("First: the ground") < oldest.index("Second: the bridge")


def test_a_publish_reaches_a_page_already_cached(client, live_story, post):
    article, coverage = live_story
    assert "Rescuers arrive" not in page(client, article).content.decode()
    post(coverage, "Rescuers arrive.")
    assert "Rescuers arrive" in page(client, article).content.decode()


def test_key_events_and_pinned_entries_lead_the_page(client, live_story, post, editor):
    article, coverage = live_story
    key = post(coverage, "Magnitude 6.1 confirmed.", headline="How strong")
    pinned = post(coverage, "Shelters are open at the school.")
    post(coverage, "Later news.")
    entries.set_key_event(user=editor, entry=key, key_event=True)
    entries.set_pinned(user=editor, entry=pinned, pinned=True)
    html = main(page(client, article))
    assert "What we know" in html
    assert html.index("What we know") < html.index("Later news")
    assert html.index("Pinned") < html.index("Later news")


def test_the_first_page_reads_its_stream_in_three_queries(
    live_story, post, editor, django_assert_num_queries
):
    """Coverage, one page of entries, and pinned entries with key events together."""
    article, coverage = live_story
    first, second, third = (post(coverage, f"Entry {n}.") for n in range(3))
    for entry in (third, first):  # key events in the order the editor marked them
        entries.set_key_event(user=editor, entry=entry, key_event=True)
    entries.set_pinned(user=editor, entry=second, pinned=True)
    with django_assert_num_queries(3):
        found = stream.stream_page(article.snapshot, {})
    assert [e["id"] for e in found.key_events] == [third.pk, first.pk]
    assert [e["id"] for e in found.pinned] == [second.pk] and found.last_id == third.pk
    later = stream.stream_page(article.snapshot, {"before": str(third.pk)})
    assert later.pinned == [] and [e["id"] for e in later.key_events] == [third.pk, first.pk]
    assert later.last_id == third.pk and [e["id"] for e in later.entries] == [second.pk, first.pk]


def test_a_long_stream_is_paged(client, live_story, post):
    article, coverage = live_story
    made = [post(coverage, f"Update number {n}.") for n in range(PAGE_SIZE + 3)]
    html = page(client, article).content.decode()
    assert "Update number 0." not in html and f"Update number {PAGE_SIZE + 2}." in html
    older = re.search(r'href="\?before=(\d+)"', html)
    second = client.get(f"{article.snapshot.url_path}?before={older.group(1)}").content.decode()
    assert "Update number 0." in second and made[-1].public_html not in second


def test_an_entry_has_its_own_page_with_open_graph(client, live_story, post):
    article, coverage = live_story
    entry = post(coverage, "The mayor will speak at noon.", headline="Mayor to speak")
    response = client.get(f"{article.snapshot.url_path}entries/{entry.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta property="og:title" content="Mayor to speak">' in html
    assert "The mayor will speak at noon." in html
    assert f'entries/{entry.pk}/"' in html  # og:url and canonical name the entry itself


@pytest.mark.parametrize("hostile", ["%D9%A1%D9%A2", "99999999999999999999999", "%00", "abc"])
def test_hostile_entry_ids_are_not_found(client, live_story, hostile):
    article, _ = live_story
    assert client.get(f"{article.snapshot.url_path}entries/{hostile}/").status_code == 404


def test_liveblogposting_jsonld_lists_updates_and_coverage_times(
    client, live_story, post, editor, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    entry = post(coverage, "Water is safe to drink.")
    data = jsonld(page(client, article), "LiveBlogPosting")
    assert data["coverageStartTime"]
    assert "coverageEndTime" not in data
    assert [u["articleBody"] for u in data["liveBlogUpdate"]] == ["Water is safe to drink."]
    assert data["liveBlogUpdate"][0]["url"].endswith(f"/entries/{entry.pk}/")

    with django_capture_on_commit_callbacks(execute=True):
        live_coverage.move(
            user=editor,
            coverage=coverage,
            action=live_coverage.END,
            closing_note="Thanks for reading.",
        )
    ended = page(client, article)
    assert jsonld(ended, "LiveBlogPosting")["coverageEndTime"]
    assert "Thanks for reading." in ended.content.decode()
    assert "data-live-updates" not in ended.content.decode()  # no polling once it has ended


def test_updates_endpoint_answers_entries_after_an_id(client, live_story, post, reporter):
    article, coverage = live_story
    first = post(coverage, "One.")
    second = post(coverage, "Two.")
    entries.file_entry(user=reporter, coverage=coverage, body="<p>Not out yet.</p>")
    url = reverse("live-updates", args=[article.pk])
    data = client.get(url, {"after": first.pk}).json()
    assert [e["id"] for e in data["entries"]] == [second.pk]
    assert "Two." in data["entries"][0]["html"] and data["last_id"] == second.pk
    none = client.get(url, {"after": second.pk})
    assert none.json()["entries"] == [] and none.json()["last_id"] == second.pk
    assert "max-age=" in none["Cache-Control"]


def test_a_poll_costs_one_query(live_story, post, django_assert_num_queries):
    """Readers poll every few seconds; nearly every poll finds nothing new, and one that
    finds something serves the entries' kept cards (articles.live.cards)."""
    article, coverage = live_story
    first, second = post(coverage, "One."), post(coverage, "Two.")
    with django_assert_num_queries(1):
        quiet = stream.updates_after(article.pk, second.pk)
    assert quiet["entries"] == [] and quiet["last_id"] == second.pk
    with django_assert_num_queries(1):
        found = stream.updates_after(article.pk, first.pk)
    assert [e["id"] for e in found["entries"]] == [second.pk]
    assert f'href="{article.snapshot.url_path}entries/{second.pk}/"' in found["entries"][0]["html"]


@pytest.mark.parametrize("after", ["١٢", "-1", "1" * 30, "x\x00"])
def test_updates_endpoint_refuses_hostile_cursors_clearly(client, live_story, after):
    article, _ = live_story
    response = client.get(reverse("live-updates", args=[article.pk]), {"after": after})
    assert response.status_code == 400 and "after" in response.json()["error"]


def test_updates_endpoint_knows_no_story_readers_cannot_see(client, live_story, post, editor):
    article, coverage = live_story
    post(coverage, "Visible while published.")
    assert client.get(reverse("live-updates", args=["١٢"])).status_code == 404
    assert client.get(reverse("live-updates", args=[10**30])).status_code == 404
    workflow.unpublish(editor, article, note="Taken down")
    assert client.get(reverse("live-updates", args=[article.pk])).status_code == 404


def test_no_filed_edited_or_deleted_text_on_any_public_address(
    client, live_story, post, reporter, editor
):
    article, coverage = live_story
    entries.file_entry(user=reporter, coverage=coverage, body="<p>SECRETFILED words.</p>")
    deleted = post(coverage, "SECRETDELETED words.")
    entries.delete_entry(user=editor, entry=deleted)
    edited = post(coverage, "Shown words.")
    entries.edit_entry(user=editor, entry=edited, body="<p>SECRETEDIT words.</p>")
    addresses = [
        article.snapshot.url_path,
        article.snapshot.url_path + "?order=oldest",
        f"{article.snapshot.url_path}entries/{deleted.pk}/",
        reverse("live-updates", args=[article.pk]) + "?after=0",
        "/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/api/stories/",
        f"/api/stories/{article.pk}/",
        "/search/?q=words",
        article.snapshot.url_path + "entries/feed/rss/",
        article.snapshot.url_path + "entries/feed/atom/",
    ]
    exported = io.StringIO()
    call_command("export_stories", stdout=exported)  # the ninjs exporter
    bodies = {address: client.get(address).content.decode() for address in addresses}
    bodies["export_stories"] = exported.getvalue()
    assert "Shown words." in bodies["export_stories"]
    for address, body in bodies.items():
        for secret in ("SECRETFILED", "SECRETDELETED", "SECRETEDIT"):
            assert secret not in body, (secret, address)
    assert client.get(f"{article.snapshot.url_path}entries/{deleted.pk}/").status_code == 404


def test_an_embargoed_live_story_shows_nothing(client, make_article, editor, reporter):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article("Verdict expected", created_by=reporter)
    coverage = live_coverage.make_live(user=editor, article=article)
    live_coverage.move(user=editor, coverage=coverage, action=live_coverage.START)
    entries.file_entry(user=editor, coverage=coverage, body="<p>EMBARGOEDWORDS</p>", publish=True)
    assert client.get(reverse("live-updates", args=[article.pk])).status_code == 404
    article.embargo_until = timezone.now() + timedelta(hours=2)
    article.save()
    workflow.publish(editor, article, at=article.embargo_until)
    entry = coverage.entries.get()
    path = article.snapshot.url_path
    assert client.get(reverse("live-updates", args=[article.pk])).status_code == 404
    assert client.get(f"{path}entries/{entry.pk}/").status_code == 404
    exported = io.StringIO()
    call_command("export_stories", stdout=exported)
    for address in (path, f"{path}entries/feed/rss/", "/", "/feeds/rss/", "/sitemap.xml",
                    "/news-sitemap.xml", "/api/stories/", f"/api/stories/{article.pk}/"):  # fmt: skip
        assert "EMBARGOEDWORDS" not in client.get(address).content.decode(), address
    assert "EMBARGOEDWORDS" not in exported.getvalue()


def test_the_front_shows_a_live_badge_while_coverage_runs(
    client, live_story, editor, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    card = re.compile(r'<span class="live-badge">Live</span>[^<]*</p>\s*<h[23] class="card-title">')
    assert card.search(client.get("/").content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        live_coverage.move(user=editor, coverage=coverage, action=live_coverage.END)
    assert not card.search(client.get("/").content.decode())


def test_the_live_feeds_carry_published_entries(client, live_story, post):
    article, coverage = live_story
    entry = post(coverage, "Schools are closed tomorrow.", headline="Schools closed")
    rss = client.get(article.snapshot.url_path + "entries/feed/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "<title>Schools closed</title>" in body and f"/entries/{entry.pk}/" in body
    atom = client.get(article.snapshot.url_path + "entries/feed/atom/").content.decode()
    assert "Schools are closed tomorrow." in atom
    assert "entries/feed/rss/" in page(client, article).content.decode()


def test_a_story_without_live_coverage_has_no_live_feed(client, make_article, editor):
    article = make_article("An ordinary story")
    workflow.publish(editor, article)
    article.refresh_from_db()
    assert client.get(article.snapshot.url_path + "entries/feed/rss/").status_code == 404


def test_the_api_carries_published_entries_as_ninjs_associations(
    client, live_story, post, reporter
):
    article, coverage = live_story
    entry = post(coverage, "Ferries run again at noon.", headline="Ferries resume")
    entries.file_entry(user=reporter, coverage=coverage, body="<p>Not out yet.</p>")
    item = client.get(f"/api/stories/{article.pk}/").json()
    live = {k: v for k, v in item["associations"].items() if k.startswith("entry-")}
    assert list(live) == [f"entry-{entry.pk}"]
    assert live[f"entry-{entry.pk}"]["headline"] == "Ferries resume"
    assert live[f"entry-{entry.pk}"]["links"][0]["href"].endswith(f"/entries/{entry.pk}/")
    assert "featureimage" in item["associations"]  # the story's picture stays
