"""Refused planning changes: one exception each, with a sentence to show and a `code`."""

from django.core.exceptions import PermissionDenied


class PlanningError(Exception):
    """A refused planning change, with a sentence to show and a `code` for callers."""

    code = "planning_error"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class PlanningPermissionError(PlanningError, PermissionDenied):
    code = "permission_denied"


class DraftAlreadyStarted(PlanningError):
    code = "draft_already_started"
