"""The site's one public address (settings.SITE_URL) for everything that prints absolute URLs.

Feeds and sitemaps build absolute URLs from the request's host. Behind a proxy or with
several allowed host names that would scatter a story over several addresses, so their
views see the request through `CanonicalRequest`, whose host and scheme are SITE_URL's.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings


class CanonicalRequest:
    """A read-only view of a request whose host and scheme are those of SITE_URL."""

    def __init__(self, request):
        self._request = request
        self._site = urlsplit(settings.SITE_URL)

    def __getattr__(self, name):
        return getattr(self._request, name)

    @property
    def scheme(self) -> str:
        return self._site.scheme

    def get_host(self) -> str:
        return self._site.netloc

    def is_secure(self) -> bool:
        return self._site.scheme == "https"


def on_site_url(view):
    """Wrap a feed or sitemap view so the absolute URLs it prints are on SITE_URL."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(CanonicalRequest(request), *args, **kwargs)

    return wrapped
