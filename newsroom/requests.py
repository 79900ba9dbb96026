"""Reading a staff request's body safely, for the small endpoints of the admin that a page's
script posts to (comments, presence, autosave, the story budget): a body that cannot be read
is a message with a 4xx status, never a 500.

- `read_form(request, max_bytes=...)`: `request.POST`, or `UnreadableBody` (413 too big,
  400 malformed) for the caller to answer in its own words;
- `posted(request)`: the same, None instead of the exception.
"""

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http.multipartparser import MultiPartParserError


class UnreadableBody(Exception):
    """The body was not read: too big (`status` 413) or malformed (400)."""

    def __init__(self, *, too_big: bool):
        super().__init__("The request is too large." if too_big else "The request is malformed.")
        self.too_big = too_big
        self.status = 413 if too_big else 400
        self.code = "too_big" if too_big else "bad"


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def read_form(request, *, max_bytes: int | None = None):
    """request.POST, read safely. `max_bytes` refuses a larger body before reading it (Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE and DATA_UPLOAD_MAX_NUMBER_FIELDS apply in any case)."""
    if max_bytes is not None and _declared_length(request) > max_bytes:
        raise UnreadableBody(too_big=True)
    try:
        return request.POST
    except RequestDataTooBig:
        raise UnreadableBody(too_big=True) from None
    except (TooManyFieldsSent, MultiPartParserError, SuspiciousOperation):
        raise UnreadableBody(too_big=False) from None


def posted(request):
    """request.POST, or None when the body cannot be read (too big, malformed)."""
    try:
        return read_form(request)
    except UnreadableBody:
        return None


def wants_json(request) -> bool:
    """Whether the caller (a page's script, through static/js/newsroom-fetch.js) asked for
    JSON rather than a page."""
    return "application/json" in request.headers.get("Accept", "")
