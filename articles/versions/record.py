"""Recording a published version, from the publish path (`articles.workflow.snapshot`).

`prepare` runs while the snapshot is being written, before its markup is rendered: it
forgets versions readers never saw (a scheduled copy replaced or cancelled), compares the new
words with the last version readers saw, and sets what the page shows: `updated_at` (a typo
fix or an unchanged text keeps the old one, so `dateModified`, the feeds and the sitemaps do
not move) and `changes` (the "Updated" list). `save` then writes the signed version. A
publish that changes neither the words nor the corrections (a new picture, tags) records no
version.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from articles.models import PublishedArticle, StoryVersion
from articles.versions import canonical, signing
from articles.versions.classify import FIRST, SAME, UPDATE, Classified, Words, classify


@dataclass
class Pending:
    """A version decided but not saved yet (the snapshot is saved first)."""

    number: int
    classified: Classified
    lines: list[str]
    published_at: datetime


def words_of(version: StoryVersion) -> Words:
    lines = canonical.canonical_lines(version.text)
    return Words(headline=version.headline, dek=version.dek, body=lines[1 + bool(version.dek) :])


def _words(lines: list[str], dek: str) -> Words:
    return Words(headline=lines[0], dek=dek, body=lines[1 + bool(dek) :])


def forget_unseen(article, *, now: datetime) -> None:
    """Drop versions readers never saw (their go-live has not come): a scheduled copy that is
    replaced, moved or cancelled. Called by every path that replaces or deletes one."""
    StoryVersion.objects.filter(article=article, published_at__gt=now).delete()


def announced_changes(article, *, until: int | None = None) -> list[dict]:
    """The "Updated" list of a story: its announced updates, oldest first."""
    versions = StoryVersion.objects.filter(article=article, kind=UPDATE).order_by("number")
    if until is not None:
        versions = versions.filter(number__lte=until)
    return [_entry(v.number, v.published_at, v.changes) for v in versions]


def _entry(number: int, at: datetime, what: list[str]) -> dict:
    return {"version": number, "at": at.isoformat(), "what": list(what)}


def prepare(
    snapshot: PublishedArticle, *, previous_updated_at: datetime | None, now: datetime
) -> Pending | None:
    """Decide the version `snapshot` (filled, not saved) makes, and set its `updated_at` and
    `changes`. Returns None when it makes none (same words, no new correction)."""
    article = snapshot.article
    forget_unseen(article, now=now)
    last = StoryVersion.objects.filter(article=article).order_by("-number").first()
    dek = canonical.normalise_line(snapshot.dek)
    lines = canonical.story_lines(
        headline=snapshot.headline, dek=snapshot.dek, body_text=snapshot.body_text
    )
    corrections = len(snapshot.corrections or [])
    classified = classify(
        words_of(last) if last else None,
        _words(lines, dek),
        corrections_added=max(0, corrections - last.corrections) if last else 0,
    )
    published_at = snapshot.published_at if snapshot.published_at > now else now
    pending = Pending(
        number=last.number + 1 if last else 1,
        classified=classified,
        lines=lines,
        published_at=published_at,
    )
    changes = announced_changes(article)
    if classified.kind == UPDATE:
        changes.append(_entry(pending.number, published_at, classified.changes))
    elif classified.kind != FIRST and previous_updated_at is not None:
        snapshot.updated_at = previous_updated_at
    snapshot.changes = changes
    return None if classified.kind == SAME else pending


def save(
    pending: Pending | None, snapshot: PublishedArticle, *, now: datetime
) -> StoryVersion | None:
    """Write the signed version `prepare` decided (after the snapshot is saved)."""
    if pending is None:
        return None
    return sign_and_save(
        article=snapshot.article,
        number=pending.number,
        kind=pending.classified.kind,
        changes=pending.classified.changes,
        lines=pending.lines,
        headline=canonical.normalise_line(snapshot.headline),
        dek=canonical.normalise_line(snapshot.dek),
        corrections=len(snapshot.corrections or []),
        published_at=pending.published_at,
        url_path=snapshot.url_path,
        now=now,
    )


def sign_and_save(
    *,
    article,
    number: int,
    kind: str,
    changes: list[str],
    lines: list[str],
    headline: str,
    dek: str,
    corrections: int,
    published_at: datetime,
    url_path: str,
    now: datetime,
) -> StoryVersion:
    signer = signing.current_signer()
    key = signing.signing_key_record(signer, now=now)
    text = canonical.joined(lines)
    digest = canonical.sha256(text)
    statement = canonical.statement(
        site=settings.SITE_URL,
        url_path=url_path,
        story_id=article.pk,
        number=number,
        published_at=published_at,
        digest=digest,
    )
    return StoryVersion.objects.create(
        article=article,
        number=number,
        kind=kind,
        changes=changes,
        corrections=corrections,
        published_at=published_at,
        url_path=url_path,
        headline=headline,
        dek=dek,
        text=text,
        sha256=digest,
        statement=statement,
        signature=signer.sign(statement),
        key=key,
    )


def retime_unseen(snapshot: PublishedArticle, *, now: datetime) -> None:
    """A scheduled copy held for an embargo: its unseen version moves to the new go-live (and
    is signed again, since its statement names the time)."""
    unseen = StoryVersion.objects.filter(article=snapshot.article, published_at__gt=now).first()
    if unseen is None:
        return
    unseen.delete()
    sign_and_save(
        article=snapshot.article,
        number=unseen.number,
        kind=unseen.kind,
        changes=unseen.changes,
        lines=canonical.canonical_lines(unseen.text),
        headline=unseen.headline,
        dek=unseen.dek,
        corrections=unseen.corrections,
        published_at=snapshot.published_at,
        url_path=snapshot.url_path,
        now=now,
    )
