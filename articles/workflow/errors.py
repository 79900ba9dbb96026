"""The refusals of the workflow: each a `WorkflowError` with a `code` callers match on.

Nothing is half-done when one is raised: every write runs in one transaction. The admin
shows the message; a command prints it; tests match on the class or the `code`.
"""

from django.core.exceptions import PermissionDenied


class WorkflowError(Exception):
    """A refused workflow request. `code` names the reason; the message says what to do."""

    code = "workflow_error"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return self.message


class TransitionNotAllowed(WorkflowError):
    code = "transition_not_allowed"


class WorkflowPermissionError(WorkflowError, PermissionDenied):
    code = "permission_denied"


class NoteRequired(WorkflowError):
    code = "note_required"


class StandardsBlocked(WorkflowError):
    """The standards checks (answered by the sources app) refuse the publish; `findings`
    are what they found, blocking or not."""

    code = "standards_blocked"

    def __init__(self, message: str, *, findings: list, code: str | None = None):
        super().__init__(message, code=code)
        self.findings = findings


class StaleEdit(WorkflowError):
    code = "stale_edit"


class Embargoed(WorkflowError):
    """Readers would see the story before its embargo: schedule it later, or (editors) break
    the embargo with a reason."""

    code = "embargoed"


class CorrectionNeedsPublishedStory(WorkflowError):
    """A correction corrects what readers saw: a story never published has nothing to correct."""

    code = "correction_needs_published_story"


class SignOffsMissing(WorkflowError):
    """The story's section chain has steps not signed off for its current text."""

    code = "sign_offs_missing"


class MediaNotPublishable(WorkflowError):
    """The story's picture is still being prepared, could not be, or its licence does not
    allow it on the web now (`articles.images.publishing`)."""

    code = "media_not_publishable"
