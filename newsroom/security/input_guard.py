"""NUL characters never reach the code: they are stripped from query strings and form posts.

PostgreSQL refuses NUL (U+0000) in text, so any `?term=%00` or typed note with one in it
turned into a 500 wherever the value met the database: Django's own admin search and
autocomplete, our workflow notes, correction texts, tag suggestions. No reader or editor
means a NUL, and stripping it at the one door all input passes through loses nothing they
typed; every view after this middleware can rely on it.
"""

from django.http import QueryDict

NUL = "\x00"


def without_nul(params: QueryDict) -> QueryDict:
    """`params` itself when it holds no NUL, else an immutable copy with every NUL removed."""
    if not any(NUL in key or any(NUL in v for v in values) for key, values in params.lists()):
        return params
    cleaned = QueryDict(mutable=True, encoding=params.encoding)
    for key, values in params.lists():
        cleaned.setlist(key.replace(NUL, ""), [v.replace(NUL, "") for v in values])
    cleaned._mutable = False
    return cleaned


class StripNulMiddleware:
    """Strip NUL from GET and POST parameters (uploaded files are left as they are)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = without_nul(request.GET)
        if request.method == "POST":
            request.POST = without_nul(request.POST)
        return self.get_response(request)
