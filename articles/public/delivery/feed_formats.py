"""RSS and Atom with what readers' apps need: the whole story, its picture with credit, and
every author.

- Full text: RSS `content:encoded`, Atom `<content type="html">`, sanitised again (the allow
  list of `newsroom.html`) and with the site's own links made absolute, as a feed reader
  shows them away from the site.
- The lead picture: Media RSS `media:content` (url, type, size) with `media:credit` and
  `media:description`, in both formats.
- Atom: one `<author>` per person in the byline, each with a `<uri>` (their page).

The feeds (`articles.public.feeds`) pass `content_html`, `media` and `authors` through
`item_extra_kwargs`.
"""

import re

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles.embeds.providers import as_links
from newsroom.html import sanitize_html

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
# href="/…" and src="/…" (not protocol-relative "//…").
_SITE_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def full_content(body_html: str, site_url: str) -> str:
    """The story's body for a feed: sanitised, with links to the site made absolute, and each
    outside player a link to its page."""
    return _SITE_LINK.sub(rf"\g<1>{site_url}/", sanitize_html(as_links(body_html)))


def _add_media(handler, media: dict | None) -> None:
    if not media:
        return
    attrs = {"url": media["url"], "medium": "image", "type": media["type"]}
    attrs.update({k: str(media[k]) for k in ("width", "height", "fileSize") if media.get(k)})
    handler.startElement("media:content", attrs)
    if media.get("credit"):
        handler.addQuickElement("media:credit", media["credit"], {"role": "photographer"})
    if media.get("description"):
        handler.addQuickElement("media:description", media["description"], {"type": "plain"})
    handler.endElement("media:content")


class FullRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        _add_media(handler, item.get("media"))


class FullAtomFeed(Atom1Feed):
    def root_attributes(self) -> dict:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item) -> None:
        authors = item.get("authors") or []
        if authors:  # one <author> each, written below instead of the merged one
            item = {**item, "author_name": None}
        super().add_item_elements(handler, item)
        for author in authors:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            if author.get("uri"):
                handler.addQuickElement("uri", author["uri"])
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        _add_media(handler, item.get("media"))
