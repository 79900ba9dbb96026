"""Template helpers for the public sourcing box, corrections (snapshot data is JSON) and the
footer's links to the trust pages."""

import functools
from datetime import date, datetime

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone

from sources.models import SCHEMA_PROPERTIES, TOP_LEVEL_PAGES, PolicyKind, policy_path

register = template.Library()


@register.filter
def isodate(value):
    """An ISO date or datetime string from a snapshot as a date/datetime the `date` filter takes."""
    if not value or not isinstance(value, str):
        return value
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    return timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed


@register.simple_tag
def policy_url(kind: str) -> str:
    """The public address of a standards policy page (publishing-principles, …)."""
    return reverse("policy", kwargs={"kind": kind})


@register.simple_tag
def trust_pages() -> dict[str, list[dict]]:
    """The footer's links: `about` (about us, masthead, contact, corrections) and `standards`
    (every policy page), titles from the page kinds, so no page render reads the database."""
    return _trust_pages(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=16)
def _trust_pages(script_prefix: str, urlconf: str) -> dict[str, list[dict]]:
    about = [{"title": kind.label, "url": policy_path(kind)} for kind in TOP_LEVEL_PAGES]
    about.append({"title": "Corrections", "url": reverse("corrections")})
    standards = [
        {"title": kind.label, "url": policy_path(kind)}
        for kind in PolicyKind
        if kind in SCHEMA_PROPERTIES and kind not in TOP_LEVEL_PAGES
    ]
    return {"about": about, "standards": standards}
