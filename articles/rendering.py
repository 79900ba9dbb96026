"""Rendering a snapshot's article markup once, at publish time."""

from django.template.loader import render_to_string


def render_article_html(snapshot) -> str:
    """The <article> markup of a story, stored in the snapshot so serving it is cheap."""
    return render_to_string("articles/includes/story_article.html", {"story": snapshot})
