"""Editors curate fronts in the admin; readers see the published front, each story once."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.fronts import curation
from articles.fronts.curation import FrontPermissionError
from articles.models import FrontVersion, PublicStatus, PublishedArticle
from articles.public import queries as public_queries


def card_links(html: str) -> list[str]:
    return re.findall(r'class="card-title"><a href="([^"]+)"', html)


def lead_of(html: str) -> str:
    return html.split('aria-label="Top story"')[1].split("</section>")[0]


@pytest.fixture
def site(make_story):
    """Twenty city stories and four science ones, newest first: "City 0" is the newest."""
    now = timezone.now()
    city = [
        make_story(f"City {n}", published_at=now - timedelta(hours=n + 1), render=False)
        for n in range(20)
    ]
    science = [
        make_story(
            f"Science {n}",
            section="science",
            published_at=now - timedelta(hours=n + 30),
            render=False,
        )
        for n in range(4)
    ]
    return {"city": city, "science": science}


def test_no_story_is_shown_twice_on_the_home_front(client, site):
    links = card_links(client.get("/").content.decode())
    assert len(links) == len(set(links)) == 1 + 4 + 8 + 3 + 3  # lead, top, latest, two rails
    assert "City 0" in lead_of(client.get("/").content.decode())  # nothing curated: the newest


def test_empty_slots_fill_themselves_by_the_zones_rule(client, site, home, editor):
    curation.set_zone_rule(editor, home, zone="lead", section="science", tag="", kind="")
    curation.publish_front(editor, home)
    html = client.get("/").content.decode()
    assert "Science 0" in lead_of(html)
    assert html.count("Science 0<") == 1  # not again in the science rail
    assert "Science 1" in html.split('id="rail-science"')[1]


def test_an_editor_fills_a_slot_and_readers_see_it_only_once_published(
    client, site, home, editor_page
):
    old = site["city"][15]
    response = editor_page(home, action="fill", zone="lead", slot="1", story=old.article_id)
    assert response.status_code == 302
    assert old.headline not in lead_of(client.get("/").content.decode())  # a draft until published
    preview = client.get(f"/admin/articles/front/{home.pk}/preview/")
    assert (
        old.headline in lead_of(preview.content.decode())
        and "not published" in preview.content.decode()
    )
    assert "no-store" in preview["Cache-Control"] and preview["X-Robots-Tag"] == "noindex"
    editor_page(home, action="publish", note="Storm lead")
    html = client.get("/").content.decode()
    assert old.headline in lead_of(html) and html.count(f">{old.headline}<") == 1
    assert "City 0" in html  # pushed down to the top stories, not lost


def test_pin_and_reorder_keep_a_pinned_story_in_place(client, site, home, editor_page):
    a, b, c = (site["city"][n].article_id for n in (10, 11, 12))
    for slot, story in enumerate((a, b, c), start=1):
        editor_page(home, action="fill", zone="top", slot=str(slot), story=story)
    editor_page(home, action="pin", zone="top", slot="1")
    editor_page(home, action="down", zone="top", slot="2")  # b and c swap
    refused = editor_page(home, action="up", zone="top", slot="2")
    assert refused.status_code == 400
    assert "Top stories, slot 1 is pinned and stays where it is" in refused.content.decode()
    home.refresh_from_db()
    assert [s["story"] for s in home.draft["zones"]["top"]["slots"]] == [a, c, b, None]
    editor_page(home, action="fill", zone="top", slot="1", story=site["city"][13].article_id)
    home.refresh_from_db()
    assert home.draft["zones"]["top"]["slots"][0]["story"] == a  # the pinned slot refused it


def test_emptying_a_slot_gives_it_back_to_the_rule(client, site, home, editor_page):
    editor_page(home, action="fill", zone="lead", slot="1", story=site["city"][9].article_id)
    editor_page(home, action="empty", zone="lead", slot="1")
    editor_page(home, action="publish")
    assert "City 0" in lead_of(client.get("/").content.decode())


def test_a_scheduled_front_goes_live_at_its_time_and_no_cache_outlives_it(
    client, site, home, editor, editor_page
):
    results = site["city"][18]
    at = timezone.localtime() + timedelta(hours=2)
    editor_page(home, action="fill", zone="lead", slot="1", story=results.article_id)
    response = editor_page(home, action="publish", at=at.strftime("%Y-%m-%dT%H:%M"))
    assert (
        "Scheduled: readers see this front from"
        in response.wsgi_request._messages._queued_messages[0].message
    )
    assert results.headline not in lead_of(client.get("/").content.decode())
    version = FrontVersion.objects.get(front=home)
    assert public_queries.site_state()["next_go_live"] == version.live_from  # caches end then
    FrontVersion.objects.filter(pk=version.pk).update(
        live_from=timezone.now() - timedelta(seconds=1)
    )
    public_queries.cache.clear()  # the page cache would have expired at the go-live time
    assert results.headline in lead_of(client.get("/").content.decode())


def test_a_time_already_past_is_refused_and_the_typed_note_is_kept(site, home, editor_page):
    response = editor_page(home, action="publish", at="2001-01-01T06:00", note="Election night")
    html = response.content.decode()
    assert response.status_code == 400 and "has passed: choose a later time" in html
    assert 'value="Election night"' in html and 'value="2001-01-01T06:00"' in html
    assert not FrontVersion.objects.exists()


def test_history_says_who_and_when_and_a_rollback_puts_the_old_front_back(
    client, site, home, editor, editor_page
):
    first, second = site["city"][16], site["city"][17]
    editor_page(home, action="fill", zone="lead", slot="1", story=first.article_id)
    editor_page(home, action="publish", note="Morning")
    editor_page(home, action="fill", zone="lead", slot="1", story=second.article_id)
    editor_page(home, action="publish", note="Noon")
    assert second.headline in lead_of(client.get("/").content.decode())
    morning = FrontVersion.objects.get(note="Morning")
    page = client.get(f"/admin/articles/front/{home.pk}/change/").content.decode()
    assert "Edna Ives: Morning" in page and "Edna Ives: Noon" in page
    editor_page(home, action="rollback", version=str(morning.pk))
    assert first.headline in lead_of(client.get("/").content.decode())
    latest = FrontVersion.objects.filter(front=home).first()
    assert latest.rolled_back_to == morning and latest.created_by == editor
    assert "Rolled back to the version of" in latest.note


def test_a_withdrawn_story_leaves_every_front_at_once(client, site, home, city_front, editor):
    story = site["city"][12]
    for front in (home, city_front):
        curation.change_slot(
            editor, front, action="fill", zone="lead", index=0, story=story.article_id
        )
        curation.publish_front(editor, front)
    assert story.headline in lead_of(client.get("/city/").content.decode())
    PublishedArticle.objects.filter(pk=story.pk).update(status=PublicStatus.WITHDRAWN)
    public_queries.cache.clear()  # the withdrawal's receiver does this after its commit
    for address in ("/", "/city/"):
        html = client.get(address).content.decode()
        assert story.headline not in html and "City 0" in lead_of(html)
    client.force_login(editor)
    page = client.get(f"/admin/articles/front/{home.pk}/change/").content.decode()
    assert f"Story #{story.article_id} is not live" in page


def test_reporters_see_the_editor_read_only_and_cannot_change_a_front(client, site, home, reporter):
    client.force_login(reporter)
    page = client.get(f"/admin/articles/front/{home.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200 and "editors change it" in html
    assert 'value="publish"' not in html and 'value="pin"' not in html
    refused = client.post(
        f"/admin/articles/front/{home.pk}/change/",
        {"action": "fill", "zone": "lead", "slot": "1", "story": site["city"][5].article_id},
    )
    assert refused.status_code == 403 and "Only editors change fronts" in refused.content.decode()
    home.refresh_from_db()
    assert home.draft == {}
    with pytest.raises(FrontPermissionError):
        curation.publish_front(reporter, home)


def test_people_without_a_newsroom_role_do_not_reach_fronts(client, home, make_user):
    client.force_login(make_user("visitor"))
    assert client.get(f"/admin/articles/front/{home.pk}/change/").status_code == 403


@pytest.mark.parametrize(
    "fields",
    [
        {"action": "fill", "zone": "lead", "slot": "١", "story": "1"},
        {"action": "fill", "zone": "lead", "slot": "1", "story": "9" * 30},
        {"action": "fill", "zone": "<script>alert(1)</script>", "slot": "1", "story": "1"},
        {"action": "pin", "zone": "top", "slot": "99999999999999999999"},
        {"action": "rollback", "version": "\x00"},
        {"action": "cancel", "version": "１２"},
        {"action": "rule", "zone": "top", "section": "nowhere<script>", "tag": "", "kind": ""},
        {"action": "publish", "at": "tomorrow morning"},
        {"action": "<b>explode</b>"},
    ],
)
def test_hostile_values_get_a_clear_refusal_never_a_server_error(site, home, editor_page, fields):
    response = editor_page(home, **fields)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode() or "errornote" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("object_id", ["١٢", "9" * 30, "abc", "0"])
def test_a_front_address_with_a_made_up_id_is_not_found(client, editor, object_id):
    client.force_login(editor)
    assert client.get(f"/admin/articles/front/{object_id}/change/").status_code in (302, 404)
    assert client.get(f"/admin/articles/front/{object_id}/preview/").status_code == 404


def test_the_editor_finds_stories_by_headline_words_and_number(client, site, home, editor):
    client.force_login(editor)
    html = client.get(
        f"/admin/articles/front/{home.pk}/change/", {"q": "science 2"}
    ).content.decode()
    assert f'data-story="{site["science"][2].article_id}"' in html
    number = site["city"][3].article_id
    html = client.get(
        f"/admin/articles/front/{home.pk}/change/", {"q": str(number)}
    ).content.decode()
    assert f'data-story="{number}"' in html and "City 3" in html
