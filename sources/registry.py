"""The source registry's services and selectors: search by name and alias, the stories a
source appears in, and merging duplicate sources.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Concat

from .models import (
    Attribution,
    AttributionProposal,
    CommentRequest,
    ConfidentialAccess,
    Source,
    SourceConfidential,
)


def _with_alias_text(queryset):
    # "|alias one|alias two|": one searchable string, delimited so exact alias matches are possible.
    return queryset.annotate(
        alias_text=Concat(
            models.Value("|"),
            models.Func(
                models.F("aliases"),
                models.Value("|"),
                function="array_to_string",
                output_field=models.TextField(),
            ),
            models.Value("|"),
            output_field=models.TextField(),
        )
    )


def search_sources(*, query: str, exact: bool = False, queryset=None):
    """Sources whose canonical name or an alias matches `query` (contains, or equals if `exact`)."""
    queryset = _with_alias_text(Source.objects.all() if queryset is None else queryset)
    query = " ".join((query or "").split())
    if not query:
        return queryset
    if exact:
        return queryset.filter(
            models.Q(name__iexact=query) | models.Q(alias_text__icontains=f"|{query}|")
        )
    condition = models.Q()
    for word in query.split():
        condition &= (
            models.Q(name__icontains=word)
            | models.Q(alias_text__icontains=word)
            | models.Q(descriptor__icontains=word)
            | models.Q(affiliation__icontains=word)
        )
    return queryset.filter(condition)


def source_stories(*, source: Source):
    """The stories (working copies) that attribute to, or asked comment of, `source`."""
    from articles.models import Article

    return (
        Article.objects.filter(
            models.Q(attributions__source=source) | models.Q(comment_requests__source=source)
        )
        .distinct()
        .order_by("-updated_at")
    )


@transaction.atomic
def merge_sources(*, user, target: Source, duplicates: list[Source]) -> Source:
    """Fold `duplicates` into `target`: their attributions, comment requests, proposals and
    confidential records follow, their names become aliases of `target`, and they are deleted.

    Raises PermissionDenied without `sources.merge_source`, ValidationError (code
    `merge_kind_mismatch` / `merge_into_itself`) for sources that cannot be one.
    """
    if not user.has_perm("sources.merge_source"):
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
