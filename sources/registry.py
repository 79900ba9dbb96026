"""The source registry's services and selectors: search by name and alias, the stories a
source appears in, changing a source, merging duplicate sources, and crediting the outlet
whose copy a story was made from (the wire importer asks, through `articles.sourcing`: the
publisher becomes a news-outlet source and a "reported by another outlet" attribution that
stays when the newsroom rewrites the copy under its own byline).

What a source is called in public (`PUBLIC_SOURCE_FIELDS`) reaches readers through the
"How we sourced this" box and the JSON-LD citation of every story that names it, at that
story's next publish. So the rule is: once a live story names a source, only an editor may
change those fields (`may_change_public_fields`), and every such change, or a merge, is
written into the history of each story naming the source (`articles.workflow.transitions.record_source_change`),
so whoever publishes the story next sees why its sourcing box reads differently.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from articles import workflow
from articles.models import Article
from sources.models import (
    Attribution,
    AttributionKind,
    AttributionProposal,
    CommentRequest,
    ConfidentialAccess,
    Source,
    SourceConfidential,
    SourceKind,
)
from sources.permissions import can_change_public_fields_of_any_source, can_merge_sources


def source_stories(*, source: Source):
    """The stories (working copies) that attribute to, or asked comment of, `source`."""
    return (
        Article.objects.filter(
            models.Q(attributions__source=source) | models.Q(comment_requests__source=source)
        )
        .distinct()
        .order_by("-updated_at")
    )


# What readers see of a named source (sources.public_sourcing): its name, descriptor, kind and address.
PUBLIC_SOURCE_FIELDS = ("name", "descriptor", "kind", "url")

PUBLIC_FIELDS_LOCKED = (
    "A live story names this source, so only an editor may change what readers see of it "
    "(name, descriptor, kind, address). Ask an editor, or add an alias."
)


def stories_naming(source_ids) -> models.QuerySet:
    """Stories that name one of these sources to readers (attributions that are not anonymous)."""
    return Article.objects.filter(
        pk__in=Attribution.objects.filter(source_id__in=source_ids, anonymous=False).values(
            "article_id"
        )
    ).order_by("pk")


def live_stories_naming(source: Source) -> models.QuerySet:
    """Stories with a public snapshot (live, scheduled or retracted) that name `source`."""
    return stories_naming([source.pk]).filter(snapshot__isnull=False)


def may_change_public_fields(user, source: Source) -> bool:
    """Reporters keep the registry tidy; what live stories show readers is an editor's call."""
    if source.pk is None or can_change_public_fields_of_any_source(user):
        return True
    return not live_stories_naming(source).exists()


def _describe(source: Source, field: str) -> str:
    value = getattr(source, field)
    if field == "kind":
        return source.get_kind_display()
    return f"“{value}”" if value else "nothing"


@transaction.atomic
def save_source(*, user, source: Source) -> Source:
    """Save an edited `source`: refuse a change to its public fields when a live story names it
    and `user` is not an editor, and record any public change in the stories naming it."""
    if source.pk is None:
        source.save()
        return source
    before = Source.objects.select_for_update().get(pk=source.pk)
    changed = [f for f in PUBLIC_SOURCE_FIELDS if getattr(before, f) != getattr(source, f)]
    if changed and not may_change_public_fields(user, before):
        raise PermissionDenied(PUBLIC_FIELDS_LOCKED)
    source.save()
    if changed:
        what = "; ".join(
            f"{source._meta.get_field(f).verbose_name} {_describe(before, f)} → {_describe(source, f)}"
            for f in changed
        )
        workflow.record_source_change(
            user,
            stories_naming([source.pk]),
            note=f"Source “{before.name}” changed: {what}. Readers see it at the next publish.",
        )
    return source


@transaction.atomic
def merge_sources(*, user, target: Source, duplicates: list[Source]) -> Source:
    """Fold `duplicates` into `target`: their attributions, comment requests, proposals and
    confidential records follow, their names become aliases of `target`, and they are deleted.

    Raises PermissionDenied without `sources.merge_source`, ValidationError (code
    `merge_kind_mismatch` / `merge_into_itself`) for sources that cannot be one.
    """
    if not can_merge_sources(user):
        raise PermissionDenied("You need the “merge duplicate sources” permission.")
    duplicates = [d for d in duplicates if d.pk != target.pk]
    if not duplicates:
        raise ValidationError(
            "Choose at least one other source to merge.", code="merge_into_itself"
        )
    for duplicate in duplicates:
        if duplicate.kind != target.kind:
            raise ValidationError(
                f"{duplicate.name} is a {duplicate.get_kind_display().lower()} and "
                f"{target.name} a {target.get_kind_display().lower()}: they cannot be one source.",
                code="merge_kind_mismatch",
            )
    target = Source.objects.select_for_update().get(pk=target.pk)
    ids = [d.pk for d in duplicates]
    names = ", ".join(f"“{d.name}”" for d in duplicates)
    workflow.record_source_change(
        user,
        stories_naming(ids),
        note=f"Source {names} merged into “{target.name}”. Readers see it at the next publish.",
    )
    Attribution.objects.filter(source_id__in=ids).update(source=target)
    CommentRequest.objects.filter(source_id__in=ids).update(source=target)
    AttributionProposal.objects.filter(matched_source_id__in=ids).update(matched_source=target)
    ConfidentialAccess.objects.filter(source_id__in=ids).update(source=target)
    _merge_confidential(target, ids)

    aliases = list(target.aliases)
    for duplicate in duplicates:
        for name in [duplicate.name, *duplicate.aliases]:
            if (
                name
                and name.lower() != target.name.lower()
                and name.lower() not in {a.lower() for a in aliases}
            ):
                aliases.append(name)
        for field in ("descriptor", "affiliation", "url"):
            if not getattr(target, field) and getattr(duplicate, field):
                setattr(target, field, getattr(duplicate, field))
    target.aliases = aliases
    target.save()
    Source.objects.filter(pk__in=ids).delete()
    return target


def _merge_confidential(target: Source, duplicate_ids: list[int]) -> None:
    records = list(SourceConfidential.objects.filter(source_id__in=duplicate_ids))
    if not records:
        return
    kept = SourceConfidential.objects.filter(source=target).first()
    if kept is None:
        kept, records = records[0], records[1:]
        kept.source = target
    for record in records:
        for field in ("contact_details", "private_notes"):
            mine, theirs = getattr(kept, field), getattr(record, field)
            if theirs and theirs not in mine:
                setattr(kept, field, f"{mine}\n{theirs}".strip() if mine else theirs)
        identity = record.real_identity
        if identity and identity not in kept.real_identity:
            joined = f"{kept.real_identity} / {identity}" if kept.real_identity else identity
            if len(joined) <= SourceConfidential._meta.get_field("real_identity").max_length:
                kept.real_identity = joined
            else:  # never lose an identity to a length limit: keep it in the notes
                kept.private_notes = f"{kept.private_notes}\nAlso: {identity}".strip()
        record.delete()
    kept.save()


# --- Crediting the outlet whose copy a story was made from --------------------------------


def outlet_named(publisher: str) -> Source:
    """The registry's news outlet called `publisher` (by name or alias), made if missing."""
    name = " ".join(publisher.split())[:200]
    found = (
        Source.objects.filter(kind=SourceKind.OUTLET)
        .filter(Q(name__iexact=name) | Q(aliases__contains=[name]))
        .order_by("-is_active", "pk")
        .first()
    )
    return found or Source.objects.create(kind=SourceKind.OUTLET, name=name)


def credit_publisher(article: Article, *, publisher: str) -> Attribution:
    """The story's "reported by" attribution for `publisher`, added once."""
    outlet = outlet_named(publisher)
    existing = article.attributions.filter(
        entry=None, kind=AttributionKind.REPORTED_BY, source=outlet
    ).first()
    if existing is not None:
        return existing
    origin = getattr(article, "wire_origin", None)
    reported_on = (origin.published_on if origin else None) or timezone.localdate()
    return Attribution.objects.create(
        article=article,
        source=outlet,
        kind=AttributionKind.REPORTED_BY,
        outlet_report=f"The copy this story was made from: “{article.headline}”"[:400],
        reported_on=reported_on,
        position=article.attributions.filter(entry=None).count(),
    )
