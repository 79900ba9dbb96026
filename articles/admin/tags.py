"""Tag lookups for the admin."""

from django.db.models import Case, IntegerField, Value, When
from taggit.models import Tag


def suggest_tags(term: str, *, limit: int = 10) -> list[str]:
    """Existing tag names containing `term`, those starting with it first."""
    term = term.strip()
    if not term:
        return []
    matches = (
        Tag.objects.filter(name__icontains=term)
        .annotate(
            starts=Case(
                When(name__istartswith=term, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts", "name")
        .values_list("name", flat=True)
    )
    return list(matches[:limit])
