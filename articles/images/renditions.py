"""Image renditions: resized, re-encoded, metadata-free copies made once with Pillow and stored.

Every image a reader's browser loads is a rendition, never the uploaded original: renditions
have the EXIF orientation applied and carry no metadata at all (no EXIF, GPS, XMP or ICC
comments). `lead_image_data(image)` is what a snapshot stores about a lead image, including
the `srcset` strings templates use. Renditions are made by the task worker after an upload
(`articles.images.preparing`) or, at the latest, when a story using it is published;
replacing an image's file throws its renditions away and makes new ones.

Besides the whole picture at several widths, each image gets crops (`CROPS`: the 1.91:1
picture link previews and og:image use) cut around its focal point, the two fractions an
editor sets by clicking the preview (`crop_box`). Moving the focal point makes the crops
again (`preparing.remake_crops`); the whole-picture renditions do not depend on it.

Nothing served from the public media folder can be found by guessing or carries GPS:
rendition names carry a random token, and originals are stored under a random name,
upright and re-encoded without metadata (`articles.images.uploads`, which checks and cleans every
file the Image model stores).
"""

import io
import logging
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from PIL import Image as PILImage
from PIL import ImageOps, features

from articles.images.rights import public_rights
from articles.images.uploads import is_too_large
from articles.models import Image, PublishedArticle, Rendition

logger = logging.getLogger("newsroom")

WIDTHS = (480, 800, 1200, 1600)
SIZES = "(min-width: 48rem) 46rem, 100vw"
QUALITY = {"jpeg": 82, "webp": 80, "avif": 60}
MIME_TYPES = {"jpeg": "image/jpeg", "webp": "image/webp", "avif": "image/avif"}
EXTENSIONS = {"jpeg": "jpg", "webp": "webp", "avif": "avif"}
# Named crops: aspect ratio (width / height) and the widest rendition made of it, in JPEG
# (what link previews fetch). "social" is the 1.91:1 card Facebook, LinkedIn and X show, at
# their size even when that enlarges the cut ("fill"); "wide", "standard" and "square" are
# the 16:9, 4:3 and 1:1 pictures Google's Article rules ask for in a story's JSON-LD, never
# wider than what they cut from the original (an enlarged picture only pretends to detail).
CROPS = {
    "social": {"ratio": 1200 / 630, "width": 1200, "fill": True},
    "wide": {"ratio": 16 / 9, "width": 1200},
    "standard": {"ratio": 4 / 3, "width": 1200},
    "square": {"ratio": 1.0, "width": 1200},
}
THUMBNAIL_WIDTH = 480


def crop_box(
    width: int, height: int, *, ratio: float, focal_x: float = 0.5, focal_y: float = 0.5
) -> tuple[int, int, int, int]:
    """The largest (left, top, right, bottom) box of aspect `ratio` inside a `width` ×
    `height` picture, centred on the focal point as far as the picture's edges allow."""
    if width / height > ratio:  # too wide: keep the full height, choose the columns
        crop_w, crop_h = min(width, round(height * ratio)), height
    else:  # too tall: keep the full width, choose the rows
        crop_w, crop_h = width, min(height, round(width / ratio))
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


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


def expected_count(image: Image) -> int:
    """How many renditions a ready picture has (whole picture in every format, and crops)."""
    if not image.width:
        return 0
    return len(rendition_formats()) * len(target_widths(image.width)) + len(CROPS)


def create_renditions(image: Image) -> list[Rendition]:
    """Make the missing whole-picture renditions of `image` and return them (idempotent).

    The crops (`CROPS`) are made too; `crop_renditions` returns them.
    """
    if not image.file:
        return []
    existing = {(r.crop, r.width, r.format): r for r in image.renditions.all()}
    wanted_formats = rendition_formats()
    upright_width, upright_height = _upright_size(image)
    widths = target_widths(upright_width)
    wanted = [("", width, fmt) for fmt in wanted_formats for width in widths]
    for name, crop in CROPS.items():
        left, _, right, _ = crop_box(upright_width, upright_height, ratio=crop["ratio"])
        widest = upright_width if crop.get("fill") else right - left
        wanted.append((name, min(crop["width"], widest), "jpeg"))
    picture = None
    for crop, width, fmt in wanted:
        if (crop, width, fmt) in existing:
            continue
        if picture is None:
            picture = _open_upright(image)
        rendition = _make_rendition(image, picture, crop=crop, width=width, fmt=fmt)
        if rendition is not None:
            existing[(crop, width, fmt)] = rendition
    return sorted(
        (r for r in existing.values() if not r.crop and r.format in wanted_formats),
        key=lambda r: (wanted_formats.index(r.format), r.width),
    )


def crop_renditions(image: Image) -> dict[str, Rendition]:
    """Each crop's largest rendition, by crop name (after `create_renditions`)."""
    found: dict[str, Rendition] = {}
    for rendition in image.renditions.exclude(crop="").order_by("width"):
        found[rendition.crop] = rendition
    return found


def _make_rendition(
    image: Image, picture: PILImage.Image, *, crop: str, width: int, fmt: str
) -> Rendition | None:
    if crop:
        box = crop_box(
            picture.width,
            picture.height,
            ratio=CROPS[crop]["ratio"],
            focal_x=image.focal_x,
            focal_y=image.focal_y,
        )
        picture = picture.crop(box)
    height = max(1, round(picture.height * width / picture.width))
    resized = (
        picture
        if width == picture.width
        else picture.resize((width, height), PILImage.Resampling.LANCZOS)
    )
    rendition = Rendition(image=image, crop=crop, width=width, height=height, format=fmt)
    # Unguessable: an image's renditions exist before its story is published.
    suffix = f"-{crop}" if crop else ""
    name = f"{secrets.token_urlsafe(12)}-{width}w{suffix}.{EXTENSIONS[fmt]}"
    rendition.file.save(name, ContentFile(_encode(resized, fmt)), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:  # made by a concurrent request in the meantime
        rendition.file.delete(save=False)
        return None
    return rendition


def thumbnail_url(image: Image) -> str:
    """A small picture for the admin's choosers: the narrowest JPEG rendition, else the
    original (renditions are made just after upload). Reads prefetched renditions."""
    jpegs = [r for r in image.renditions.all() if r.format == "jpeg" and not r.crop]
    if jpegs:
        return min(jpegs, key=lambda r: r.width).file.url
    return image.file.url if image.file else ""


def _upright_size(image: Image) -> tuple[int, int]:
    """The image's width and height once its EXIF orientation is applied (rotated pictures
    swap sides)."""
    with image.file.open("rb") as handle:
        picture = PILImage.open(handle)
        orientation = picture.getexif().get(0x0112, 1)
        width, height = picture.size
    if is_too_large(width, height):  # stored before the limit existed: never decode it
        raise ValueError(f"Image {image.pk} is {width} × {height} pixels, over the limit.")
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


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
        "focal_point": [image.focal_x, image.focal_y],
        "rights": public_rights(image),
        "crops": {
            name: {"url": r.file.url, "width": r.width, "height": r.height}
            for name, r in crop_renditions(image).items()
        },
    }


def discard_renditions(image: Image, *, old_file_name: str = "", crops_only: bool = False) -> None:
    """Forget `image`'s renditions (and its previous original) after its file was replaced,
    or only its crops after its focal point moved.

    The rows go now, in the caller's transaction; the files go once it commits, except those
    a public snapshot still shows: a live story keeps its picture until its edit is published.
    """
    old = list(image.renditions.exclude(crop="") if crops_only else image.renditions.all())
    Rendition.objects.filter(pk__in=[r.pk for r in old]).delete()
    urls = [r.file.url for r in old if r.file]
    still_public: set[str] = set()
    if urls:
        query = Q()
        for url in urls:
            query |= Q(lead_image__contains={"renditions": [{"url": url}]})
            for name in CROPS:
                query |= Q(lead_image__contains={"crops": {name: {"url": url}}})
        for data in PublishedArticle.objects.filter(query).values_list("lead_image", flat=True):
            still_public.update(r.get("url") for r in data.get("renditions", []))
            still_public.update(c.get("url") for c in data.get("crops", {}).values())
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
