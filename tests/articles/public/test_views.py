"""Public pages: story, home, section, author, tag; redirects, 404 and 410."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import PublicStatus, SlugRedirect

pytestmark = pytest.mark.django_db


def test_story_page_shows_headline_byline_times_and_tags(client, make_story):
    story = make_story(
        "Ferry pier reopens after storm repairs",
        authors=("mara", "teo"),
        tags=(("Transit", "transit"), ("Storms", "storms")),
    )
    response = client.get(story.url_path)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Ferry pier reopens after storm repairs" in html
    assert 'href="/authors/mara-okonkwo/"' in html and 'href="/authors/teo-lindgren/"' in html
    # to the second: HTML allows at most three digits of a fraction
    assert (
        f'datetime="{timezone.localtime(story.published_at).isoformat(timespec="seconds")}"' in html
    )
    assert 'href="/tags/transit/"' in html
    assert 'rel="canonical"' in html and story.url_path in html
    assert 'class="skip-link" href="#main"' in html and '<main id="main"' in html


def test_story_page_shows_lead_image_with_caption_credit_and_size(client, make_story):
    image = {
        "url": "/media/renditions/1-1200w.jpg",
        "width": 1200,
        "height": 675,
        "alt": "Workers bolt planks onto the pier",
        "caption": "Repairs on Monday.",
        "credit": "Ana Ruiz/Newsroom",
        "srcset": "/media/r/1-480w.jpg 480w, /media/r/1-1200w.jpg 1200w",
        "sizes": "100vw",
        "sources": [{"mime_type": "image/webp", "srcset": "/media/r/1-480w.webp 480w"}],
        "renditions": [],
    }
    story = make_story(lead_image=image)
    html = client.get(story.url_path).content.decode()
    assert 'alt="Workers bolt planks onto the pier"' in html
    assert 'width="1200" height="675"' in html
    assert '<source type="image/webp" srcset="/media/r/1-480w.webp 480w"' in html
    assert "Repairs on Monday." in html and "Ana Ruiz/Newsroom" in html
    assert 'loading="lazy"' not in html.split("</figure>")[0]  # the lead image loads at once


def test_story_page_lists_related_stories_from_shared_tags_first(client, make_story):
    story = make_story("Bridge tolls go up", section="city", tags=(("Transit", "transit"),))
    make_story("Same section, other topic", section="city", tags=(("Parks", "parks"),))
    make_story("A transit story elsewhere", section="science", tags=(("Transit", "transit"),))
    make_story("Unrelated science story", section="science", tags=(("Space", "space"),))
    html = client.get(story.url_path).content.decode()
    related = html.split('id="related-title"')[1]
    assert related.index("A transit story elsewhere") < related.index("Same section, other topic")
    assert "Unrelated science story" not in related


def test_story_page_shows_corrections_and_sourcing(client, make_story):
    story = make_story(
        corrections=[
            {"kind": "correction", "label": "Correction", "text": "The vote was 7 to 2, not 6 to 3.",
             "at": "2025-03-02T10:00:00+00:00"}
        ],
        sourcing={"named": [{"name": "Dana Whit", "descriptor": "council member"}], "outlets": [],
                  "anonymous": [], "anonymous_count": 0, "declined": ["The mayor's office"],
                  "no_response": []},
    )  # fmt: skip
    html = client.get(story.url_path).content.decode()
    assert "The vote was 7 to 2, not 6 to 3." in html
    assert "How we sourced this" in html and "Dana Whit" in html
    assert "The mayor&#x27;s office" in html


def test_home_page_shows_lead_latest_and_sections(client, make_story):
    newest = make_story("Newest city story", published_at=timezone.now() - timedelta(minutes=5))
    for n in range(13):  # the lead, top stories and latest take the newest
        make_story(f"City story {n}")
    make_story("A science story", section="science")  # the oldest: only its section's rail
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'aria-label="Top story"' in html and newest.headline in html
    assert 'id="rail-science"' in html and "A science story" in html
    assert 'type="application/rss+xml"' in html and 'href="/feeds/rss/"' in html


def test_section_page_lists_only_its_stories_and_paginates(client, make_story):
    for n in range(14):
        make_story(f"City story number {n}")
    make_story("A science story", section="science")
    first = client.get("/city/").content.decode()
    # The section's front: its lead, top stories and latest (13 stories), then "More stories".
    assert "City story number 0" in first and "City story number 12" in first
    assert "A science story" not in first and "City story number 13" not in first
    older = re.search(r'<a href="(/city/\?before=[^"]+)">More stories</a>', first)[1]
    second = client.get(older).content.decode()
    assert "City story number 13" in second and "City story number 12" not in second
    assert 'rel="next"' not in second  # nothing older
    assert client.get("/city/?page=2").status_code == 200  # old numbered links still work
    assert "City story number 13" in client.get("/city/?page=2").content.decode()
    assert 'href="/feeds/sections/city/rss/"' in first


def test_home_more_stories_continues_where_the_front_page_stops(client, make_story):
    for n in range(16):
        make_story(f"Numbered story {n}")
    home = client.get("/").content.decode()
    more = re.search(r'<a href="(/\?before=[^"]+)">More stories</a>', home)[1]
    html = client.get(more).content.decode()
    assert "Numbered story 13" in html and "Numbered story 15" in html
    assert "Numbered story 12" not in html  # the last story on the front page


@pytest.mark.parametrize(
    "query", ["before=abc", "before=1-", "after=99999999999999999-1", "page=21", "before=1-1"]
)
def test_made_up_list_pages_are_404(client, make_story, query):
    make_story()
    assert client.get(f"/city/?{query}").status_code == 404


def test_author_page_shows_profile_but_never_email(client, make_story):
    make_story("Budget hearing runs late", authors=("mara",))
    make_story("Telescope finds a comet", authors=("teo",), section="science")
    html = client.get("/authors/mara-okonkwo/").content.decode()
    assert "Mara Okonkwo" in html and "Covers the council and the budget." in html
    assert "Budget hearing runs late" in html and "Telescope finds a comet" not in html
    assert "mara@example.com" not in html


def test_tag_page_lists_tagged_stories_by_tag_name(client, make_story):
    make_story("Bus lanes arrive downtown", tags=(("Public transit", "public-transit"),))
    make_story("Untagged story", tags=())
    html = client.get("/tags/public-transit/").content.decode()
    assert "<h1>Public transit</h1>" in html
    assert "Bus lanes arrive downtown" in html and "Untagged story" not in html


def test_unknown_pages_get_a_helpful_404(client, sections):
    response = client.get("/city/2025/01/02/no-such-ferry-story/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "couldn’t find" in html
    assert 'value="city no such ferry story"' in html  # a search for the words in the address
    assert client.get("/no-such-section/").status_code == 404
    assert client.get("/authors/nobody/").status_code == 404
    assert client.get("/tags/nothing-tagged/").status_code == 404


def test_old_address_redirects_permanently(client, make_story):
    story = make_story("Renamed story")
    SlugRedirect.objects.create(old_path="/city/2025/01/01/old-name/", snapshot=story)
    response = client.get("/city/2025/01/01/old-name/")
    assert response.status_code == 301
    assert response["Location"] == story.url_path


def test_withdrawn_story_answers_410_without_its_content(client, make_story):
    story = make_story("Story pulled for legal review", status=PublicStatus.WITHDRAWN,
                       notice="internal: lawyers")  # fmt: skip
    response = client.get(story.url_path)
    html = response.content.decode()
    assert response.status_code == 410
    assert "no longer available" in html
    assert "Story pulled for legal review" not in html and "lawyers" not in html


def test_retracted_story_keeps_its_notice(client, make_story):
    story = make_story(
        "A claim that did not hold up",
        status=PublicStatus.RETRACTED,
        notice="We retracted this story because its central claim was false.",
    )
    response = client.get(story.url_path)
    html = response.content.decode()
    assert response.status_code == 410
    assert "We retracted this story because its central claim was false." in html
    assert "The council voted late" not in html  # the body is gone


def test_scheduled_story_is_404_until_it_goes_live(client, make_story):
    story = make_story("Embargoed report", published_at=timezone.now() + timedelta(hours=2))
    assert client.get(story.url_path).status_code == 404


def test_page_without_stories_still_renders(client, sections):
    response = client.get("/")
    assert response.status_code == 200
    assert "No stories have been published yet." in response.content.decode()
    assert client.get("/science/").status_code == 200


def test_robots_txt_names_the_sitemaps(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body or "/sitemap.xml" in body
    assert "/news-sitemap.xml" in body
