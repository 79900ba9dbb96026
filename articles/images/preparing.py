"""A picture is made ready by the task worker, not in the upload's request.

`accept_upload` is all an upload request does with the file: it keeps it as it came in the
incoming folder (outside the public media folder: it still carries GPS and camera serials),
reads its IPTC/XMP (`articles.images.metadata`, no decoding) into the fields the uploader
left empty and its C2PA content credentials (`articles.images.credentials`), and `queue` queues `prepare_image`.
The picture is "preparing" until the worker has stored the original upright and without
metadata (`articles.images.uploads.clean_original`, through the Image's file field) and made
every rendition (`renditions.create_renditions`), and hashed it for the duplicate offer
(`duplicates.hash_image`); then it is "ready", or "failed" with the
reason in words. `progress` is what the story form shows meanwhile; a story cannot be
published while its picture is not ready (`articles.images.publishing`).

An upload's task is queued inside its transaction: with the database queue its row commits
with the picture's, so the worker never meets a picture that is not there yet. A file stored
through the Image's field (the Image page, code) is cleaned there and only needs renditions;
those are queued once it commits.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django_tasks import task
from PIL import Image as PILImage

from articles.images import credentials, duplicates, metadata, renditions, stored_files
from articles.images.uploads import check_upload, read_header
from articles.models import Image, ImageStatus, LicenceKind

logger = logging.getLogger("newsroom")

DAMAGED_LATER = (
    "This picture could not be prepared: %(reason)s Upload it again, or another picture."
)


def accept_upload(image: Image, upload, *, typed=()) -> None:
    """Keep `upload` (already checked by the form: bytes, header, a decode) for the worker
    and mark `image` preparing. Fields named in `typed` (changed on the form) are never
    replaced by the file's words. Call before saving `image`; the caller then `queue`s it."""
    fmt = check_upload(upload)
    # The header's size until the worker stores it upright: enough for the progress count.
    _, image.width, image.height = read_header(upload)
    read = metadata.read_metadata(upload)
    image.metadata = read
    image.content_credentials = credentials.read_credentials(upload, fmt)
    if image.content_credentials.get("digital_source_type") and not read.get("digital_source_type"):
        # A generator that signs says "made by AI" in its credentials, not always in XMP.
        read = {**read, "digital_source_type": image.content_credentials["digital_source_type"]}
    for field, value in metadata.prefill(read).items():
        # What the uploader typed wins; the file's words fill what was left empty.
        if field in typed:
            continue
        if field == "licence_kind":
            if image.licence_kind == LicenceKind.STAFF and not image.licensor:
                image.licence_kind = value
        elif not getattr(image, field):
            setattr(image, field, value)
    image.incoming.save("upload", upload, save=False)
    # A refused save (stale edit, permission, a check after the row lock) forgets the row.
    stored_files.delete_if_rolled_back(image.incoming.storage, image.incoming.name)
    image.status = ImageStatus.PREPARING
    image.problem = ""


def queue(image: Image) -> None:
    """Queue the picture's preparation (in the caller's transaction: see the module's doc).

    Only an upload still incoming is "preparing" (`accept_upload` says so): a file stored
    through the field is clean already, and publishing makes any rendition still missing."""
    prepare_image.enqueue(image.pk)


def image_create(
    *,
    user,
    file,
    alt_text: str,
    credit: str,
    caption: str = "",
    focal_x: float = 0.5,
    focal_y: float = 0.5,
    **details,
) -> Image:
    """Keep an upload checked by the form as a new picture by `user`; it is prepared by the
    task worker (the post_save receiver below queues it). `details` are other Image fields
    (rights, what the file's metadata said).

    Only who may add images (`articles.add_image`); anyone else gets PermissionDenied."""
    if not (user and user.has_perm("articles.add_image")):
        raise PermissionDenied("Your account may not upload pictures.")
    image = Image(
        alt_text=alt_text,
        credit=credit,
        caption=caption,
        focal_x=focal_x,
        focal_y=focal_y,
        uploaded_by=user,
        **details,
    )
    accept_upload(image, file)
    image.full_clean()
    image.save()
    queue(image)
    return image


def remake_crops(image: Image) -> None:
    """After the focal point moved: the crops are cut again around it by the worker."""
    renditions.discard_renditions(image, crops_only=True)
    transaction.on_commit(lambda: queue(image))


@receiver(post_save, sender=Image, dispatch_uid="articles.images.preparing.queue_on_upload")
def queue_on_upload(sender, instance: Image, created: bool = False, **kwargs) -> None:
    """A file stored through the Image's field (the Image page, code) is already clean: its
    renditions are queued once it is committed. A replaced file makes the old renditions
    stale: they are discarded first. (`image_create` queues its own picture.)"""
    replaced = instance.take_replaced_file_name()
    if not created and replaced is not None:
        renditions.discard_renditions(instance, old_file_name=replaced)
    if (created or replaced is not None) and instance.file:
        transaction.on_commit(lambda: queue(instance))


def _store_original(image: Image) -> None:
    """The incoming file, cleaned, becomes the picture's original; the incoming file goes,
    unless it carries content credentials (then it stays, privately, as `signed_original`)."""
    with image.incoming.open("rb") as handle:
        # Through the field: the one place that stores an original upright and metadata-free.
        image.file.save("original", handle, save=False)
    incoming_name = image.incoming.name
    # A file with content credentials is kept as it came (they are signed over its bytes).
    kept = incoming_name if image.content_credentials else ""
    Image.objects.filter(pk=image.pk).update(
        file=image.file.name,
        width=image.width,
        height=image.height,
        incoming="",
        signed_original=kept,
    )
    storage = image.incoming.storage
    if not kept:
        transaction.on_commit(lambda: storage.delete(incoming_name))


def _fail(image: Image, reason: str) -> None:
    Image.objects.filter(pk=image.pk).update(status=ImageStatus.FAILED, problem=reason)


@task()
def prepare_image(image_id: int) -> str:
    """Store the original cleaned (if it is still incoming) and make every rendition."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return "gone"  # deleted before the worker came to it
    try:
        if image.incoming:
            with transaction.atomic():
                _store_original(image)
        if image.file:
            # Each rendition commits on its own, so the story form sees the count grow.
            renditions.create_renditions(image)
            # From the smallest rendition just made: a few milliseconds.
            duplicates.hash_image(image)
        Image.objects.filter(pk=image.pk).update(status=ImageStatus.READY, problem="")
    except ValidationError as error:  # damaged in a way only a full decode shows
        _fail(image, DAMAGED_LATER % {"reason": " ".join(error.messages)})
        return "failed"
    except (OSError, ValueError, PILImage.DecompressionBombWarning) as error:
        logger.exception("Could not prepare image %s", image.pk)
        _fail(image, DAMAGED_LATER % {"reason": f"{error}."})
        return "failed"
    return "ready"


def progress(image: Image) -> dict:
    """What the story form shows of a picture being prepared: its state, renditions made
    of how many, and the reason if it failed."""
    wanted = renditions.expected_count(image) if image.file or image.width else 0
    made = len(image.renditions.all()) if image.pk else 0  # prefetched by the lists
    return {
        "status": image.status,
        "label": ImageStatus(image.status).label,
        "done": min(made, wanted) if wanted else 0,
        "total": wanted,
        "problem": image.problem,
    }
