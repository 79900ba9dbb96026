"""The story page's outside players, behind their facade (articles.embeds.facade)."""

from django import template

from articles.embeds import facade

register = template.Library()


@register.filter
def with_embeds(body_html: str) -> str:
    """The body with each embed figure replaced by the facade readers see."""
    return facade.body_with_embeds(body_html)


@register.filter
def carries_embeds(story) -> bool:
    """Whether the story page has an outside player (then it loads js/embed-facade.js)."""
    return facade.has_embeds(story)
