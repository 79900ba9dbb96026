"""Importing wire copy: plain-text stories and IPTC ninjs JSON files become draft stories.

Plain text is read by `articles.wire.plain_text` (paragraphs found block by block; byline,
dateline and credit lines taken out of the body wherever they stand). A `.meta.json` beside
a text file says where the copy came from (`articles.wire.provenance`); so do a ninjs item's
rights fields and an agency in a dateline.

ninjs: an object with `headline`, `body_html` (or `body_text`), `byline`, `subject` or
`subjects`, `located`, `versioncreated`, `description_text`, `embargoed` and `uri` (or
`guid`). `embargoed` (an ISO 8601 time; without an offset, newsroom time) becomes the
story's embargo; one that cannot be read refuses the file rather than drop the embargo.

ninjs `headline`, `description_text` and `located` are plain text: markup in them is
stripped and HTML entities are unescaped. A plain-text file's headline with markup in it is
refused with one line saying so (the file is plain text: markup there is a mistake).

Files are UTF-8 (with or without a byte-order mark) or UTF-16 with its byte-order mark.

Where the copy came from is kept with the story (`StoryOrigin`, with the text as it
arrived). Copy with a publisher and no byline of its own is filed under the publisher's
byline ("By Voice of America": the copy used as is), and the publisher is credited as a
"reported by another outlet" attribution, so that a staff byline put on it later still
leaves the credit, and the standards gate can tell how much of the text is still theirs.

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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from articles import workflow
from articles.models import Article, ArticleAuthor, ArticleState, StoryOrigin
from articles.sourcing import answers
from articles.wire import provenance as origin
from articles.wire.plain_text import parse_text, split_byline
from articles.wire.reading import IngestError, ParsedStory, decode
from articles.workflow.revisions import versions_of
from authors.models import Author, AuthorKind
from newsroom.html import html_to_text, sanitize_html, text_to_html
from newsroom.validators import TAG

SUPPORTED_SUFFIXES = (".txt", ".json")
_BREAKING_TAGS = {"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class ImportResult:
    status: str  # "imported", "updated", "unchanged", "skipped"
    article: Article | None
    proposals: int = 0
    dry_run: bool = False
    reason: str = ""  # why a "skipped" import left the story alone


# --- Parsing --------------------------------------------------------------------------------


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
    text = decode(raw)
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
        provenance=origin.from_ninjs(item),
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
    if origin.is_meta_file(path):
        raise IngestError(
            "this is the provenance of a text file (.meta.json), not a story: import the "
            ".txt beside it",
            "unsupported",
        )
    if path.suffix.lower() == ".json":
        return parse_ninjs(raw, name=path.name)
    story = parse_text(raw, name=path.name)
    if (meta := origin.read_meta(path)) is not None:
        meta.credit_lines = story.provenance.credit_lines
        meta.publisher = meta.publisher or story.provenance.publisher
        story.provenance = meta
    return story


# --- Saving ---------------------------------------------------------------------------------


def _unique_slug(model, base: str, field_name: str = "slug", max_length: int = 200) -> str:
    base = (slugify(base)[: max_length - 10].strip("-")) or "story"
    slug, number = base, 2
    while model.objects.filter(**{field_name: slug}).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _author(name: str, *, publisher: str) -> Author:
    """The byline's author called `name`, made if missing: copy from a publisher is the
    publisher's (an agency byline, its writers with the publisher as their outlet)."""
    name = name[:120]
    found = Author.objects.filter(name__iexact=name).order_by("-is_active", "pk").first()
    if found:
        return found
    return Author.objects.create(
        name=name,
        kind=AuthorKind.AGENCY if publisher else AuthorKind.STAFF,
        outlet="" if name.lower() == publisher.lower() else publisher[:120],
        slug=_unique_slug(Author, name, max_length=140),
    )


def _fill(article: Article, parsed: ParsedStory) -> None:
    article.headline = parsed.headline
    article.dek = parsed.dek
    article.body = parsed.body_html
    article.dateline = parsed.located
    article.embargo_until = parsed.embargoed
    article.origin_hash = parsed.origin_hash
    article.origin_uri = parsed.origin_uri or parsed.file_name


def _keep_origin(article: Article, parsed: ParsedStory) -> None:
    """Where the copy came from, the text as it arrived, and the publisher's credit."""
    source = parsed.provenance
    StoryOrigin.objects.update_or_create(
        article=article,
        defaults={
            "publisher": source.publisher,
            "url": source.url,
            "licence": source.licence,
            "published_on": source.published_on,
            "agency_id": source.agency_id,
            "agency_version": source.agency_version,
            "credit_lines": "\n".join(source.credit_lines),
            "file_name": parsed.file_name[:255],
            "wire_text": html_to_text(parsed.body_html),
        },
    )
    if source.publisher:
        answers().credit_publisher(article, publisher=source.publisher)


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

        source = parsed.provenance
        byline = parsed.byline or ([source.publisher] if source.publisher else [])

        def save_byline_and_tags(saved: Article) -> None:
            saved.author_links.all().delete()
            for position, name in enumerate(byline):
                author = _author(name, publisher=source.publisher)
                ArticleAuthor.objects.create(article=saved, author=author, position=position)
            saved.tags.set(parsed.subjects)
            _keep_origin(saved, parsed)

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
