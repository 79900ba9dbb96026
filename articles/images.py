"""Image renditions: resized, re-encoded, metadata-free copies made once with Pillow and stored.

Every image a reader's browser loads is a rendition, never the uploaded original: renditions
have the EXIF orientation applied and carry no metadata at all (no EXIF, GPS, XMP or ICC
comments). `lead_image_data(image)` is what a snapshot stores about a lead image, including
the `srcset` strings templates use. Renditions are made when an image is uploaded (the
post_save receiver below) or, at the latest, when a story using it is published; replacing
an image's file throws its renditions away and makes new ones.

Nothing served from the public media folder can be found by guessing or carries GPS:
rendition names carry a random token, and originals are stored under a random name,
upright and re-encoded without metadata (`articles.uploads`, which checks and cleans every
file the Image model stores).
"""

import io
import logging
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from PIL import Image as PILImage
from PIL import ImageOps, features

from .models import Image, PublishedArticle, Rendition
from .uploads import is_too_large

logger = logging.getLogger("newsroom")

WIDTHS = (480, 800, 1200, 1600)
SIZES = "(min-width: 48rem) 46rem, 100vw"
QUALITY = {"jpeg": 82, "webp": 80, "avif": 60}
MIME_TYPES = {"jpeg": "image/jpeg", "webp": "image/webp", "avif": "image/avif"}
EXTENSIONS = {"jpeg": "jpg", "webp": "webp", "avif": "avif"}


def rendition_formats() -> tuple[str, ...]:
    """Formats made for every image, best last-resort last: AVIF only where Pillow has it."""
    formats = ["jpeg", "webp"]
    if features.check("avif"):
        formats.insert(0, "avif")
    return tuple(formats)


def target_widths(original_width: int) -> list[int]:
    """The standard widths that do not upscale; a small image gets one rendition at its size."""
    widths = [w for w in WIDTHS if w <= original_width]
    return widths or [original_width]


def _open_upright(image: Image) -> PILImage.Image:
    with image.file.open("rb") as handle:
        picture = PILImage.open(handle)
        picture.load()
    # Phones store pictures sideways plus an orientation tag; apply it before dropping EXIF.
    picture = ImageOps.exif_transpose(picture)
    if picture.mode not in ("RGB", "L"):
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        rgba = picture.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        picture = background
    return picture.convert("RGB")


def _encode(picture: PILImage.Image, fmt: str) -> bytes:
    # A fresh image without .info means nothing (EXIF, GPS, XMP, ICC, comments) is written.
    clean = PILImage.new(picture.mode, picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    options = {"quality": QUALITY[fmt]}
    if fmt == "jpeg":
        options.update(optimize=True, progressive=True)
    clean.save(out, fmt.upper(), **options)
    return out.getvalue()


def create_renditions(image: Image) -> list[Rendition]:
    """Make the missing renditions of `image` and return all of them (idempotent)."""
    if not image.file:
        return []
    existing = {(r.width, r.format): r for r in image.renditions.all()}
    wanted_formats = rendition_formats()
    widths = target_widths(_upright_width(image))
    picture = None
    for fmt in wanted_formats:
        for width in widths:
            if (width, fmt) in existing:
                continue
            if picture is None:
                picture = _open_upright(image)
            height = max(1, round(picture.height * width / picture.width))
            resized = (
                picture
                if width == picture.width
                else picture.resize((width, height), PILImage.Resampling.LANCZOS)
            )
            rendition = Rendition(image=image, width=width, height=height, format=fmt)
            # Unguessable: an image's renditions exist before its story is published.
            name = f"{secrets.token_urlsafe(12)}-{width}w.{EXTENSIONS[fmt]}"
            rendition.file.save(name, ContentFile(_encode(resized, fmt)), save=False)
            try:
                with transaction.atomic():
                    rendition.save()
            except IntegrityError:  # made by a concurrent request in the meantime
                rendition.file.delete(save=False)
                continue
            existing[(width, fmt)] = rendition
    return sorted(existing.values(), key=lambda r: (wanted_formats.index(r.format), r.width))


def _upright_width(image: Image) -> int:
    """The image's width once its EXIF orientation is applied (rotated pictures swap sides)."""
    with image.file.open("rb") as handle:
        picture = PILImage.open(handle)
        orientation = picture.getexif().get(0x0112, 1)
        width, height = picture.size
    if is_too_large(width, height):  # stored before the limit existed: never decode it
        raise ValueError(f"Image {image.pk} is {width} × {height} pixels, over the limit.")
    return height if orientation in (5, 6, 7, 8) else width


def lead_image_data(image) -> dict:
    """What a snapshot stores about a lead image: renditions, srcsets, size, words.

    `url`, `width` and `height` name the largest JPEG rendition (the fallback `src`);
    `srcset` maps each format to its srcset string; `sizes` is the matching sizes attribute.
    """
    if image is None or not image.file:
        return {}
    renditions = create_renditions(image)
    if not renditions:
        return {}
    by_format: dict[str, list[Rendition]] = {}
    for rendition in renditions:
        by_format.setdefault(rendition.format, []).append(rendition)
    fallback = max(by_format["jpeg"], key=lambda r: r.width)
    return {
        "url": fallback.file.url,
        "width": fallback.width,
        "height": fallback.height,
        "bytes": fallback.file.size,
        "mime_type": MIME_TYPES["jpeg"],
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "renditions": [
            {
                "url": r.file.url,
                "width": r.width,
                "height": r.height,
                "format": r.format,
                "mime_type": MIME_TYPES[r.format],
            }
            for r in renditions
        ],
        "sources": [
            {
                "mime_type": MIME_TYPES[fmt],
                "srcset": ", ".join(f"{r.file.url} {r.width}w" for r in items),
            }
            for fmt, items in by_format.items()
            if fmt != "jpeg"
        ],
        "srcset": ", ".join(f"{r.file.url} {r.width}w" for r in by_format["jpeg"]),
        "sizes": SIZES,
    }


def discard_renditions(image: Image, *, old_file_name: str = "") -> None:
    """Forget `image`'s renditions (and its previous original) after its file was replaced.

    The rows go now, in the caller's transaction; the files go once it commits, except those
    a public snapshot still shows: a live story keeps its picture until its edit is published.
    """
    old = list(image.renditions.all())
    Rendition.objects.filter(pk__in=[r.pk for r in old]).delete()
    urls = [r.file.url for r in old if r.file]
    still_public: set[str] = set()
    if urls:
        query = Q()
        for url in urls:
            query |= Q(lead_image__contains={"renditions": [{"url": url}]})
        for data in PublishedArticle.objects.filter(query).values_list("lead_image", flat=True):
            still_public.update(r.get("url") for r in data.get("renditions", []))
    doomed = [
        (r.file.storage, r.file.name) for r in old if r.file and r.file.url not in still_public
    ]
    if old_file_name:
        doomed.append((image.file.storage, old_file_name))

    def delete_files() -> None:
        for storage, name in doomed:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete old image file %s", name)

    transaction.on_commit(delete_files)


@receiver(post_save, sender=Image, dispatch_uid="articles.images.renditions_on_upload")
def make_renditions_on_upload(sender, instance: Image, created: bool = False, **kwargs) -> None:
    """Render right after upload so publishing is quick; a failure is logged, never fatal.

    A replaced file makes the old renditions stale: they are discarded and made again.
    """
    replaced = instance.take_replaced_file_name()
    if not created and replaced is not None:
        discard_renditions(instance, old_file_name=replaced)
    if not instance.file:
        return

    def render() -> None:
        try:
            create_renditions(instance)
        except (OSError, ValueError, PILImage.DecompressionBombWarning):
            # a broken upload: publish will report it
            logger.exception("Could not make renditions of image %s", instance.pk)

    transaction.on_commit(render)
