"""A picture's or a clip's files are kept only while its row is: files written in a
transaction that rolls back are deleted from storage, and so are the files of a deleted
picture or clip once the delete commits.

A story's Save uploads a chosen picture inside the save's transaction; when the save is then
refused (a stale edit, a permission, a check after the row lock) the database forgets the
image row, but the file was already written. `delete_if_rolled_back` notes the file with an
on-commit marker. Django drops the on-commit callbacks of a transaction (or savepoint) that
rolls back, so when the request finishes a noted file whose marker neither ran nor is still
waiting belonged to a rolled-back transaction, and is deleted. Outside any transaction the
file is committed as it is written: nothing to note.

Deleting an `Image` deletes its original, its signed original, its upload still waiting in
the incoming folder and its renditions' files; deleting a `Clip` its upload, web copies,
poster and captions (`delete_files_with`, the `pre_delete` receiver connected in
`ArticlesConfig.ready()`). Only after the commit: a delete that rolls back keeps every file.
Readers' copies a published snapshot or live entry still names (a picture's renditions, a
clip's web copy, poster and captions) are kept, so no public page loses its media.
"""

from django.core.signals import request_finished
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver

from articles.models import Clip, Image, LiveEntry, PublishedArticle

_PENDING_ATTRIBUTE = "newsroom_files_pending_commit"


def delete_if_rolled_back(storage, name: str, *, using=None) -> None:
    """Delete the stored file `name` if the current transaction is rolled back."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return
    pending = connection.__dict__.setdefault(_PENDING_ATTRIBUTE, [])

    def committed() -> None:
        pending[:] = [item for item in pending if item[2] is not committed]

    pending.append((storage, name, committed))
    transaction.on_commit(committed, using=using)


def delete_rolled_back_files(*, using=None) -> list[str]:
    """Delete the noted files whose transaction rolled back; the names deleted."""
    connection = transaction.get_connection(using)
    pending = connection.__dict__.get(_PENDING_ATTRIBUTE) or []
    if not pending:
        return []  # nearly every request: no need to look through what waits for a commit
    waiting = {id(callback) for _, callback, _ in connection.run_on_commit}
    deleted = []
    for item in list(pending):
        storage, name, marker = item
        if id(marker) in waiting:
            continue  # its transaction is still open (a test's, or a long job's)
        pending.remove(item)
        storage.delete(name)
        deleted.append(name)
    return deleted


@receiver(request_finished, dispatch_uid="articles.images.stored_files.after_request")
def _after_request(sender, **kwargs) -> None:
    delete_rolled_back_files()


def _publicly_named(urls: set[str], *, clip_id: int | None = None) -> bool:
    """Whether a snapshot (any, even withdrawn: it can be restored) or a live entry still
    names one of `urls`, or the clip `clip_id`."""
    if clip_id is not None:
        return PublishedArticle.objects.filter(clips__contains=[{"id": clip_id}]).exists()
    if not urls:
        return False
    in_gallery = Q()
    for url in sorted(urls):
        in_gallery |= Q(galleries__contains=[{"items": [{"url": url}]}])
    shown = PublishedArticle.objects.filter(Q(lead_image__url__in=urls) | in_gallery)
    return shown.exists() or LiveEntry.objects.filter(public_image__url__in=urls).exists()


def files_of(media: Image | Clip) -> list:
    """The stored files that go when `media`'s row goes."""
    if isinstance(media, Image):
        private = [media.file, media.signed_original, media.incoming]
        readers = [rendition.file for rendition in media.renditions.all() if rendition.file]
        shown = _publicly_named({file.url for file in readers})
    else:
        private = [media.incoming]
        readers = [media.web_file, media.small_file, media.poster, media.captions]
        shown = _publicly_named(set(), clip_id=media.pk)
    return [file for file in private + ([] if shown else readers) if file]


def delete_files_with(sender, instance, using=None, **kwargs) -> None:
    """The `pre_delete` receiver: delete `instance`'s files once its delete commits."""
    doomed = [(file.storage, file.name) for file in files_of(instance)]

    def delete() -> None:
        for storage, name in doomed:
            storage.delete(name)

    transaction.on_commit(delete, using=using)
