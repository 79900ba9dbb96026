"""A picture's IPTC/XMP is read on upload (articles.images.metadata, with pyexiv2): its caption,
credit and rights fill what the uploader left empty, what was read is kept and shown, and no
GPS or camera serial reaches the stored original or any rendition."""

import io

import pyexiv2
import pytest
from django.urls import reverse
from PIL import Image as PILImage

from articles.images import metadata
from articles.models import Image, LicenceKind

from .conftest import AI_SOURCE, agency_jpeg, plain_jpeg, upload

pytestmark = pytest.mark.django_db


def drop(client, data: bytes, **fields):
    post = {"file": upload("agency.jpg", data), "alt_text": "Cranes at dawn", **fields}
    post.setdefault("credit", "Ana Ruiz/Northwire Photos")
    return client.post(reverse("admin:articles_image_drop_upload"), post)


def test_the_xmp_words_are_read_and_the_iim_ones_fill_what_xmp_lacks():
    read = metadata.read_metadata(io.BytesIO(agency_jpeg()))
    assert read["description"] == "Three cranes unload the first ship at dawn."  # XMP wins
    assert read["headline"] == "Harbor cranes"  # only in IIM
    assert read["creator"] == "Ana Ruiz"
    assert read["credit_line"] == "Northwire Photos"
    assert read["copyright_notice"] == "© 2026 Northwire Photos"
    assert read["usage_terms"] == "Editorial use only, no archive."
    assert read["web_statement"] == "https://northwire.example/licence"
    assert read["licensor_url"] == "https://northwire.example/buy"
    assert read["city"] == "Portmouth" and read["country"] == "Norway"
    assert metadata.is_ai_made(read["digital_source_type"])


def test_a_file_without_metadata_or_with_broken_metadata_reads_as_nothing():
    assert metadata.read_metadata(io.BytesIO(plain_jpeg())) == {}
    assert metadata.read_metadata(io.BytesIO(b"\xff\xd8\xff\xe1garbage")) == {}


def test_a_creative_commons_web_statement_makes_a_cc_licence_with_its_version():
    read = {"web_statement": "https://creativecommons.org/licenses/by-sa/4.0/"}
    assert metadata.prefill(read) == {
        "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "licence_kind": "cc",
        "licence_version": "BY-SA 4.0",
    }


def test_an_upload_prefills_caption_and_rights_and_keeps_what_was_typed(client, reporter):
    client.force_login(reporter)
    response = drop(client, agency_jpeg(), caption="")
    assert response.status_code == 201
    image = Image.objects.get(pk=response.json()["image"]["id"])
    assert image.credit == "Ana Ruiz/Northwire Photos"  # typed
    assert image.caption == "Three cranes unload the first ship at dawn."  # from the file
    assert image.licence_kind == LicenceKind.AGENCY
    assert image.licensor == "Northwire Photos"
    assert image.creator == "Ana Ruiz"
    assert image.copyright_notice == "© 2026 Northwire Photos"
    assert image.licence_terms == "Editorial use only, no archive."
    assert image.licence_url == "https://northwire.example/licence"
    assert image.acquire_licence_url == "https://northwire.example/buy"
    assert image.digital_source_type == AI_SOURCE
    assert image.location == "Portmouth, Norway"
    assert image.date_created == "2026-12-01T06:40:00"
    assert image.metadata["credit_line"] == "Northwire Photos"


def test_no_gps_or_camera_serial_reaches_the_original_or_any_rendition(client, reporter):
    client.force_login(reporter)
    image = Image.objects.get(pk=drop(client, agency_jpeg()).json()["image"]["id"])
    files = [image.file, *(rendition.file for rendition in image.renditions.all())]
    assert len(files) > 3
    for stored in files:
        data = stored.read()
        stored.close()
        assert b"SN-4471-CAMERA" not in data and b"Northwire" not in data
        picture = PILImage.open(io.BytesIO(data))
        assert not picture.getexif() and "xmp" not in picture.info
        if picture.format in ("JPEG", "WEBP"):
            with pyexiv2.ImageData(data) as read:
                assert read.read_exif() == {} and read.read_iptc() == {}


def test_the_story_form_reads_a_chosen_file_before_it_is_uploaded(client, reporter, unprivileged):
    url = reverse("admin:articles_image_read_metadata")
    client.force_login(reporter)
    answer = client.post(url, {"file": upload("agency.jpg", agency_jpeg())}).json()
    assert answer["prefill"] == {
        "caption": "Three cranes unload the first ship at dawn.",
        "credit": "Ana Ruiz/Northwire Photos",
    }
    assert {"label": "Licensor", "value": "Northwire Photos"} in answer["read"]
    assert answer["ai_made"] is True
    assert Image.objects.count() == 0  # nothing is stored by reading
    refused = client.post(url, {"file": upload("notes.jpg", b"not a picture\x00")})
    assert refused.status_code == 400 and "valid image" in refused.json()["errors"]["file"][0]
    assert client.post(url, {}).status_code == 400
    client.force_login(unprivileged)
    assert client.post(url, {"file": upload("agency.jpg", agency_jpeg())}).status_code == 403


def test_the_picture_page_shows_what_the_file_said_and_lets_it_be_corrected(client, reporter):
    client.force_login(reporter)
    image = Image.objects.get(pk=drop(client, agency_jpeg()).json()["image"]["id"])
    page = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    assert "What the file said on upload" in page
    assert "Trained algorithmic media (made by generative AI)" in page
    assert "Editorial use only, no archive." in page
