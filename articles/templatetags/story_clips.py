"""The story page's videos and sounds, from snapshot data (articles.clips.in_stories)."""

from django import template

from articles.clips import in_stories

register = template.Library()


@register.filter
def with_clips(body_html: str, story_clips) -> str:
    """The body with each clip figure replaced by its player."""
    return in_stories.body_with_clips(body_html, story_clips or [])
