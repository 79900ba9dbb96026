"""A story body's HTML as the plain text the assistant reads, on the standard library alone.

The language package imports no Django app (docs/architecture.md), so it reads markup itself:
paragraph-like blocks end with a blank line, a line break is a new line, tags go, entities
are decoded and whatever a script or a style holds is dropped. Given sanitized body HTML it
gives the same text as `newsroom.html.html_to_text`, so spans and quotations agree with
what the standards checks read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Blocks whose end separates paragraphs; the story body's allow-list has no others.
_PARAGRAPH_ENDS = {"p", "h2", "h3", "h4", "li", "blockquote", "figcaption"}
# Elements whose content is not text for a reader (never in a sanitized body).
_DROPPED = {"script", "style"}
_LOOKS_LIKE_HTML = re.compile(r"(?i)<(p|br|h[2-4]|li|blockquote)\b")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.dropping += 1
        elif tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _PARAGRAPH_ENDS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of body HTML, paragraphs separated by blank lines."""
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    text = "".join(collector.parts).replace("\u00a0", " ")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def story_text(text: str) -> str:
    """Plain text the spans refer to: body HTML is converted, plain text kept as is."""
    if _LOOKS_LIKE_HTML.search(text or ""):
        return html_to_text(text)
    return text or ""
