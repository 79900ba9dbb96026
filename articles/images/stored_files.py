"""A picture's file is kept only if its row is: files written in a transaction that rolls back
are deleted from storage.

A story's Save uploads a chosen picture inside the save's transaction; when the save is then
refused (a stale edit, a permission, a check after the row lock) the database forgets the
image row, but the file was already written. `delete_if_rolled_back` notes the file with an
on-commit marker. Django drops the on-commit callbacks of a transaction (or savepoint) that
rolls back, so when the request finishes a noted file whose marker neither ran nor is still
waiting belonged to a rolled-back transaction, and is deleted. Outside any transaction the
file is committed as it is written: nothing to note.
"""

from django.core.signals import request_finished
from django.db import transaction
from django.dispatch import receiver

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
