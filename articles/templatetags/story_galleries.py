"""The story page's galleries, from snapshot data (articles.images.galleries)."""

from django import template
from django.utils.safestring import mark_safe

from articles.images import galleries

register = template.Library()


@register.filter
def with_galleries(body_html: str, story_galleries) -> str:
    """The sanitized body with each gallery figure replaced by the gallery readers see."""
    return mark_safe(galleries.body_with_galleries(body_html, story_galleries or []))  # noqa: S308
