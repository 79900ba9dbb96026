"""The story page's outside players, behind their facade (articles.embeds.facade)."""

from django import template

from articles.embeds import facade

register = template.Library()


@register.filter
def with_embeds(body_html: str) -> str:
    """The body with each embed figure replaced by the facade readers see."""
    return facade.body_with_embeds(body_html)
