"""The focal point: the link-preview crop (1.91:1) is cut around it, and moving it on the
Image page cuts the crop again."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PILImage

from articles import workflow
from articles.images.renditions import (
    CROPS,
    create_renditions,
    crop_box,
    crop_renditions,
    lead_image_data,
)
from articles.models import Image

from .conftest import stored_picture

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)


def red_left_blue_right(size=(1600, 600)) -> bytes:
    """A wide picture: its left half red, its right half blue."""
    picture = PILImage.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def wide(reporter):
    image = Image(alt_text="Red and blue", credit="Test card", uploaded_by=reporter, focal_x=0.05)
    image.file.save("wide.png", ContentFile(red_left_blue_right()), save=True)
    return image


def centre_colour(image: Image):
    create_renditions(image)
    social = crop_renditions(image)["social"]
    picture = stored_picture(social.file).convert("RGB")
    return picture.getpixel((picture.width // 2, picture.height // 2)), social


def test_the_crop_box_is_centred_on_the_focal_point_within_the_picture():
    ratio = CROPS["social"]["ratio"]
    # 1600 × 600 is wider than 1.91:1: the crop keeps the full height, 1143 columns.
    assert crop_box(1600, 600, ratio=ratio) == (228, 0, 1371, 600)
    assert crop_box(1600, 600, ratio=ratio, focal_x=0.0) == (0, 0, 1143, 600)
    assert crop_box(1600, 600, ratio=ratio, focal_x=1.0) == (457, 0, 1600, 600)
    # A tall picture keeps its width and chooses the rows around the focal point.
    assert crop_box(600, 1600, ratio=ratio, focal_y=0.1) == (0, 2, 600, 317)
    assert crop_box(600, 1600, ratio=ratio, focal_y=0.5) == (0, 642, 600, 957)


def test_the_social_crop_shows_what_is_at_the_focal_point(wide):
    colour, social = centre_colour(wide)
    assert colour[0] > 180 and colour[2] < 80  # red: the left of the picture
    assert round(social.width / social.height, 2) == 1.9
    assert lead_image_data(wide)["crops"]["social"]["url"] == social.file.url

    wide.focal_x = 0.95
    wide.save()
    wide.renditions.filter(crop="social").delete()
    colour, _ = centre_colour(wide)
    assert colour[2] > 180 and colour[0] < 80  # blue: the right of the picture


def test_moving_the_focal_point_on_the_image_page_cuts_the_crop_again(
    client, wide, reporter, django_capture_on_commit_callbacks
):
    before, old = centre_colour(wide)
    assert before[0] > 180
    whole = set(wide.renditions.filter(crop="").values_list("pk", flat=True))
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_image_change", args=[wide.pk]),
            {
                "alt_text": wide.alt_text,
                "caption": "",
                "credit": wide.credit,
                "focal_x": "0.9",
                "focal_y": "0.5",
            },
        )
    assert response.status_code == 302
    wide.refresh_from_db()
    assert (wide.focal_x, wide.focal_y) == (0.9, 0.5)
    new = crop_renditions(wide)["social"]
    assert new.pk != old.pk and not old.file.storage.exists(old.file.name)
    picture = stored_picture(new.file).convert("RGB")
    red, _, blue = picture.getpixel((picture.width // 2, picture.height // 2))
    assert blue > 180 and red < 80
    # The whole-picture renditions do not depend on the focal point: kept.
    assert set(wide.renditions.filter(crop="").values_list("pk", flat=True)) == whole


def test_a_focal_point_outside_the_picture_is_refused_on_the_image_page(client, wide, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_image_change", args=[wide.pk]),
        {"alt_text": wide.alt_text, "credit": wide.credit, "focal_x": "1.5", "focal_y": "0.5"},
    )
    assert response.status_code == 200
    assert "less than or equal to 1" in response.content.decode()


def test_link_previews_get_the_crop_cut_around_the_focal_point(make_article, reporter, editor):
    story = make_article("Cranes arrive", created_by=reporter)
    workflow.submit_for_review(reporter, story)
    snapshot = workflow.publish(editor, story)
    social = snapshot.lead_image["crops"]["social"]
    assert social["url"] != snapshot.lead_image["url"]
    assert round(social["width"] / social["height"], 2) == 1.9
    head = snapshot.head_html
    (og_image,) = re.findall(r'<meta property="og:image" content="([^"]+)">', head)
    (twitter_image,) = re.findall(r'<meta name="twitter:image" content="([^"]+)">', head)
    assert og_image.endswith(social["url"]) and twitter_image.endswith(social["url"])
    assert f'<meta property="og:image:width" content="{social["width"]}">' in head
    assert f'<meta property="og:image:height" content="{social["height"]}">' in head
