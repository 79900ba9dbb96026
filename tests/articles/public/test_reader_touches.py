"""Reader touches: share links without scripts, the printout's address, correction times
with their time zone, author photos as small renditions, the lead image's sizes."""

import re
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from articles.images.portraits import PORTRAIT_PIXELS
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_a_story_has_plain_share_links_and_its_address_for_the_printout(
    client, make_story, settings
):
    story = make_story("Council approves a budget")
    html = client.get(story.url_path).content.decode()
    address = settings.SITE_URL + story.url_path
    share = html.split('<nav class="share-links"')[1].split("</nav>")[0]
    assert f"https://www.facebook.com/sharer/sharer.php?u={quote(address, safe='')}" in share
    assert f"mailto:?subject={quote(story.headline, safe='')}" in share
    assert "<script" not in share and "<iframe" not in share
    assert f'<p class="print-address">This story: {address}</p>' in html


def test_correction_times_carry_their_time_zone(client, make_story):
    story = make_story(
        corrections=[
            {
                "kind": "correction",
                "label": "Correction",
                "text": "A name was wrong.",
                "at": "2026-03-02T15:00:00+00:00",
            }
        ]  # fmt: skip
    )
    html = client.get(story.url_path).content.decode()
    assert "March 2, 2026, 10 a.m. EST</time>" in html  # the story page
    page = client.get("/corrections/").content.decode()
    assert "10 a.m. EST</time>" in page


def test_author_photos_are_served_as_small_renditions(client, make_story, writers):
    writers["mara"].photo.save("mara.jpg", ContentFile(jpeg_bytes((400, 400))), save=True)
    make_story(authors=("mara",))
    html = client.get("/authors/mara-okonkwo/").content.decode()
    jpeg = re.search(r'<img class="author-photo" src="([^"]+)"', html)[1]
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', html)[1]
    assert writers["mara"].photo.url not in html  # never the 400×400 upload itself
    for url in (jpeg, webp):
        name = url.removeprefix("/media/")
        with default_storage.open(name) as handle:
            assert PILImage.open(handle).size == (PORTRAIT_PIXELS, PORTRAIT_PIXELS)
    assert 'width="96" height="96"' in html


def test_an_unreadable_author_photo_leaves_the_page_without_one(client, make_story, writers):
    writers["teo"].photo.save("teo.jpg", ContentFile(b"not a picture"), save=True)
    make_story(authors=("teo",))
    response = client.get("/authors/teo-lindgren/")
    assert response.status_code == 200 and "author-photo" not in response.content.decode()


def test_the_lead_image_is_sized_for_the_story_column(client, make_story):
    image = {
        "url": "/media/renditions/7-1200w.jpg",
        "width": 1200,
        "height": 800,
        "sources": [{"mime_type": "image/webp", "srcset": "/media/r/7-800w.webp 800w"}],
        "sizes": "(min-width: 48rem) 46rem, 100vw",
    }  # fmt: skip  (an old snapshot's)
    story = make_story(lead_image=image)
    html = client.get(story.url_path).content.decode()
    assert 'sizes="(min-width: 48rem) 34rem, 100vw"' in html and "46rem" not in html
