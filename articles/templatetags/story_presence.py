"""The story page's presence notice area (read by static/js/admin-story-presence.js): where to
send the heartbeat, poll the version, take over and merge, and the merged text to load into
the form once, right after "Continue editing" in the merge view; and the one message of a
save refused because someone saved first."""

from django import template
from django.urls import reverse

from articles.admin.presence import MERGED_SESSION_KEY
from articles.collaboration import presence
from articles.models import StoryAutosave
from articles.workflow import permissions
from articles.workflow.errors import StaleEdit

register = template.Library()


def _merged_text(request, article) -> dict | None:
    """The merge view's result, once: only while the story is still at the version merged
    against (otherwise the autosave is offered back as usual, with its warning)."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    merged = session.pop(MERGED_SESSION_KEY.format(pk=article.pk), None)
    if not isinstance(merged, dict) or merged.get("version") != article.version:
        return None
    kept = StoryAutosave.objects.filter(
        pk=merged.get("autosave"), user=request.user, article=article
    ).first()
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
        "version_url": reverse("admin:articles_article_presence_version", args=[article.pk]),
        "poll_ms": int(presence.POLL_SECONDS * 1000),
        "merge_url": reverse("admin:articles_article_merge", args=[article.pk]) if can_edit else "",
        "interval": presence.HEARTBEAT_SECONDS,
        "merged": _merged_text(request, article) if can_edit else None,
    }


@register.inclusion_tag("admin/articles/article/merge_notice.html", takes_context=True)
def story_refused_save(context, article):
    """The one message of a save refused because someone saved first: who and when, that
    nothing typed is lost, and "Compare and merge" (posting this very form)."""
    request = context.get("request")
    refused = getattr(request, "refused_save", None)
    if not isinstance(refused, StaleEdit) or article is None or article.pk is None:
        return {"show": False}
    try:
        opened_at = presence.parse_version(request.POST.get("expected_version"))
    except presence.PresenceRefused:
        opened_at = 0
    can_edit = permissions.can_edit(request.user, article)
    return {
        "show": True,
        "newer": presence.newer_save(article, request.user, version=opened_at),
        "version": article.version,
        "merge_url": reverse("admin:articles_article_merge", args=[article.pk]) if can_edit else "",
    }
