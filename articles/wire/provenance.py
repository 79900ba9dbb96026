"""Where wire copy came from, and how much of a story is still that copy.

`read_meta(path)` reads the `.meta.json` beside a text file (`publisher`, `url`, `licence`
or `license`, `date`, `id`, `version`); `from_ninjs(item)` reads the same from a ninjs item
(`copyrightholder`, `usageterms`, `copyrightnotice`, `infosource`, `uri`, `version`).

`lineage(wire_text, body_html)` compares a story's body with the copy it was imported from,
paragraph by paragraph: each paragraph of the body is "wire" (unchanged), "edited" (edited
from wire copy) or "staff" (the newsroom's own), and `wire_share` is the share of the body's
words still in runs of the wire copy's words. Nothing is stored per paragraph: the lineage
is worked out again from the imported text whenever it is asked, so it follows every edit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist

from articles.wire.reading import IngestError, Provenance, decode
from newsroom.html import paragraphs

META_SUFFIX = ".meta.json"
MAX_META_BYTES = 64 * 1024
MAX_WORDS = 50_000
# Runs of this many words in the same order are the same copy: short enough that a changed
# word leaves its neighbours wire copy, long enough that common phrases ("said on Monday
# that the") are not taken for it.
SHINGLE = 5
# A paragraph with at least this share of its words in wire runs is wire copy (unchanged or
# a typo fixed); at least EDITED is edited from it; below that it is the newsroom's own.
UNCHANGED = 0.9
EDITED = 0.5
_PUNCTUATION = ".,;:!?\"'“”‘’()[]—–-"

_LIMITS = {"publisher": 200, "url": 500, "licence": 300, "agency_id": 300, "agency_version": 50}


def meta_path(text_path: Path) -> Path:
    """`story.meta.json` for `story.txt`."""
    return text_path.with_name(text_path.stem + META_SUFFIX)


def is_meta_file(path: Path) -> bool:
    return path.name.lower().endswith(META_SUFFIX)


def _clean(value, limit: int) -> str:
    return " ".join(str(value).split())[:limit] if isinstance(value, str | int) else ""


def _date(value) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _provenance(publisher, url, licence, day, agency_id, version) -> Provenance:
    url = _clean(url, _LIMITS["url"])
    return Provenance(
        publisher=_clean(publisher, _LIMITS["publisher"]),
        url=url if url.startswith(("http://", "https://")) else "",
        licence=_clean(licence, _LIMITS["licence"]),
        published_on=_date(day),
        agency_id=_clean(agency_id, _LIMITS["agency_id"]),
        agency_version=_clean(version, _LIMITS["agency_version"]),
    )


def read_meta(text_path: Path) -> Provenance | None:
    """The provenance in the `.meta.json` beside `text_path`, None when there is none.

    A broken one refuses the story (IngestError): copy whose origin cannot be read must not
    be imported as if it had none."""
    path = meta_path(Path(text_path))
    if not path.is_file():
        return None
    name = path.name
    raw = path.read_bytes()
    if len(raw) > MAX_META_BYTES:
        raise IngestError(f"{name} is over {MAX_META_BYTES // 1024} KB", "invalid_meta")
    try:
        meta = json.loads(decode(raw))
    except json.JSONDecodeError as error:
        raise IngestError(
            f"{name} is broken JSON ({error.msg} at line {error.lineno}); fix it so the "
            "story keeps where it came from",
            "invalid_meta",
        ) from error
    if not isinstance(meta, dict):
        raise IngestError(f"{name} should hold one JSON object", "invalid_meta")
    return _provenance(
        meta.get("publisher") or meta.get("source"),
        meta.get("url"),
        meta.get("licence") or meta.get("license"),
        meta.get("date"),
        meta.get("id"),
        meta.get("version"),
    )


def from_ninjs(item: dict) -> Provenance:
    """Provenance from a ninjs item's rights and source fields."""
    sources = item.get("infosource") or item.get("infosources") or []
    sources = [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
    # A partner's export of copy it took from a wire names that wire as the originating source;
    # the partner itself is then only the copyright holder of its edit.
    originating = next((s.get("name") for s in sources if s.get("role") == "originating"), None)
    source_name = sources[0].get("name") if sources else None
    links = item.get("links") if isinstance(item.get("links"), list) else []
    canonical = next(
        (
            link.get("href")
            for link in links
            if isinstance(link, dict) and link.get("rel") == "canonical"
        ),
        None,
    )
    uri = item.get("uri") or item.get("guid") or ""
    altids = item.get("altids") if isinstance(item.get("altids"), dict) else {}
    if originating:
        source_uri = next(
            (s.get("uri") for s in sources if s.get("role") == "originating" and s.get("uri")),
            None,
        )
        return _provenance(
            originating,
            source_uri or "",
            item.get("usageterms") or item.get("copyrightnotice"),
            item.get("firstcreated") or item.get("versioncreated"),
            altids.get("originating") or uri,
            altids.get("originating_version") or item.get("version"),
        )
    return _provenance(
        item.get("copyrightholder") or source_name,
        canonical or uri,
        item.get("usageterms") or item.get("copyrightnotice"),
        item.get("firstcreated") or item.get("versioncreated"),
        uri,
        item.get("version"),
    )


@dataclass
class Lineage:
    """Each body paragraph with where it came from, and the share of words still wire copy."""

    paragraphs: list[tuple[str, str]]  # (text, "wire" | "edited" | "staff")
    wire_share: float

    def counts(self) -> dict[str, int]:
        found = {"wire": 0, "edited": 0, "staff": 0}
        for _text, kind in self.paragraphs:
            found[kind] += 1
        return found


def _words(text: str) -> list[str]:
    return [w.strip(_PUNCTUATION).lower() for w in text.split()][:MAX_WORDS]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _covered(words: list[str], wire: set[tuple[str, ...]]) -> int:
    """How many of `words` lie in a run of SHINGLE words that the wire copy has too."""
    covered = [False] * len(words)
    for i in range(len(words) - SHINGLE + 1):
        if tuple(words[i : i + SHINGLE]) in wire:
            covered[i : i + SHINGLE] = [True] * SHINGLE
    return sum(covered)


def lineage(wire_text: str, body_html: str) -> Lineage:
    """How much of `body_html` is still the wire copy `wire_text` (paragraphs: blank lines).

    A word is wire copy when it lies in a run of SHINGLE words the wire copy has in the same
    order; linear in the two texts' length whatever they hold."""
    wire_paragraphs = [p for p in wire_text.split("\n\n") if p.strip()]
    wire_words = _words(" ".join(wire_paragraphs))
    wire = _shingles(wire_words)
    short_wire = {tuple(_words(p)) for p in wire_paragraphs}
    labelled, total, kept = [], 0, 0
    for paragraph in paragraphs(body_html):
        words = _words(paragraph)
        if len(words) < SHINGLE:
            share = 1.0 if tuple(words) in short_wire else 0.0
            count = len(words) if share else 0
        else:
            count = _covered(words, wire)
            share = count / len(words)
        kind = "wire" if share >= UNCHANGED else "edited" if share >= EDITED else "staff"
        labelled.append((" ".join(paragraph.split()), kind))
        total, kept = total + len(words), kept + count
    return Lineage(labelled, kept / total if total else 0.0)


def public_provenance(article) -> dict:
    """What a reader and a partner may know of where `article`'s copy came from ({} for the
    newsroom's own copy): kept on the public snapshot, exported in ninjs."""
    try:
        origin = article.wire_origin
    except ObjectDoesNotExist:
        return {}
    return {
        "publisher": origin.publisher,
        "url": origin.url,
        "licence": origin.licence,
        "published_on": origin.published_on.isoformat() if origin.published_on else "",
        "agency_id": origin.agency_id,
        "agency_version": origin.agency_version,
        "credit_lines": [line for line in origin.credit_lines.splitlines() if line.strip()],
    }
