"""A cut-off picture and a file over the byte limit are form errors that say what is wrong,
and keep what was typed; neither is a server error."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image

from .conftest import plain_jpeg, upload

pytestmark = pytest.mark.django_db

ADD = "admin:articles_image_add"


def cut_off_jpeg() -> bytes:
    """A photo-like JPEG whose last half never arrived: the header reads fine."""
    out = io.BytesIO()
    PILImage.effect_noise((800, 600), 64).convert("RGB").save(out, "JPEG", quality=90)
    data = out.getvalue()
    return data[: len(data) // 2]


def form(file, **fields) -> dict:
    return {"alt_text": "A crane over the harbor", "credit": "Staff", **fields, "file": file}


def test_a_cut_off_jpeg_is_a_form_error_and_the_words_are_kept(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse(ADD), form(upload("crane.jpg", cut_off_jpeg()), caption="Work began in May.")
    )
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["file"]
    assert error.startswith("This image is damaged or incomplete (image file is truncated")
    assert "upload it again" in error
    html = response.content.decode()
    assert 'value="A crane over the harbor"' in html and 'value="Work began in May."' in html
    assert not Image.objects.exists()


def test_a_cut_off_jpeg_stored_by_code_is_a_validation_error(db):
    image = Image(alt_text="A crane")
    with pytest.raises(ValidationError) as caught:
        image.file.save("crane.jpg", ContentFile(cut_off_jpeg()), save=True)
    assert caught.value.code == "damaged_image"
    assert not Image.objects.exists()


def test_a_file_over_the_byte_limit_is_refused_with_both_sizes(client, reporter, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1_000_000
    client.force_login(reporter)
    padded = plain_jpeg() + b"\0" * 1_500_000  # a valid picture with junk after its end
    response = client.post(reverse(ADD), form(upload("crane.jpg", padded), caption="Kept."))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["file"]
    size = f"{len(padded) / 1_000_000:.1f}"
    assert error == (
        f"This file is {size} MB; the limit is 1 MB. Save it at a lower quality or a "
        "smaller size and upload it again."
    )
    assert 'value="Kept."' in response.content.decode()
    assert not Image.objects.exists()


def test_the_default_byte_limit_is_25_megabytes():
    from django.conf import settings

    assert settings.IMAGE_UPLOAD_MAX_BYTES == 25_000_000


def test_a_file_under_the_byte_limit_is_accepted(client, reporter, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1_000_000
    client.force_login(reporter)
    response = client.post(reverse(ADD), form(upload("crane.jpg", plain_jpeg())))
    assert response.status_code == 302
    assert Image.objects.count() == 1
