"""Plain-text wire copy in the layouts agencies and newsrooms send.

The first line is the headline. Under it, paragraphs are found block by block (a block is
what blank lines separate): a block whose lines end their sentences, or run long, is one
paragraph per line (the layout of copy pasted from a page or a word processor); a block of
short lines that break mid-sentence is hard-wrapped text and is one paragraph. A file with
no blank line at all is one paragraph per line.

What is not the story's text leaves the body wherever it stands: a byline ("By NAME", "By
NAME and NAME", "By NAME, Agency") on the first or last line; a dateline ("LISBON —",
"LISBON (Reuters) —", alone on its line or opening the first paragraph), which becomes the
story's dateline and, with an agency in brackets, a credit; and credit lines ("Reporting by
…; Editing by …", "Additional reporting by …", "Copyright …", "© …"), kept with the copy's
provenance.
"""

from __future__ import annotations

import hashlib
import re

from articles.wire.reading import IngestError, ParsedStory, Provenance, decode
from newsroom.html import text_to_html

_BYLINE = re.compile(r"^By\s+(?P<names>.+?)\s*$")
_NAME = re.compile(r"^[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|da|van|von|der|la|le|bin))*$")
_PLACE = r"(?P<place>[A-Z][A-Z .,'’-]{2,40}?)"
_AGENCY = r"\((?P<agency>[A-Z][\w.&’' -]{0,38})\)"
_DASH = r"[—–-]{1,2}"
# "WASHINGTON — ", "WASHINGTON (Reuters) — " opening the first paragraph.
_DATELINE = re.compile(rf"^{_PLACE}\s*(?:{_AGENCY})?\s*{_DASH}\s")
# A dateline on a line of its own: "WASHINGTON (AP) —".
_DATELINE_LINE = re.compile(rf"^{_PLACE}\s*(?:{_AGENCY})?\s*{_DASH}\s*$")
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting\s+by|with\s+reporting\s+(?:by|from)|"
    r"(?:writing|editing|edited|compiled|written)\s+by|copyright\b|©|\(c\)\s|"
    r"all\s+rights\s+reserved)",
    re.IGNORECASE,
)
# Characters that print nothing: a line made of them (and spaces) is a blank line.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# How a line that ends its sentence ends (closing quotes and brackets may follow).
_SENTENCE_END = re.compile(r"[.!?:;…]['\"’”)\]]*$")
# A line this long was never hard-wrapped.
_LONG_LINE = 110


def split_byline(text: str) -> list[str]:
    """["A", "B", "C"] from "A", "A and B", "A, B and C" (with or without "By ")."""
    text = re.sub(r"^By\s+", "", text.strip())
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)]
    return [n for n in names if n]


def byline_names(line: str) -> list[str] | None:
    """The names of a byline line, or None when the line is not a byline."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    names = split_byline(match.group("names"))
    if names and all(_NAME.match(n) and len(n.split()) <= 5 for n in names):
        return names
    return None


def is_credit_line(line: str) -> bool:
    line = line.strip()
    return len(line) <= 300 and bool(_CREDIT_LINE.match(line))


def _is_furniture(line: str) -> bool:
    """A line that is never part of a paragraph: a byline, a credit, a dateline of its own."""
    return (
        byline_names(line) is not None
        or is_credit_line(line)
        or bool(_DATELINE_LINE.match(line.strip()))
    )


def _block_paragraphs(lines: list[str]) -> list[str]:
    """The paragraphs of one block: one per line, or the lines joined (hard-wrapped)."""
    paragraphs: list[str] = []
    text_lines: list[str] = []

    def close_text() -> None:
        if not text_lines:
            return
        inner = text_lines[:-1]
        per_line = any(len(line) > _LONG_LINE for line in text_lines) or (
            sum(bool(_SENTENCE_END.search(line.rstrip())) for line in inner) * 2 >= len(inner)
        )
        paragraphs.extend(text_lines if per_line else [" ".join(text_lines)])
        text_lines.clear()

    for line in lines:
        if _is_furniture(line):
            close_text()
            paragraphs.append(line)
        else:
            text_lines.append(line)
    close_text()
    return paragraphs


def _take_dateline(paragraphs: list[str], byline: list[str], provenance: Provenance) -> str:
    """The dateline's place, taken out of the body; an agency in brackets is credited."""
    if not paragraphs:
        return ""
    match = _DATELINE_LINE.match(paragraphs[0]) or _DATELINE.match(paragraphs[0])
    if not match:
        return ""
    rest = paragraphs[0][match.end() :].strip()
    if rest:
        paragraphs[0] = rest
    else:
        paragraphs.pop(0)
    if agency := match.group("agency"):
        agency = " ".join(agency.split())
        if agency.lower() not in (name.lower() for name in byline):
            byline.append(agency)
        provenance.publisher = provenance.publisher or agency
    return match.group("place").strip(" ,")


def parse_text(raw: bytes, *, name: str = "") -> ParsedStory:
    """A plain-text wire story."""
    text = decode(raw).replace("\r\n", "\n").replace("\r", "\n")
    # A line of spaces or invisible characters is blank: leading ones are not the headline.
    lines = ["" if not _INVISIBLE.sub("", line).strip() else line for line in text.split("\n")]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", "\n".join(lines).strip()) if b.strip()]
    first_lines = blocks[0].split("\n") if blocks else [""]
    headline = " ".join(_INVISIBLE.sub("", first_lines[0]).split())
    if not headline:
        raise IngestError("no headline on the first line", "missing_headline")
    if len(headline) > 200:
        raise IngestError(
            "the first line is too long for a headline (over 200 characters): the file "
            "should start with the headline, then a blank line",
            "missing_headline",
        )
    body_blocks = [first_lines[1:]] + [block.split("\n") for block in blocks[1:]]
    paragraphs: list[str] = []
    for block in body_blocks:
        block = [line.strip() for line in block if line.strip()]
        if len(blocks) == 1:
            paragraphs += block  # no blank line anywhere: one paragraph per line
        else:
            paragraphs += _block_paragraphs(block)
    provenance = Provenance(credit_lines=[p for p in paragraphs if is_credit_line(p)])
    paragraphs = [p for p in paragraphs if not is_credit_line(p)]
    byline: list[str] = []
    for index in (-1, 0):
        if paragraphs and (names := byline_names(paragraphs[index])) is not None:
            byline = names
            paragraphs.pop(index)
            break
    paragraphs = [" ".join(p.split()) for p in paragraphs]
    located = _take_dateline(paragraphs, byline, provenance)
    if not paragraphs:
        raise IngestError("the story has a headline but no body", "missing_body")
    return ParsedStory(
        headline=headline,
        body_html=text_to_html("\n\n".join(paragraphs)),
        origin_hash=hashlib.sha256(raw).hexdigest(),
        origin_uri="",
        byline=byline,
        located=located,
        file_name=name,
        provenance=provenance,
    )
