"""The edge for real: varnishd with deploy/varnish.vcl in front of the live server, over HTTP.

A publish is visible through Varnish at once and an unrelated story stays cached. Needs
Debian's varnish and varnish-modules (./dev test installs them as root); skipped only when
NEWSROOM_SKIP_EDGE=1 says so.
"""

import gzip

import pytest

pytestmark = pytest.mark.django_db(transaction=True)  # the live server must see the commits


@pytest.fixture
def two_stories(publish):
    tram = publish("Tram line reopens", section="City", author="Ana Ruiz", tags=["Transit"],
                   body="<p>Trams run again on the river line.</p>")  # fmt: skip
    comet = publish("Comet seen over the harbor", section="Science", author="Li Wei",
                    tags=["Astronomy"], body="<p>The comet was bright at dawn.</p>")  # fmt: skip
    return tram, comet


def test_an_update_shows_through_the_edge_at_once_and_other_stories_stay_cached(
    varnish, two_stories, publish
):
    tram, comet = two_stories
    tram_path, comet_path = tram.snapshot.url_path, comet.snapshot.url_path
    for path in (tram_path, comet_path):
        first, second = varnish.get(path), varnish.get(path)
        assert first.status == 200 and first.headers["x-cache"] == "MISS", path
        assert second.status == 200 and second.headers["x-cache"] == "HIT", path
        assert second.body == first.body
    assert "Trams run again on the river line." in varnish.get(tram_path).body

    publish.update(tram, body="<p>Trams run again, now every ten minutes.</p>")

    fresh = varnish.get(tram_path)
    assert fresh.headers["x-cache"] == "MISS"
    assert "now every ten minutes" in fresh.body and "on the river line" not in fresh.body
    assert varnish.get(tram_path).headers["x-cache"] == "HIT"
    untouched = varnish.get(comet_path)
    assert untouched.headers["x-cache"] == "HIT"
    assert "The comet was bright at dawn." in untouched.body
    # The front lists the newest stories: it was purged too.
    assert varnish.get("/").headers["x-cache"] == "MISS"


def test_browsers_get_short_lifetimes_and_never_the_edge_headers(varnish, two_stories):
    tram, _ = two_stories
    for _ in range(2):
        response = varnish.get(tram.snapshot.url_path)
        assert response.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=30"
        assert "xkey" not in response.headers and "surrogate-control" not in response.headers
        assert "content-security-policy" in response.headers
        assert "permissions-policy" in response.headers


def test_the_edge_sends_gzip_to_those_who_accept_it_and_plain_text_to_others(varnish, two_stories):
    tram, _ = two_stories
    path = tram.snapshot.url_path
    zipped = varnish.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.status == 200 and zipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["vary"]
    assert zipped.headers["etag"].startswith('W/"')
    page = gzip.decompress(zipped.raw).decode()
    assert "Trams run again on the river line." in page
    plain = varnish.get(path)
    assert plain.headers["x-cache"] == "HIT" and "content-encoding" not in plain.headers
    assert plain.body == page
    again = varnish.get(
        path, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]}
    )
    assert again.status == 304
    # Passed requests (the admin) are never compressed at the edge.
    login = varnish.get("/admin/login/", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in login.headers


def test_cookies_do_not_split_the_cache_but_staff_sessions_pass(varnish, two_stories):
    tram, _ = two_stories
    path = tram.snapshot.url_path
    assert varnish.get(path).headers["x-cache"] == "MISS"
    assert varnish.get(path, headers={"Cookie": "_ga=GA1.2.3"}).headers["x-cache"] == "HIT"
    assert varnish.get(path + "?utm_source=mail").headers["x-cache"] == "HIT"
    staff = varnish.get(path, headers={"Cookie": "sessionid=abc; csrftoken=x"})
    assert staff.status == 200 and staff.headers["x-cache"] == "PASS"
    login = varnish.get("/admin/login/")
    assert login.status == 200 and login.headers["x-cache"] == "PASS"


def test_not_found_pages_are_not_kept_so_a_new_story_shows_at_once(varnish, publish):
    assert varnish.get("/tags/transit/").status == 404
    publish("Tram line reopens", section="City", author="Ana Ruiz", tags=["Transit"],
            body="<p>Trams run again.</p>")  # fmt: skip
    listing = varnish.get("/tags/transit/")
    assert listing.status == 200 and "Tram line reopens" in listing.body


def test_only_the_apps_machine_may_purge(varnish, two_stories):
    tram, _ = two_stories
    path = tram.snapshot.url_path
    varnish.get(path)
    refused = varnish.request(
        "PURGE", "/", headers={"xkey-purge": f"story-{tram.pk}"}, source="127.0.0.2"
    )
    assert refused.status == 403
    assert varnish.get(path).headers["x-cache"] == "HIT"
    assert varnish.request("PURGE", "/").status == 400  # no keys named
    accepted = varnish.request("PURGE", "/", headers={"xkey-purge": f"story-{tram.pk}"})
    assert accepted.status == 200 and "Purged 1 objects" in accepted.body
    assert varnish.get(path).headers["x-cache"] == "MISS"
