"""Likely duplicates: "we have this picture already", found by a perceptual hash.

Each picture gets a 64-bit difference hash (dHash): the picture in grey at 9 × 8 pixels,
one bit per pair of neighbours in a row (is the left one brighter?). Resizing, recompressing
or a slight colour change leave it the same or a few bits off; another picture differs in
about half of its bits. Two pictures whose hashes differ in at most `MAX_DISTANCE` bits are
offered as likely the same.

Why not the `imagehash` package: its dHash is this same arithmetic, and it brings numpy,
SciPy and PyWavelets (about 80 MB) for it. Pillow, which the project has, does the work.

The hash of a stored picture is made by the task worker (`prepare_image`) from its smallest
rendition, so it costs a few milliseconds there and nothing in the upload's request;
`manage.py hash_pictures` hashes the pictures stored before (`backfill`). A file chosen on
the story form is hashed when its IPTC/XMP is read (`image_chooser.read_metadata_view`), a
JPEG decoded at an eighth of its size, so the form can offer the picture we have, with its
rights and where it was used, before anything is uploaded (`offers`); a large picture of
another kind (a 12 MP PNG decodes in 0.7 s) waits for the worker (`hash_upload`).

Hashes are stored as signed 64-bit integers (PostgreSQL's bigint) and compared in the
database with `bit_count(a # b)`; the column is indexed for the exact matches.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image as PILImage
from PIL import ImageOps

from articles.images import publishing, renditions, usage
from articles.images.uploads import DECODE_ERRORS, read_header
from articles.models import Image, ImageStatus

HASH_SIZE = 8  # 8 rows of 8 comparisons: 64 bits
MAX_DISTANCE = 6  # bits out of 64: resized and recompressed copies come out at 0-3
# A plain or evenly shaded picture hashes to (nearly) all zeros or all ones, like every other
# plain picture: too little said to call anything its duplicate.
MIN_DETAIL_BITS = 8
OFFERS = 3
# Decoding a JPEG this small is enough (at least the 9 × 8 the hash needs, with margin).
DRAFT_SIZE = (64, 64)
# Other formats decode whole: hashed in a request only up to this size.
QUICK_PIXELS = 2_000_000


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def dhash(picture: PILImage.Image) -> int:
    """The picture's 64-bit difference hash, as a signed integer (see the module's doc)."""
    grey = picture.convert("L").resize(
        (HASH_SIZE + 1, HASH_SIZE), PILImage.Resampling.LANCZOS, reducing_gap=3.0
    )
    pixels = grey.tobytes()  # one byte per pixel, row by row
    value = 0
    for row in range(HASH_SIZE):
        line = pixels[row * (HASH_SIZE + 1) : (row + 1) * (HASH_SIZE + 1)]
        for left, right in zip(line, line[1:], strict=False):
            value = (value << 1) | (left > right)
    return _signed(value)


def hash_file(handle) -> int | None:
    """The hash of an image file (a JPEG decoded small), or None if it cannot be read."""
    try:
        handle.seek(0)
        with PILImage.open(handle) as picture:
            if picture.format == "JPEG":
                picture.draft("RGB", DRAFT_SIZE)
            picture.load()
            return dhash(ImageOps.exif_transpose(picture))
    except (*DECODE_ERRORS, PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return None
    finally:
        handle.seek(0)


def hash_upload(handle) -> int | None:
    """The hash of a file chosen on the form, if it is quick to make: a JPEG (decoded at an
    eighth: 90 ms for 12 MP, 225 ms for 40 MP on the bench machine) or a small picture of
    another kind; a large PNG (0.7 s at 12 MP) is compared once the worker has hashed it."""
    try:
        fmt, width, height = read_header(handle)
    except ValidationError:
        return None
    if fmt != "JPEG" and width * height > QUICK_PIXELS:
        return None
    return hash_file(handle)


def distance(first: int, second: int) -> int:
    return ((first ^ second) & ((1 << 64) - 1)).bit_count()


def has_detail(value: int) -> bool:
    bits = (value & ((1 << 64) - 1)).bit_count()
    return MIN_DETAIL_BITS <= bits <= 64 - MIN_DETAIL_BITS


def hash_image(image: Image) -> int | None:
    """Hash a stored picture from its smallest JPEG rendition (else its original) and keep
    the hash on it."""
    jpegs = [r for r in image.renditions.all() if r.format == "jpeg" and not r.crop]
    source = min(jpegs, key=lambda r: r.width).file if jpegs else image.file
    if not source:
        return None
    try:
        with source.open("rb") as handle:
            value = hash_file(handle)
    except OSError:  # the file is missing from storage
        value = None
    if value is not None:
        Image.objects.filter(pk=image.pk).update(perceptual_hash=value)
        image.perceptual_hash = value
    return value


def likely_duplicates(value: int | None, queryset=None, *, exclude: int | None = None):
    """Pictures in `queryset` (default: all) whose hash is within `MAX_DISTANCE` of `value`,
    nearest first, annotated with `distance` and their usage (`usage.with_usage`)."""
    if value is None or not has_detail(value):
        return Image.objects.none()
    queryset = Image.objects.all() if queryset is None else queryset
    table = Image._meta.db_table
    found = queryset.filter(perceptual_hash__isnull=False).annotate(
        distance=RawSQL(f'bit_count(("{table}"."perceptual_hash" # %s)::bit(64))', (value,))
    )
    if exclude is not None:
        found = found.exclude(pk=exclude)
    found = found.filter(distance__lte=MAX_DISTANCE).order_by("distance", "-uploaded_at")
    return usage.with_usage(found).prefetch_related("renditions")


def offer(image: Image, *, now=None) -> dict:
    """What the upload flow shows of a picture we already have: its words, rights, usage."""
    now = now or timezone.now()
    return {
        "id": image.pk,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "thumbnail": renditions.thumbnail_url(image),
        "focal_point": [image.focal_x, image.focal_y],
        "licence": licence_words(image),
        "rights_problems": publishing.rights_problems(image, now=now),
        "usage": usage.summary(image),
        "ready": image.status == ImageStatus.READY,
    }


def licence_words(image: Image) -> str:
    """ "Agency (Reuters), web, social; ends 3 Jan 2027" in a line."""
    words = image.get_licence_kind_display()
    detail = image.licensor or image.licence_version
    if detail:
        words += f" ({detail})"
    uses = ", ".join(image.allowed_uses()) or "no use allowed"
    words += f"; allowed: {uses}"
    if image.licence_expires_at:
        ends = date_format(timezone.localtime(image.licence_expires_at), "j M Y")
        words += f"; ends {ends}"
    return words


def offers(value: int | None, queryset=None, *, exclude: int | None = None) -> list[dict]:
    """The few nearest likely duplicates of `value`, as the upload flow shows them."""
    found = likely_duplicates(value, queryset, exclude=exclude)[:OFFERS]
    now = timezone.now()
    return [offer(image, now=now) for image in found]


def backfill(*, batch: int = 200, report: Callable[[int, int, int], None] | None = None) -> dict:
    """Hash every stored picture that has no hash yet, `batch` at a time; `report(done,
    failed, total)` after each batch. Returns the counts."""
    todo = Image.objects.filter(perceptual_hash__isnull=True).exclude(file="")
    total = todo.count()
    done = failed = 0
    last_pk = 0
    while True:
        chunk = list(
            todo.filter(pk__gt=last_pk).order_by("pk").prefetch_related("renditions")[:batch]
        )
        if not chunk:
            break
        for image in chunk:
            if hash_image(image) is None:
                failed += 1
            else:
                done += 1
        last_pk = chunk[-1].pk
        if report:
            report(done, failed, total)
    return {"hashed": done, "failed": failed, "total": total}
