"""Renditions: sizes and formats, made once, upright, with no metadata left."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import features

from articles.images.renditions import create_renditions, lead_image_data
from articles.models import Image, Rendition

pytestmark = pytest.mark.django_db


def photo_with_gps_and_rotation(size=(1800, 1200)) -> bytes:
    """A landscape-stored JPEG tagged 'rotate 90°' with GPS coordinates, like a phone's."""
    picture = PILImage.new("RGB", size, (200, 40, 40))
    exif = PILImage.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (59.0, 19.0, 30.0)
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def phone_photo(db):
    image = Image(alt_text="A red wall", caption="Red.", credit="Staff")
    image.file.save("phone.jpg", ContentFile(photo_with_gps_and_rotation()), save=True)
    return image


def test_renditions_are_upright_and_carry_no_metadata(phone_photo):
    renditions = create_renditions(phone_photo)
    assert renditions
    for rendition in renditions:
        with rendition.file.open("rb") as handle:
            picture = PILImage.open(handle)
            picture.load()
        assert picture.height > picture.width  # the orientation tag was applied
        assert len(picture.getexif()) == 0  # no orientation, maker or GPS left
        assert "exif" not in picture.info and "xmp" not in picture.info
        assert (picture.width, picture.height) == (rendition.width, rendition.height)


def test_renditions_cover_standard_widths_and_formats_without_upscaling(phone_photo):
    renditions = create_renditions(phone_photo)
    widths = sorted({r.width for r in renditions})
    assert widths == [480, 800, 1200]  # upright it is 1200 wide: no 1600 (no upscaling)
    formats = {r.format for r in renditions}
    expected = {"jpeg", "webp"} | ({"avif"} if features.check("avif") else set())
    assert formats == expected


def test_renditions_are_made_once(phone_photo):
    first = create_renditions(phone_photo)
    count = Rendition.objects.filter(image=phone_photo).count()
    again = create_renditions(phone_photo)
    assert Rendition.objects.filter(image=phone_photo).count() == count
    assert [r.pk for r in first] == [r.pk for r in again]


def test_lead_image_data_gives_srcsets_and_the_fallback(phone_photo):
    data = lead_image_data(phone_photo)
    assert data["url"].endswith(".jpg") and "renditions/" in data["url"]
    assert data["width"] == 1200 and data["height"] == 1800
    assert data["alt"] == "A red wall" and data["credit"] == "Staff"
    assert "480w" in data["srcset"] and "800w" in data["srcset"]
    assert {s["mime_type"] for s in data["sources"]} >= {"image/webp"}
    assert data["bytes"] > 0
    assert lead_image_data(None) == {}


def test_small_images_get_one_rendition_at_their_own_size(db):
    image = Image(alt_text="Tiny")
    out = io.BytesIO()
    PILImage.new("RGB", (300, 200), (0, 0, 0)).save(out, "PNG")
    image.file.save("tiny.png", ContentFile(out.getvalue()), save=True)
    assert {r.width for r in create_renditions(image)} == {300}
