"""Likely duplicates (articles.images.duplicates): the same picture resized or recompressed is
found and offered with its rights and usage; another picture, or a plain one, is not."""

import io
import random
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.images import duplicates, usage
from articles.models import Image, LicenceKind

from .conftest import plain_jpeg, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_renditions")]


def scene(seed: int, size=(1200, 800)) -> PILImage.Image:
    """A picture with shapes in it (the same `seed`, the same picture)."""
    rng = random.Random(seed)
    picture = PILImage.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(picture)
    width, height = size
    for _ in range(14):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(width // 8, width // 2), rng.randrange(height // 8, height // 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=colour)
    return picture


def encoded(picture: PILImage.Image, fmt="JPEG", **options) -> bytes:
    out = io.BytesIO()
    picture.save(out, fmt, **options)
    return out.getvalue()


def copies_of(seed: int) -> list[bytes]:
    """The same picture as agencies and phones send it on: smaller, recompressed, as PNG."""
    original = scene(seed)
    return [
        encoded(original.resize((600, 400)), quality=55),
        encoded(original.resize((1000, 667)), quality=30),
        encoded(original.resize((480, 320)), "PNG"),
    ]


def stored(seed: int, user=None, **fields) -> Image:
    image = Image(alt_text=f"Scene {seed}", credit="Staff photo", uploaded_by=user, **fields)
    image.file.save("scene.jpg", io.BytesIO(encoded(scene(seed), quality=90)), save=True)
    duplicates.hash_image(image)
    return image


def test_the_same_picture_resized_and_recompressed_is_found_and_another_is_not():
    image = stored(1)
    for copy in copies_of(1):
        value = duplicates.hash_file(io.BytesIO(copy))
        assert duplicates.distance(value, image.perceptual_hash) <= duplicates.MAX_DISTANCE
        assert list(duplicates.likely_duplicates(value)) == [image]
    for other in (2, 3, 4):
        value = duplicates.hash_file(io.BytesIO(encoded(scene(other))))
        assert duplicates.distance(value, image.perceptual_hash) > 2 * duplicates.MAX_DISTANCE
        assert not duplicates.likely_duplicates(value).exists()


def test_plain_pictures_are_never_called_duplicates_of_each_other():
    red = Image(alt_text="Red", credit="Staff")
    red.file.save("red.jpg", io.BytesIO(plain_jpeg(color=(200, 0, 0))), save=True)
    duplicates.hash_image(red)
    blue = duplicates.hash_file(io.BytesIO(plain_jpeg(color=(0, 0, 200))))
    assert not duplicates.likely_duplicates(blue).exists()


def test_the_worker_hashes_an_upload_when_it_prepares_it(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_image_drop_upload"),
        {"file": upload("a.jpg", encoded(scene(5))), "alt_text": "Shapes", "credit": "Staff"},
    )
    assert response.status_code == 201
    image = Image.objects.get(pk=response.json()["image"]["id"])
    assert image.perceptual_hash is not None
    copy = duplicates.hash_file(io.BytesIO(copies_of(5)[0]))
    assert duplicates.distance(copy, image.perceptual_hash) <= duplicates.MAX_DISTANCE


def test_choosing_a_copy_offers_the_picture_we_have_with_its_rights_and_usage(
    client, editor, make_article
):
    image = stored(
        7,
        editor,
        licence_kind=LicenceKind.AGENCY,
        licensor="Northwire Photos",
        use_social=False,
        licence_expires_at=timezone.now() - timedelta(days=1),
    )
    article = make_article(lead_image=image)
    usage.record_use(image, article, at=timezone.now() - timedelta(days=2))
    client.force_login(editor)
    read = reverse("admin:articles_image_read_metadata")

    found = client.post(read, {"file": upload("copy.jpg", copies_of(7)[1])}).json()["duplicates"]
    assert [item["id"] for item in found] == [image.pk]
    offer = found[0]
    assert offer["usage"].startswith("Used once, last on ")
    assert article.headline in offer["usage"]
    assert "Agency (Northwire Photos)" in offer["licence"]
    assert "allowed: web, newsletter, archive" in offer["licence"]
    assert "ended on" in offer["rights_problems"][0]  # offered, with the reason it cannot run
    assert offer["change_url"] == reverse("admin:articles_image_change", args=[image.pk])

    other = client.post(read, {"file": upload("other.jpg", encoded(scene(8)))}).json()
    assert other["duplicates"] == []


def test_a_reporter_is_offered_only_pictures_they_may_choose(client, reporter, other_reporter):
    stored(9, other_reporter)  # someone else's upload, not published yet
    client.force_login(reporter)
    answer = client.post(
        reverse("admin:articles_image_read_metadata"),
        {"file": upload("copy.jpg", copies_of(9)[0])},
    ).json()
    assert answer["duplicates"] == []


def test_the_picture_page_names_the_pictures_that_look_the_same(client, editor):
    first = stored(11, editor)
    second = stored(11, editor)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_image_change", args=[second.pk])).content.decode()
    assert "Looks the same as" in page
    assert reverse("admin:articles_image_change", args=[first.pk]) in page


def test_the_backfill_hashes_old_pictures_and_counts_them():
    old = [stored(seed) for seed in (20, 21, 22)]
    Image.objects.filter(pk__in=[i.pk for i in old]).update(perceptual_hash=None)
    out = io.StringIO()
    call_command("hash_pictures", "--batch", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "2 of 3 pictures read: 2 hashed, 0 unreadable."
    assert lines[-1] == "Done: 3 hashed, 0 could not be read, of 3 without a hash."
    assert not Image.objects.filter(perceptual_hash__isnull=True).exists()


def test_a_large_png_is_left_to_the_worker_and_a_small_one_is_hashed_at_once():
    big = encoded(scene(30, size=(2000, 1500)), "PNG")
    assert duplicates.hash_upload(io.BytesIO(big)) is None
    small = encoded(scene(30, size=(800, 600)), "PNG")
    assert duplicates.hash_upload(io.BytesIO(small)) is not None
