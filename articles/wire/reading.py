"""What every wire reader shares: a story read from a file, where it came from, its errors.

`ParsedStory` is a story read from a file and not yet saved; `Provenance` is where its copy
came from (publisher, address, licence, date, the agency's id and version, credit lines).
`decode` turns a file's bytes into text, refusing what is not text with one line saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# Byte-order marks, longest first (a UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class IngestError(Exception):
    """A file that cannot become a story; `code` says why (tests and callers match on it)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Provenance:
    """Where a piece of copy came from, as the file (or the file beside it) says."""

    publisher: str = ""
    url: str = ""
    licence: str = ""
    published_on: date | None = None
    agency_id: str = ""
    agency_version: str = ""
    credit_lines: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.publisher or self.url or self.licence or self.agency_id)


@dataclass
class ParsedStory:
    """A story read from a file, not yet saved."""

    headline: str
    body_html: str
    origin_hash: str
    origin_uri: str = ""
    byline: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    dek: str = ""
    located: str = ""
    versioncreated: datetime | None = None
    embargoed: datetime | None = None
    file_name: str = ""
    provenance: Provenance = field(default_factory=Provenance)


def decode(raw: bytes) -> str:
    """A file's text: UTF-8 (with or without a byte-order mark), or UTF-16/32 with one."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise IngestError(
                    f"the file says it is {encoding.upper().replace('-SIG', '')} text but is "
                    f"not (undecodable byte at position {error.start}); save it as UTF-8 and "
                    "import it again",
                    "encoding",
                ) from error
            text = text.lstrip("\ufeff")
            if not text.strip():
                raise IngestError("the file is empty", "empty")
            if "\x00" in text:
                raise IngestError("this looks like a binary file, not text", "binary")
            return text
    if not raw.strip():
        raise IngestError("the file is empty", "empty")
    head = raw[:4096]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20:
        raise IngestError("this looks like a binary file, not text", "binary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"not UTF-8 text (undecodable byte at position {error.start}); "
            "save the file as UTF-8 and import it again",
            "encoding",
        ) from error
