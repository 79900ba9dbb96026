"""Uploads: stored under a random name, upright, with no metadata; too-large images refused
from their header with a message naming the size and the limit, and nothing typed lost."""

import io
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image

from .conftest import phone_jpeg, plain_jpeg, png_header_only, stored_picture, upload

pytestmark = pytest.mark.django_db

ADD = "admin:articles_image_add"


def form(file, **fields) -> dict:
    data = {
        "alt_text": "A crane over the harbor",
        "caption": "Work began in May.",
        "credit": "Staff",
    }
    data.update(fields)
    data["file"] = file
    return data


def test_an_uploaded_original_keeps_no_gps_no_name_and_stands_upright(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse(ADD), form(upload("source-home-59N18E.jpg", phone_jpeg())))
    assert response.status_code == 302
    image = Image.objects.get()

    assert "source-home" not in image.file.name
    assert re.fullmatch(r"images/\d{4}/\d{2}/[A-Za-z0-9_-]{20,}\.jpg", image.file.name)
    picture = stored_picture(image.file)
    assert (picture.width, picture.height) == (1200, 1800)  # the orientation tag was applied
    assert (image.width, image.height) == (1200, 1800)
    assert len(picture.getexif()) == 0  # no orientation, maker or GPS left
    for key in ("exif", "xmp", "icc_profile", "comment"):
        assert key not in picture.info
    with image.file.storage.open(image.file.name, "rb") as handle:
        raw = handle.read()
    assert b"GPS" not in raw and b"PhoneMaker" not in raw and b"home of the source" not in raw
    assert image.uploaded_by == reporter


def test_two_uploads_with_the_same_name_get_different_unrelated_names(image):
    again = Image(alt_text="Another ferry")
    again.file.save("ferry.jpg", ContentFile(plain_jpeg()), save=True)
    assert again.file.name != image.file.name
    assert "ferry" not in again.file.name and "ferry" not in image.file.name


def test_png_text_chunks_go_and_transparency_stays(db):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "GPS 59.3N 18.1E")
    out = io.BytesIO()
    PILImage.new("RGBA", (300, 200), (0, 120, 0, 100)).save(out, "PNG", pnginfo=info)
    image = Image(alt_text="A green square")
    image.file.save("chart.png", ContentFile(out.getvalue()), save=True)

    assert image.file.name.endswith(".png")
    picture = stored_picture(image.file)
    assert picture.mode == "RGBA" and picture.getpixel((5, 5)) == (0, 120, 0, 100)
    assert "Comment" not in picture.info and not getattr(picture, "text", {})


def test_a_too_large_image_is_refused_with_its_size_and_the_limit_and_typed_words_kept(
    client, reporter
):
    client.force_login(reporter)
    response = client.post(
        reverse(ADD),
        form(upload("aerial.png", png_header_only(12000, 12000), "image/png"), caption="Kept."),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert errors == [
        "This image is 12,000 × 12,000 pixels (144.0 megapixels). The limit is 40 megapixels "
        "and 10,000 pixels on either side: make it smaller (a news photo needs no more than "
        "about 4,000 pixels across) and upload it again."
    ]
    html = response.content.decode()
    assert 'value="A crane over the harbor"' in html and 'value="Kept."' in html
    assert not Image.objects.exists()


def test_a_400_megapixel_image_is_told_its_size_not_that_it_is_no_image(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse(ADD), form(upload("bomb.png", png_header_only(20000, 20000), "image/png"))
    )
    [error] = response.context["adminform"].form.errors["file"]
    assert "20,000 × 20,000 pixels (400.0 megapixels)" in error
    assert "40 megapixels" in error
    assert not Image.objects.exists()


def test_one_side_too_long_is_refused_even_under_the_pixel_limit(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse(ADD), form(upload("banner.jpg", plain_jpeg(size=(10_001, 300)))))
    [error] = response.context["adminform"].form.errors["file"]
    assert "10,001 × 300 pixels" in error and "10,000 pixels on either side" in error


def test_a_file_that_is_no_image_says_so(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse(ADD), form(upload("notes.jpg", b"not a picture at all")))
    [error] = response.context["adminform"].form.errors["file"]
    assert "Upload a valid image" in error and "JPEG, PNG, WebP or GIF" in error


def test_the_model_refuses_too_large_uploads_without_a_form(db):
    image = Image(alt_text="Banner", file=upload("banner.png", png_header_only(10_001, 200)))
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    [error] = refused.value.error_dict["file"]
    assert error.code == "image_too_large"
    with pytest.raises(ValidationError, match="9,000 × 9,000 pixels"):
        Image(alt_text="Huge").file.save("huge.png", ContentFile(png_header_only(9000, 9000)))
    assert not Image.objects.exists()


STARTUP_CHECK = """
import io, sys, django
django.setup()
from PIL import Image
sys.path.insert(0, ".")
from tests.articles.images.conftest import png_header_only
print(Image.MAX_IMAGE_PIXELS)
try:
    Image.open(io.BytesIO(png_header_only(9000, 5000)))
except Image.DecompressionBombWarning:
    print("refused")
"""


def test_pillow_itself_refuses_anything_beyond_the_limit_from_start_up():
    # 45 megapixels: only a warning in Pillow's default setup, an error once the app started.
    # A fresh process, because the test runner resets warning filters set while it starts.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_CHECK],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["40000000", "refused"], result.stderr
