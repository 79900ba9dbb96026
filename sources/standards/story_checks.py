"""Checks of the story itself: headline, byline, section, lead image, placeholders left in,
a dateline typed again at the head of the body."""

import re
from collections.abc import Iterator

from newsroom.html import html_to_text
from sources.standards.findings import BLOCKING, WARNING, Finding


def body_text(article) -> str:
    """The body as the checks read it: plain text, paragraphs separated by blank lines."""
    return html_to_text(article.body or "")


def check_headline(article) -> Iterator[Finding]:
    if not (article.headline or "").strip():
        yield Finding("headline_missing", BLOCKING, "headline", "Write a headline.")


def check_byline(article) -> Iterator[Finding]:
    if not article.author_links.exists():
        yield Finding(
            "byline_missing", BLOCKING, "authors", "Add at least one author to the byline."
        )


def check_section(article) -> Iterator[Finding]:
    if article.section_id is None:
        yield Finding("section_missing", BLOCKING, "section", "Choose a section for the story.")


def check_lead_image(article) -> Iterator[Finding]:
    image = article.lead_image
    if image is None:
        return
    if not image.alt_text.strip():
        yield Finding(
            "image_alt_missing",
            BLOCKING,
            "lead_image",
            "Describe the lead image in its alt text for readers who cannot see it.",
        )
    # A handout may honestly have no credit, so an editor can override this one with a reason.
    if not image.credit.strip():
        yield Finding(
            "image_credit_missing",
            WARNING,
            "lead_image",
            "Credit the lead image (photographer and agency, e.g. “Ana Ruiz/Newsroom”) "
            "in the image's credit field.",
        )


# Markers reporters leave for what is still to come ("to kum"): "[TK: figure]", "TKTK",
# "TK: name", "[[link]]", "XXX". Upper case only for TK and XXX, so "Atkins" and "xxx-large"
# pass; "Super Bowl XXX" is a numeral, not a gap.
_PLACEHOLDER = re.compile(
    r"\[\s*(?i:tk)|TKTK|(?<![A-Za-z])TK\s*:|\[\[|(?<![A-Za-z])XXX+(?![A-Za-z])"
)
_NUMERAL_BEFORE = re.compile(
    r"(?i)\b(?:bowl|olympiad|chapter|article|part|volume|vol\.|book|act|title|pope|king|"
    r"queen|louis|pius|leo|gregory|john|benedict)\s+$"
)
_PLACEHOLDER_FIELDS = (("headline", "headline"), ("dek", "dek"), ("body", "body"))


def _placeholders(text: str) -> list[re.Match]:
    return [
        match
        for match in _PLACEHOLDER.finditer(text)
        if not (match.group().startswith("X") and _NUMERAL_BEFORE.search(text[: match.start()]))
    ]


def _around(text: str, match: re.Match, width: int = 40) -> str:
    """The marker with the words around it, on one line, cut at word boundaries."""
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    if start > 0 and (space := text.find(" ", start, match.start())) != -1:
        start = space + 1
    if end < len(text) and (space := text.rfind(" ", match.end(), end)) != -1:
        end = space
    shown = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")


def check_placeholders(article) -> Iterator[Finding]:
    for name, label in _PLACEHOLDER_FIELDS:
        text = body_text(article) if name == "body" else getattr(article, name) or ""
        found = _placeholders(text)
        if not found:
            continue
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        yield Finding(
            "placeholder_left",
            BLOCKING,
            name,
            f"The {label} still has a placeholder: “{_around(text, found[0])}”{more}. Fill in "
            "what is missing or cut it before publishing.",
        )


# What may follow a dateline at the head of the body: a dash, a comma or colon, or an agency
# in parentheses before one ("PORT ELLIS (Reuters) —").
_AFTER_DATELINE = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[—–\-,:]")


def body_repeats_dateline(dateline: str, text: str) -> bool:
    """Whether the body's text starts with `dateline` (any case, any spacing) followed by a
    dash, comma or colon: "PORT ELLIS — The council…" under the dateline "Port Ellis"."""
    words = dateline.split()
    if not words:
        return False
    start = re.match(r"\s*" + r"\s+".join(re.escape(w) for w in words), text, re.IGNORECASE)
    return bool(start) and bool(_AFTER_DATELINE.match(text, start.end()))


def check_dateline(article) -> Iterator[Finding]:
    dateline = " ".join((article.dateline or "").split())
    if dateline and body_repeats_dateline(dateline, body_text(article)[: len(dateline) + 200]):
        yield Finding(
            "dateline_repeated",
            WARNING,
            "body",
            f"The body starts with the dateline “{dateline}”, which the page already prints "
            "from the dateline field: readers would see it twice. Cut it from the body.",
        )
