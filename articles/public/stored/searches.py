"""Search results pages kept as the bytes readers get, under a digest of what they show: the
search runs on every request, only the rendering (and compressing) is skipped.

The view (`articles.public.views.search`) runs the search every time, light
(`search.search_stories(light=True)`: the page's story ids with their row versions and the
number of matches; no card fields, no snippets), so what the page would show is known
without rendering it, and `identity` digests all of it:

- the search as cleaned (words, section, dates, sort) and its notes to the reader; the page
  number, the number of matches, "more than 200";
- the page's stories in their order, each as id@row version (PostgreSQL's `xmin` and `ctid`:
  any write to the snapshot changes it, and a story withdrawn, retracted or not yet live is
  not found by the search at all), from which its card and the query's snippet are made;
- the "Did you mean" suggestion, and the other parameters the page's links carry;
- the frame (`stored_pages.frame_signature`: menu, footer, templates, SITE_URL; the section
  filter lists the menu's sections), the day (cards print "12:40 p.m." today and the date on
  other days) and the stories whose live coverage runs (the cards' "Live" badge).

When a page was kept under that digest its bytes, brotli and gzip copies and ETag are served
as they are (`common.response_of`); otherwise the cards and snippets are read (one query by
id, `search.hydrate`), the page is rendered and kept in the cache under
`stored-search:<digest>` for PUBLIC_CACHE_SECONDS (300 s by default). So a stored results
page is never staler than a render, and two searches (or two pages of one) share bytes only
when everything they show is the same. The cache bounds the space (each page about 35 KB
with its copies; locmem's MAX_ENTRIES, Redis's maxmemory), the lifetime bounds the rest.
`PUBLIC_STORED_PAGES = False` turns it off with the other stored pages.
"""

import hashlib
import json

from django.core.cache import cache
from django.utils import timezone

from articles.public import queries as public_queries
from articles.public.cache import default_timeout
from articles.public.stored import common as stored_bytes
from articles.public.stored import pages as stored_pages

# Bumped when the page changes in a way no template shows (the snippets' options, say).
FORMAT = "search-1"


def enabled() -> bool:
    return stored_pages.enabled()


def identity(form, page, *, suggestion: str, links: tuple[str, ...]) -> str:
    """The digest of everything the results page shows (see the module's docstring): `form`
    the cleaned search, `page` its light page (or None), `links` what the page's own links
    carry (the other parameters)."""
    live_paths = sorted(public_queries.site_state().get("live_paths") or ())
    shown = {
        "format": FORMAT,
        "frame": stored_pages.frame_signature(),
        "day": timezone.localdate().isoformat(),
        "live": live_paths,
        "search": [
            form.q,
            form.section,
            str(form.date_from or ""),
            str(form.date_to or ""),
            form.sort,
            form.problems,
        ],
        "suggestion": suggestion,
        "links": links,
    }
    if page is not None:
        shown["page"] = [page.number, page.paginator.count, page.more_than]
        shown["stories"] = [f"{story.pk}@{story.row_version}" for story in page.object_list]
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()


def serve(request, digest: str, render):
    """The results page for `request`: the bytes kept under `digest` if any (one cache read,
    no query), else `render()`'s response, kept for the next reader of the same page."""
    from articles.public.page_cache import wanted_encodings

    wanted = wanted_encodings(request)
    key = f"stored-search:{digest}"
    found = cache.get(key)
    if found is not None:
        return stored_bytes.response_of(found, wanted)
    response = render()
    fields = stored_bytes.fields_of(response)
    if fields is None:
        return response
    cache.set(key, fields, default_timeout())
    return stored_bytes.response_of(fields, wanted)  # compressed once, as it will be served
