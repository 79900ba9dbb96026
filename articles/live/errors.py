"""Refusals of live coverage, each a workflow error with a `code` callers match on."""

from articles.workflow.errors import WorkflowError, WorkflowPermissionError


class LiveError(WorkflowError):
    code = "live_error"


class LivePermissionError(WorkflowPermissionError):
    code = "live_permission_denied"
