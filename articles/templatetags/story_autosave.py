"""The story form's autosave hooks: where to autosave, and this person's autosaved text to
offer back (read by static/js/admin-story-autosave.js)."""

from django import template
from django.urls import reverse

from articles.admin.autosave import time_label
from articles.collaboration.autosave import autosave_to_offer

register = template.Library()


@register.inclusion_tag("admin/articles/article/autosave.html", takes_context=True)
def story_autosave(context, article=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    if article is not None and article.pk is None:
        article = None
    url = (
        reverse("admin:articles_article_autosave", args=[article.pk])
        if article is not None
        else reverse("admin:articles_article_autosave_new")
    )
    offer = autosave_to_offer(user, article)
    return {
        "autosave_url": url,
        "offer": (
            {
                "text": offer.text,
                "saved_at": offer.saved_at.isoformat(),
                "time": time_label(offer.saved_at),
                "based_on_version": offer.based_on_version,
                "story_version": article.version if article is not None else 0,
            }
            if offer is not None
            else None
        ),
    }
