"""Reading a staff request's body safely, for the small JSON-or-form endpoints of the admin
(comments, the story budget): a body that cannot be read is a message, never a 500."""

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http.multipartparser import MultiPartParserError


def posted(request):
    """request.POST, or None when the body cannot be read (too big, malformed)."""
    try:
        return request.POST
    except (RequestDataTooBig, TooManyFieldsSent, MultiPartParserError, SuspiciousOperation):
        return None


def wants_json(request) -> bool:
    """Whether the caller (a page's script) asked for JSON rather than a page."""
    return "application/json" in request.headers.get("Accept", "")
