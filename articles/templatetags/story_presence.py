"""The story page's presence notice area (read by static/js/admin-story-presence.js): where to
send the heartbeat, take over and merge, and the merged text to load into the form once,
right after "Continue editing" in the merge view."""

from django import template
from django.urls import reverse

from articles.admin.presence import MERGED_SESSION_KEY
from articles.collaboration import presence
from articles.models import StoryAutosave
from articles.workflow import permissions

register = template.Library()


def _merged_text(request, article) -> dict | None:
    """The merge view's result, once: only while the story is still at the version merged
    against (otherwise the autosave is offered back as usual, with its warning)."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    merged_version = session.pop(MERGED_SESSION_KEY.format(pk=article.pk), None)
    if merged_version is None or merged_version != article.version:
        return None
    kept = StoryAutosave.objects.filter(user=request.user, article=article).first()
    return kept.text if kept is not None else None


@register.inclusion_tag("admin/articles/article/presence_notice.html", takes_context=True)
def story_presence(context, article):
    request = context.get("request")
    user = getattr(request, "user", None)
    if article is None or article.pk is None or not permissions.can_view(user, article):
        return {"show": False}
    can_edit = permissions.can_edit(user, article)
    return {
        "show": True,
        "original": article,
        "heartbeat_url": reverse("admin:articles_article_presence", args=[article.pk]),
        "take_over_url": reverse("admin:articles_article_take_over", args=[article.pk]),
        "merge_url": reverse("admin:articles_article_merge", args=[article.pk]) if can_edit else "",
        "interval": presence.HEARTBEAT_SECONDS,
        "merged": _merged_text(request, article) if can_edit else None,
    }
