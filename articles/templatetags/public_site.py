"""Template helpers of the public site: the section menu and JSON-LD embedding."""

from django import template

from .. import public
from ..structured_data import jsonld_script

register = template.Library()
UPDATE_GRACE_SECONDS = 10 * 60


@register.simple_tag
def site_sections() -> list[dict]:
    """The menu's sections (cached with the page cache's version; see public.site_state)."""
    return public.site_state()["sections"]


@register.filter
def jsonld(data: dict):
    return jsonld_script(data)


@register.filter
def srcset_for(image: dict, mime_type: str) -> str:
    """The srcset of `image` (snapshot lead-image data) in one format, or ""."""
    for source in (image or {}).get("sources", []):
        if source["mime_type"] == mime_type:
            return source["srcset"]
    return ""


@register.filter
def was_updated(story) -> bool:
    """Whether a story changed after it went live (a re-publish minutes later doesn't count)."""
    if not story.updated_at or not story.published_at:
        return False
    return (story.updated_at - story.published_at).total_seconds() > UPDATE_GRACE_SECONDS
