"""Importing wire copy: plain-text stories and IPTC ninjs JSON files become draft stories.

Plain text: the first line is the headline, then a blank line, then paragraphs separated by
blank lines (lines inside a paragraph are joined). A file with no blank line at all has one
paragraph per line. A byline is the first line under the headline or the last line: "By
NAME", "By NAME and NAME", "By NAME, NAME and NAME" or "By NAME, Agency"; or an agency in
the dateline that opens the story ("WASHINGTON (Agency) — ..."). It leaves the body and
becomes the byline (an agency is credited after the names).

ninjs: an object with `headline`, `body_html` (or `body_text`), `byline`, `subject` or
`subjects`, `located`, `versioncreated`, `description_text`, `embargoed` and `uri` (or
`guid`). `embargoed` (an ISO 8601 time; without an offset, newsroom time) becomes the
story's embargo; one that cannot be read refuses the file rather than drop the embargo.

ninjs `headline`, `description_text` and `located` are plain text: markup in them is
stripped and HTML entities are unescaped. A plain-text file's headline with markup in it is
refused with one line saying so (the file is plain text: markup there is a mistake).

Files are UTF-8 (with or without a byte-order mark) or UTF-16 with its byte-order mark.

Importing never publishes. The same copy imported twice is "unchanged" (the file's hash). A
ninjs item whose `uri` is already a story here updates it in place only while that story is
a draft nobody has touched since it was imported (never published, no edits since the
import); otherwise the import is "skipped" and the newsroom's copy is left as it is.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from articles import workflow
from articles.models import Article, ArticleAuthor, ArticleState
from articles.sourcing import answers
from articles.workflow.revisions import versions_of
from authors.models import Author
from newsroom.html import sanitize_html, text_to_html
from newsroom.validators import TAG

SUPPORTED_SUFFIXES = (".txt", ".json")
_BYLINE = re.compile(r"^By\s+(?P<names>.+?)\s*$")
_NAME = re.compile(r"^[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|da|van|von|der|la|le|bin))*$")
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .,'’-]{2,40}?)\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s")
# "WASHINGTON (Reuters) — ": the agency in brackets is a credit, not part of the story.
_DATELINE_AGENCY = re.compile(
    r"^(?P<place>[A-Z][A-Z .,'’-]{2,40}?)\s*\((?P<agency>[A-Z][\w.&’' -]{0,38})\)\s*(?=[—–-]{1,2}\s)"
)
# Characters that print nothing: a line made of them (and spaces) is a blank line.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BREAKING_TAGS = {"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
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


@dataclass
class ImportResult:
    status: str  # "imported", "updated", "unchanged", "skipped"
    article: Article | None
    proposals: int = 0
    dry_run: bool = False
    reason: str = ""  # why a "skipped" import left the story alone


# --- Parsing --------------------------------------------------------------------------------


def _decode(raw: bytes) -> str:
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


def split_byline(text: str) -> list[str]:
    """["A", "B", "C"] from "A", "A and B", "A, B and C" (with or without "By ")."""
    text = re.sub(r"^By\s+", "", text.strip())
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)]
    return [n for n in names if n]


def _byline_names(line: str) -> list[str] | None:
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    names = split_byline(match.group("names"))
    if names and all(_NAME.match(n) and len(n.split()) <= 5 for n in names):
        return names
    return None


def _split_byline_lines(paragraphs: list[str]) -> list[str]:
    """A byline line glued to the first or last paragraph (no blank line between) is a
    paragraph of its own, so it can be recognised."""
    if paragraphs:
        lines = paragraphs[-1].split("\n")
        if len(lines) > 1 and _byline_names(lines[-1]) is not None:
            paragraphs = paragraphs[:-1] + ["\n".join(lines[:-1]), lines[-1]]
        lines = paragraphs[0].split("\n")
        if len(lines) > 1 and _byline_names(lines[0]) is not None:
            paragraphs = [lines[0], "\n".join(lines[1:])] + paragraphs[1:]
    return paragraphs


def _dateline(first_paragraph: str) -> str:
    match = _DATELINE.match(first_paragraph)
    return match.group("place").strip(" ,") if match else ""


def parse_text(raw: bytes, *, name: str = "") -> ParsedStory:
    """A plain-text wire story."""
    text = _decode(raw).replace("\r\n", "\n").replace("\r", "\n")
    # A line of spaces or invisible characters is blank: leading ones are not the headline.
    lines = ["" if not _INVISIBLE.sub("", line).strip() else line for line in text.split("\n")]
    text = "\n".join(lines)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    first_lines = blocks[0].split("\n") if blocks else [""]
    headline = " ".join(_INVISIBLE.sub("", first_lines[0]).split())
    # A headline block may only be the headline: anything under it is the first paragraph.
    paragraphs = ["\n".join(first_lines[1:])] if len(first_lines) > 1 else []
    paragraphs = [p for p in paragraphs + blocks[1:] if p.strip()]
    if not headline:
        raise IngestError("no headline on the first line", "missing_headline")
    if len(headline) > 200:
        raise IngestError(
            "the first line is too long for a headline (over 200 characters): the file "
            "should start with the headline, then a blank line",
            "missing_headline",
        )
    if len(blocks) == 1 and len(paragraphs) == 1:
        # No blank line anywhere: one paragraph per line (lines are not hard-wrapped).
        paragraphs = [line for line in paragraphs[0].split("\n") if line.strip()]
    paragraphs = _split_byline_lines(paragraphs)
    byline: list[str] = []
    for index in (-1, 0):
        if paragraphs and (names := _byline_names(paragraphs[index])) is not None:
            byline = names
            paragraphs.pop(index)
            break
    if not paragraphs:
        raise IngestError("the story has a headline but no body", "missing_body")
    paragraphs = [" ".join(p.split()) for p in paragraphs]
    if match := _DATELINE_AGENCY.match(paragraphs[0]):
        agency = " ".join(match.group("agency").split())
        paragraphs[0] = match.group("place").rstrip() + " " + paragraphs[0][match.end() :].lstrip()
        if agency.lower() not in (name.lower() for name in byline):
            byline.append(agency)
    return ParsedStory(
        headline=headline,
        body_html=text_to_html("\n\n".join(paragraphs)),
        origin_hash=hashlib.sha256(raw).hexdigest(),
        origin_uri="",
        byline=byline,
        located=_dateline(paragraphs[0]),
        file_name=name,
    )


def _subject_names(item: dict) -> list[str]:
    subjects = item.get("subject") or item.get("subjects") or []
    if not isinstance(subjects, list):
        raise IngestError("`subject` should be a list", "invalid_ninjs")
    names = []
    for subject in subjects:
        value = subject.get("name") if isinstance(subject, dict) else subject
        if isinstance(value, str) and value.strip():
            names.append(" ".join(value.split())[:100])
    return names


def plain_text(value: str) -> str:
    """A ninjs plain-text field as readers should see it: tags dropped (line-breaking ones
    become spaces), entities unescaped ("&amp;" is "&"), whitespace collapsed."""

    def drop(match: re.Match) -> str:
        return " " if match.group(1).lower() in _BREAKING_TAGS else ""

    # Twice: "&lt;b&gt;" is markup once unescaped.
    for _round in range(2):
        value = html.unescape(TAG.sub(drop, value))
    return " ".join(value.split())


def parse_ninjs(raw: bytes, *, name: str = "") -> ParsedStory:
    """An IPTC ninjs (JSON) item."""
    text = _decode(raw)
    try:
        item = json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(
            f"broken JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            "invalid_json",
        ) from error
    if not isinstance(item, dict):
        raise IngestError("a ninjs file holds one JSON object", "invalid_ninjs")
    headline = item.get("headline")
    headline = plain_text(headline) if isinstance(headline, str) else ""
    if not headline:
        raise IngestError("no `headline` in the ninjs item", "missing_headline")
    body = item.get("body_html")
    if isinstance(body, str) and body.strip():
        body_html = sanitize_html(body)
    elif isinstance(item.get("body_text"), str) and item["body_text"].strip():
        body_html = text_to_html(item["body_text"])
    else:
        raise IngestError("no `body_html` or `body_text` in the ninjs item", "missing_body")
    byline = item.get("byline") or ""
    if isinstance(byline, list):
        byline = ", ".join(b.get("name", "") if isinstance(b, dict) else str(b) for b in byline)
    created = item.get("versioncreated")
    embargoed = _embargo(item.get("embargoed"))
    return ParsedStory(
        headline=headline[:200],
        body_html=body_html,
        origin_hash=hashlib.sha256(raw).hexdigest(),
        origin_uri=str(item.get("uri") or item.get("guid") or "")[:500],
        byline=split_byline(byline) if isinstance(byline, str) else [],
        subjects=_subject_names(item),
        dek=plain_text(str(item.get("description_text") or ""))[:600],
        located=plain_text(str(item.get("located") or ""))[:100],
        versioncreated=parse_datetime(created) if isinstance(created, str) else None,
        embargoed=embargoed,
        file_name=name,
    )


def _embargo(value) -> datetime | None:
    """ninjs `embargoed` as an aware time; an unreadable one is an error, never dropped."""
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise IngestError(
            f"`embargoed` is not a date and time: {str(value)[:60]!r} "
            "(use ISO 8601, e.g. 2026-12-01T06:00:00-05:00)",
            "invalid_embargo",
        )
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def parse_file(path: Path) -> ParsedStory:
    """A story from a .txt or .json file; IngestError says what is wrong with it."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(
            f"unsupported file type {path.suffix or '(none)'}: use .txt or .json", "unsupported"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise IngestError(f"cannot read the file: {error.strerror}", "unreadable") from error
    if path.suffix.lower() == ".json":
        return parse_ninjs(raw, name=path.name)
    return parse_text(raw, name=path.name)


# --- Saving ---------------------------------------------------------------------------------


def _unique_slug(model, base: str, field_name: str = "slug", max_length: int = 200) -> str:
    base = (slugify(base)[: max_length - 10].strip("-")) or "story"
    slug, number = base, 2
    while model.objects.filter(**{field_name: slug}).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _author(name: str) -> Author:
    found = Author.objects.filter(name__iexact=name).order_by("-is_active", "pk").first()
    if found:
        return found
    return Author.objects.create(name=name, slug=_unique_slug(Author, name, max_length=140))


def _fill(article: Article, parsed: ParsedStory) -> None:
    article.headline = parsed.headline
    article.dek = parsed.dek
    article.body = parsed.body_html
    article.dateline = parsed.located
    article.embargo_until = parsed.embargoed
    article.origin_hash = parsed.origin_hash
    article.origin_uri = parsed.origin_uri or parsed.file_name


# The plain-text fields a refusal quotes back, by where the parsed story keeps them.
_QUOTED_FIELDS = {"headline": "headline", "dek": "dek", "dateline": "located"}


def _invalid(error: ValidationError, parsed: ParsedStory) -> IngestError:
    """One line naming each field the model refused and why, e.g. the markup in a headline."""
    if not hasattr(error, "error_dict"):
        return IngestError(" ".join(error.messages), error.code or "invalid")
    problems, codes = [], []
    for field_name, errors in error.error_dict.items():
        value = getattr(parsed, _QUOTED_FIELDS.get(field_name, ""), "")
        shown = f" “{value}”" if value else ""
        label = field_name.replace("_", " ")
        for item in errors:
            codes.append(item.code or "invalid")
            problems.append(f"the {label}{shown} was refused: {' '.join(item.messages)}")
    return IngestError("; ".join(problems), codes[0] if codes else "invalid")


def _untouched_since_import(article: Article) -> bool:
    """A draft never published whose working copy is still the imported one: the newest
    revision is the import and nothing (headline, dek, body, dateline) has changed since."""

    if (
        article.state != ArticleState.DRAFT
        or article.has_unpublished_changes
        or article.first_published_at is not None
    ):
        return False
    latest = versions_of(article).first()
    if latest is None or not latest.revision.comment.startswith("Imported from"):
        return False
    meta = getattr(latest.revision, "article_meta", None)
    if meta is None or meta.version != article.version:
        return False
    saved = latest.field_dict
    return all(
        saved.get(name, "") == getattr(article, name)
        for name in ("headline", "dek", "body", "dateline")
    )


def _skip_reason(existing: Article) -> str:
    if existing.state == ArticleState.DRAFT or existing.has_unpublished_changes:
        return "the story has been edited in the newsroom since import"
    return (
        f"the story is no longer a draft ({existing.get_state_display().lower()}): "
        "the newsroom's copy is kept"
    )


def import_story(parsed: ParsedStory, *, section=None, user=None, dry_run: bool = False):
    """Save a parsed story as a draft, with its byline, tags and proposed attributions, in
    one transaction. With `dry_run` everything is done and then rolled back.

    Raises IngestError when the story cannot be saved (e.g. markup in its headline); a
    story already here that the newsroom has touched is "skipped", never overwritten."""

    with transaction.atomic():
        if Article.objects.filter(origin_hash=parsed.origin_hash).exists():
            article = Article.objects.filter(origin_hash=parsed.origin_hash).first()
            return ImportResult("unchanged", article, dry_run=dry_run)
        existing = None
        if parsed.origin_uri:
            existing = (
                Article.objects.select_for_update().filter(origin_uri=parsed.origin_uri).first()
            )
        if existing is not None and not _untouched_since_import(existing):
            return ImportResult("skipped", existing, dry_run=dry_run, reason=_skip_reason(existing))
        article = existing or Article(created_by=user, section=section)
        _fill(article, parsed)
        if existing is None:
            article.slug = _unique_slug(Article, parsed.headline)
        try:
            article.full_clean(exclude=["slug"] if existing else None)
        except ValidationError as error:
            raise _invalid(error, parsed) from error

        def save_byline_and_tags(saved: Article) -> None:
            saved.author_links.all().delete()
            for position, name in enumerate(parsed.byline):
                ArticleAuthor.objects.create(article=saved, author=_author(name), position=position)
            saved.tags.set(parsed.subjects)

        workflow.save_import(
            article,
            user=user,
            comment=f"Imported from {parsed.file_name or 'wire copy'}",
            save_parts=save_byline_and_tags,
        )
        proposals = answers().refresh_proposals(article)
        if dry_run:
            transaction.set_rollback(True)
        status = "updated" if existing else "imported"
        return ImportResult(status, article, proposals, dry_run=dry_run)
