"""The story form's autosave hooks: where to autosave, and this person's kept drafts to offer
back (read by static/js/admin-story-autosave.js); on a story they may no longer edit, their
last typing with "Copy it" and "Restore it to a new draft"."""

from django import template
from django.urls import reverse

from articles.admin.autosave import time_label
from articles.collaboration.autosave import autosaves_to_offer, first_words
from newsroom.html import html_to_text

register = template.Library()


def _offer(kept, article) -> dict:
    return {
        "draft": kept.draft,
        "text": kept.text,
        "first_words": first_words(kept.text),
        "saved_at": kept.saved_at.isoformat(),
        "time": time_label(kept.saved_at),
        "based_on_version": kept.based_on_version,
        "story_version": article.version if article is not None else 0,
    }


def _plain(kept) -> str:
    """The kept text as plain text, for reading and for the clipboard."""
    text = kept.text
    parts = [text.get("headline", ""), text.get("dek", ""), html_to_text(text.get("body", ""))]
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


@register.inclusion_tag("admin/articles/article/autosave.html", takes_context=True)
def story_autosave(context, article=None, editable=True):
    request = context.get("request")
    user = getattr(request, "user", None)
    if article is not None and article.pk is None:
        article = None
    kept = autosaves_to_offer(user, article)
    if getattr(request, "refused_save", None) is not None:
        kept = []  # a refused save: the typed text is in the form already, nothing to restore
    if not editable:
        return {
            "editable": False,
            "article": article,
            "last_typing": [
                {
                    "draft": one.draft,
                    "time": time_label(one.saved_at),
                    "first_words": first_words(one.text),
                    "plain": _plain(one),
                }
                for one in kept
            ],
        }
    url = (
        reverse("admin:articles_article_autosave", args=[article.pk])
        if article is not None
        else reverse("admin:articles_article_autosave_new")
    )
    return {
        "editable": True,
        "autosave_url": url,
        "story_key": article.pk if article is not None else "new",
        "offers": [_offer(one, article) for one in kept],
    }
