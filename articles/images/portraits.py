"""Author photos at the size pages show them: square JPEG and WebP copies of PORTRAIT_PIXELS
(twice the 96 CSS pixels of the author page, for sharp screens) instead of the upload itself.

Made once per uploaded file, on the first page that shows it, and kept beside the renditions
under a name derived from the upload's, so a new photo gets new copies. Metadata (EXIF,
GPS) is not copied. A file Pillow cannot read leaves the page with no photo rather than an
error.
"""

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

logger = logging.getLogger("newsroom")

PORTRAIT_PIXELS = 192
FORMATS = {"webp": ("WEBP", {"quality": 80}), "jpeg": ("JPEG", {"quality": 82, "optimize": True})}


def _name(photo_name: str, fmt: str) -> str:
    digest = hashlib.sha256(photo_name.encode()).hexdigest()[:16]
    return f"renditions/portraits/{digest}-{PORTRAIT_PIXELS}.{fmt}"


def _make(photo) -> None:
    with photo.open("rb") as handle:
        picture = PILImage.open(handle)
        picture.load()
    picture = ImageOps.exif_transpose(picture).convert("RGB")
    square = ImageOps.fit(picture, (PORTRAIT_PIXELS, PORTRAIT_PIXELS), PILImage.Resampling.LANCZOS)
    for fmt, (codec, options) in FORMATS.items():
        clean = PILImage.new("RGB", square.size)  # a fresh image: no metadata comes along
        clean.paste(square)
        out = io.BytesIO()
        clean.save(out, codec, **options)
        default_storage.save(_name(photo.name, fmt), ContentFile(out.getvalue()))


def portrait(photo) -> dict[str, str]:
    """{"webp": url, "jpeg": url, "size": PORTRAIT_PIXELS} of an author's photo, or {}."""
    if not photo:
        return {}
    if not default_storage.exists(_name(photo.name, "jpeg")):
        try:
            _make(photo)
        except (OSError, UnidentifiedImageError, ValueError):
            logger.warning("author photo %s could not be read", photo.name, exc_info=True)
            return {}
    return {fmt: default_storage.url(_name(photo.name, fmt)) for fmt in FORMATS}
