"""Finding sources in the registry by name, alias, descriptor or affiliation.

Selectors only, importing nothing from the stories side: the standards checks, the
assistant's proposals and the admin's search all look sources up here.
"""

from django.db import models
from django.db.models.functions import Concat

from sources.models import Source


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
