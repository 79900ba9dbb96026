"""Compressed copies of public pages, made once when a page is cached and chosen per request.

Only public pages are compressed (`articles.public.page_cache` calls this): they are the same
for every reader and carry no secret (no CSRF token, no session, nothing confidential), so
BREACH, which needs a secret and an attacker's text in one compressed response, has nothing
to recover. Admin pages carry confidential fields and CSRF tokens and are never compressed
here.

Brotli (the `brotli` package, Google's own bindings) where the browser accepts it, gzip
otherwise. A compressed copy has a weak ETag (`W/"…"`), as Django's GZipMiddleware gives it:
the bytes differ, the page is the same, and If-None-Match compares weakly, so a 304 still
answers whichever copy the browser holds. Every answer says `Vary: Accept-Encoding`.
"""

import brotli
from django.utils.text import compress_string

# Under this, the headers cost more than compression saves.
MIN_BYTES = 200
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss+xml",
                "application/atom+xml", "application/javascript")  # fmt: skip
ENCODINGS = ("br", "gzip")
# Quality 5: 1 % larger than 9 on the home page at a twentieth of the time (4 ms against 100 ms
# on a busy 2-core machine), and it is paid on every cache fill.
BROTLI_QUALITY = 5


def compressible(content_type: str, content: bytes) -> bool:
    return len(content) >= MIN_BYTES and content_type.startswith(COMPRESSIBLE)


_ENCODERS = {
    "br": lambda content: brotli.compress(content, quality=BROTLI_QUALITY),
    "gzip": compress_string,
}


def encode(content: bytes, names=ENCODINGS) -> dict[str, bytes]:
    """The copies of `content` in the encodings `names`, kept only where they are smaller."""
    copies = {name: _ENCODERS[name](content) for name in names if name}
    return {name: data for name, data in copies.items() if len(data) < len(content)}


def accepted(header: str) -> set[str]:
    """The encodings an Accept-Encoding header allows (q=0 refuses one)."""
    names = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        quality = params.strip().lower()
        if quality.startswith("q="):
            try:
                if float(quality[2:]) <= 0:
                    continue
            except ValueError:
                continue
        if name:
            names.add(name)
    return names


def choose(header: str, available) -> str:
    """The best encoding both sides have ("" means send the page as it is)."""
    wanted = accepted(header)
    for name in ENCODINGS:
        if name in available and (name in wanted or "*" in wanted):
            return name
    return ""


def weak(etag: str) -> str:
    return etag if etag.startswith("W/") else f"W/{etag}"
