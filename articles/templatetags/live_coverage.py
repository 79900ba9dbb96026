"""The "Live" badge of a story card: `{% if story.url_path|is_live %}` (articles.live.stream)."""

from django import template

from articles.live.stream import live_story_paths

register = template.Library()


@register.filter
def is_live(url_path: str) -> bool:
    """Whether the story at `url_path` has live coverage running now."""
    return url_path in live_story_paths()
