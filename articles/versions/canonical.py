"""The canonical text of a published version, its hash, and the statement that is signed.

The canonical text is what is hashed, and anyone can rebuild it (docs/signed-versions.md):

- the headline, then the dek (if any), then each paragraph of the body, one per line (the
  headline and the dek are one line each, whatever line breaks they had);
- in each line, Unicode NFC; typographic quotes as straight ones (readers see “curled”
  quotes, the reporter typed straight ones); every run of white space (tabs, no-break
  spaces, line breaks inside a paragraph) as one space; no space at either end;
- empty lines left out; each line ends with a line feed; UTF-8.

Because every non-empty line is a paragraph, a text pasted with blank lines between its
paragraphs, or none, or with Windows line ends, gives the same canonical text.
"""

import hashlib
import html
import re
import unicodedata
from datetime import UTC, datetime

FORMAT = "newsroom-signed-version/1"

_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}
)
_SPACE = re.compile(r"\s+")


def normalise_line(line: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", line).translate(_QUOTES)).strip()


def canonical_lines(text: str) -> list[str]:
    """The non-empty, normalised lines of `text` (a pasted story, or a canonical text)."""
    lines = (normalise_line(line) for line in (text or "").splitlines())
    return [line for line in lines if line]


def canonical_text(text: str) -> str:
    return joined(canonical_lines(text))


def story_lines(*, headline: str, dek: str, body_text: str) -> list[str]:
    """The canonical lines of a snapshot's words: headline, dek if any, paragraphs.
    `body_text` is the snapshot's plain text of its sanitized body, in which the HTML-to-text
    step may leave entities (`&#x27;`)."""
    top = [normalise_line(headline or ""), normalise_line(dek or "")]
    return [line for line in top if line] + canonical_lines(html.unescape(body_text or ""))


def joined(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_stamp(moment: datetime) -> str:
    """A time as the statement writes it: UTC, to the second, with a Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def statement(
    *, site: str, url_path: str, story_id: int, number: int, published_at: datetime, digest: str
) -> str:
    """The exact text that is signed: which story, which version, when, and the text's hash."""
    return (
        f"{FORMAT}\n"
        f"site: {site}\n"
        f"story: {story_id}\n"
        f"address: {site}{url_path}\n"
        f"version: {number}\n"
        f"published: {utc_stamp(published_at)}\n"
        f"sha256: {digest}\n"
    )


def digest_in(statement_text: str) -> str:
    """The sha256 line of a statement ("" if it has none)."""
    found = re.search(r"^sha256: ([0-9a-f]{64})$", statement_text, re.MULTILINE)
    return found.group(1) if found else ""
