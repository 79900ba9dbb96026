"""What may be uploaded as a picture, and how an original is stored: checks without models.

Uploads are limited to settings.IMAGE_UPLOAD_MAX_BYTES (checked first) and to `MAX_PIXELS`
and `MAX_SIDE`, checked from the file's header before anything is decoded (`check_upload`);
Pillow's own decompression-bomb guard is set to the same limit when this module is imported
at start-up. The upload form then decodes the picture once (`check_decodes`; a JPEG at an
eighth of its size), so a damaged or cut-off file is a form error rather than a failure while
it is stored. `clean_original`
re-encodes an accepted upload upright and without metadata; the Image model's file field
calls it for every file it stores. This module imports no models, so the models can import it.
"""

import io
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import GifImagePlugin, ImageOps, JpegImagePlugin, PngImagePlugin, WebPImagePlugin
from PIL import Image as PILImage

MAX_PIXELS = 40_000_000
MAX_SIDE = 10_000
# Upload format → format the original is stored in (a GIF keeps its first frame, as PNG).
STORED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
STORED_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ORIGINAL_QUALITY = 90
# Imported so that `PILImage.OPEN` knows these formats before anything else opened an image.
UPLOAD_PLUGINS = (JpegImagePlugin, PngImagePlugin, WebPImagePlugin, GifImagePlugin)

NOT_AN_IMAGE = (
    "Upload a valid image: this file is not a JPEG, PNG, WebP or GIF we can read "
    "(or it is damaged)."
)
TOO_LARGE = (
    "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels). The limit is "
    "%(max_megapixels)s megapixels and %(max_side)s pixels on either side: make it smaller "
    "(a news photo needs no more than about 4,000 pixels across) and upload it again."
)
TOO_MANY_BYTES = (
    "This file is %(size)s MB; the limit is %(limit)s MB. Save it at a lower quality or a "
    "smaller size and upload it again."
)
DAMAGED = (
    "This image is damaged or incomplete (%(reason)s): it may not have finished uploading "
    "or copying. Open it on your computer to check, then upload it again."
)
TOO_LARGE_UNKNOWN = (
    "This image is larger than the limit of %(max_megapixels)s megapixels and %(max_side)s "
    "pixels on either side: make it smaller and upload it again."
)


def configure_pillow() -> None:
    """Pillow refuses anything beyond the upload limit, even where no upload check ran."""
    PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", PILImage.DecompressionBombWarning)


configure_pillow()  # at start-up: ArticlesConfig.ready imports this module


def _too_large(width: int | None = None, height: int | None = None) -> ValidationError:
    limits = {"max_megapixels": f"{MAX_PIXELS // 1_000_000}", "max_side": f"{MAX_SIDE:,}"}
    if width is None or height is None:
        return ValidationError(TOO_LARGE_UNKNOWN, code="image_too_large", params=limits)
    size = {
        "width": f"{width:,}",
        "height": f"{height:,}",
        "megapixels": f"{width * height / 1e6:.1f}",
    }
    return ValidationError(TOO_LARGE, code="image_too_large", params={**size, **limits})


def is_too_large(width: int, height: int) -> bool:
    return width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS


def read_header(handle) -> tuple[str, int, int]:
    """(format, width, height) from the file's header alone: no pixel is decoded.

    Calls the format plugins directly rather than `PIL.Image.open`, because `open` applies
    the decompression-bomb guard first and would hide the size behind a generic error.
    """
    handle.seek(0)
    prefix = handle.read(16)
    try:
        for fmt in STORED_FORMATS:
            factory, accept = PILImage.OPEN[fmt]
            if accept and accept(prefix) is not True:
                continue
            handle.seek(0)
            try:
                header = factory(handle, "")
            except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
                raise _too_large() from None
            except Exception:  # noqa: BLE001  (any parse error: not this format)
                continue
            width, height = header.size
            return fmt, width, height
    finally:
        handle.seek(0)
    raise ValidationError(NOT_AN_IMAGE, code="not_an_image")


def _byte_size(handle) -> int:
    size = getattr(handle, "size", None)
    if size is None:
        position = handle.tell()
        size = handle.seek(0, io.SEEK_END)
        handle.seek(position)
    return size


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f}".removesuffix(".0")


def check_upload(handle) -> str:
    """The upload's format, or a ValidationError naming its size and the limit."""
    size, limit = _byte_size(handle), settings.IMAGE_UPLOAD_MAX_BYTES
    if size > limit:
        raise ValidationError(
            TOO_MANY_BYTES,
            code="file_too_large",
            params={"size": _megabytes(size), "limit": _megabytes(limit)},
        )
    fmt, width, height = read_header(handle)
    if is_too_large(width, height):
        raise _too_large(width, height)
    return fmt


def _damaged(error: Exception) -> ValidationError:
    return ValidationError(DAMAGED, code="damaged_image", params={"reason": error})


# What Pillow raises for a cut-off or corrupt file once it decodes the pixels.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError)


# A JPEG is checked decoded at an eighth of its size: every byte of its data is still read
# (a cut-off file still fails), at a fraction of the time, so the upload answers at once.
CHECK_DRAFT_SIZE = (512, 512)


def check_decodes(handle, fmt: str) -> None:
    """Decode the picture once: a cut-off or corrupt file raises here, with a message."""
    try:
        with PILImage.open(handle, formats=[fmt]) as picture:
            if fmt == "JPEG":
                picture.draft("RGB", CHECK_DRAFT_SIZE)
            picture.load()
    except DECODE_ERRORS as error:
        raise _damaged(error) from None
    finally:
        handle.seek(0)


class ImageUploadField(forms.ImageField):
    """The size limits are checked before Django's own check opens the image, and the
    picture is decoded once so a damaged file is a form error."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "read"):
            check_decodes(data, check_upload(data))
        return super().to_python(data)


def clean_original(content) -> tuple[bytes, str]:
    """The upload re-encoded upright with no metadata (EXIF, GPS, XMP, ICC, comments).

    Returns the bytes and the file extension to store them under.
    """
    fmt = check_upload(content)
    try:
        with PILImage.open(content, formats=[fmt]) as picture:
            picture.load()
            # Phones store pictures sideways plus an orientation tag; apply it before
            # dropping EXIF.
            upright = ImageOps.exif_transpose(picture)
            transparent = "transparency" in picture.info
    except DECODE_ERRORS as error:  # a file stored by code, not through the form
        raise _damaged(error) from None
    stored = STORED_FORMATS[fmt]
    if stored == "JPEG":
        mode = upright.mode if upright.mode in ("L", "RGB", "CMYK") else "RGB"
    elif stored == "WEBP":
        mode = upright.mode if upright.mode in ("RGB", "RGBA") else "RGBA"
    elif upright.mode == "P" or transparent:
        mode = "RGBA"
    else:
        mode = upright.mode if upright.mode in ("1", "L", "LA", "RGB", "RGBA", "I") else "RGBA"
    if upright.mode != mode:
        upright = upright.convert(mode)
    # A fresh image has no .info: nothing of the upload's metadata can be written out.
    clean = PILImage.new(mode, upright.size)
    clean.paste(upright)
    out = io.BytesIO()
    options = {"quality": ORIGINAL_QUALITY} if stored in ("JPEG", "WEBP") else {}
    clean.save(out, stored, **options)
    return out.getvalue(), STORED_EXTENSIONS[stored]
