"""Who may do what on a live story: small predicates shared by the services and the composer.

- Editors (publish permission) make a story live, start and end its coverage, open it to
  reporters, publish, edit, pin, delete and mark key events on any entry.
- Reporters (anyone who may write stories) file entries on a live story; they edit their
  own entry until it is published. On a story an editor opened to reporters they publish
  their own entries directly (each such publish is recorded as direct).
"""

from articles.models import CoverageState, EntryStatus, LiveCoverage, LiveEntry
from articles.workflow.permissions import can_create, can_view, is_editor


def can_make_live(user) -> bool:
    return is_editor(user)


def can_run_coverage(user, coverage: LiveCoverage) -> bool:
    """Start, end, reopen to reporters: editors only."""
    return is_editor(user)


def can_file(user, coverage: LiveCoverage) -> bool:
    """Anyone who may write stories files on coverage that has not ended."""
    return (
        coverage.state != CoverageState.ENDED
        and can_view(user)
        and (can_create(user) or is_editor(user))
    )


def publishes_directly(user, coverage: LiveCoverage) -> bool:
    """A reporter whose entries go out without an editor (the story is open to reporters)."""
    return coverage.open_to_reporters and not is_editor(user) and can_file(user, coverage)


def can_publish(user, entry: LiveEntry) -> bool:
    coverage = entry.coverage
    if entry.status == EntryStatus.DELETED or coverage.state == CoverageState.ENDED:
        return False
    if is_editor(user):
        return True
    return publishes_directly(user, coverage) and entry.author_id == user.pk


def can_edit(user, entry: LiveEntry) -> bool:
    """Editors; the entry's author while it is filed, or always on a story open to reporters."""
    if entry.status == EntryStatus.DELETED or entry.coverage.state == CoverageState.ENDED:
        return False
    if is_editor(user):
        return True
    if entry.author_id != user.pk or not can_file(user, entry.coverage):
        return False
    return entry.status == EntryStatus.FILED or entry.coverage.open_to_reporters


def can_arrange(user, entry: LiveEntry) -> bool:
    """Pin, mark a key event, delete, break out: editors."""
    return is_editor(user) and entry.status != EntryStatus.DELETED
