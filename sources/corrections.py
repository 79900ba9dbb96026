"""The rules of a story's public corrections, in one place for the admin, an API or a command.

A correction reaches readers with the publish that approves it (`articles.workflow.transitions.publish`
sets `is_published`, `approved_by` and `revision`). Once published it is part of the record:
- changing its kind or words sends it back to wait for the next publish (`reopen_if_changed`);
  readers keep the approved words until then, since only a publish rewrites the snapshot;
- only an editor may delete it (`may_delete`).
"""

from articles.workflow import permissions
from sources.models import Correction

# What readers see of a correction: changing it needs the approval of the next publish.
PUBLIC_FIELDS = ("kind", "text")
PUBLISHED_DELETE_REFUSED = "Only an editor may delete a published correction."


def reopen_if_changed(correction: Correction, changed_fields) -> bool:
    """Unpublish a published correction whose public fields changed (not saved here: the
    caller saves). Returns whether it was reopened."""
    if not (correction.pk and correction.is_published):
        return False
    if not any(name in PUBLIC_FIELDS for name in changed_fields):
        return False
    correction.is_published = False
    correction.approved_by = None
    correction.revision = None
    return True


def may_delete(user, correction: Correction) -> bool:
    """A published correction is part of the record: only editors take one down."""
    return not correction.is_published or permissions.is_editor(user)
