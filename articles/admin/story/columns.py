"""What the story lists show of each story: the state badge, waiting times, the reviewer.

Shared by the story list, the review queue and the story page's state sentence. The lists
annotate each story's last move (`with_last_move`) so a badge costs no query of its own.
"""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.html import format_html

from articles import workflow
from articles.models import Article, ArticleState, PublicStatus, PublishedArticle, WorkflowEvent
from articles.workflow.embargo import badge as embargo_badge
from newsroom.people import display_name
from newsroom.time_zone import newsroom_time


def changes_requested(article: Article) -> bool:
    """Whether the story waits on an editor's change request (lists annotate `last_move`)."""
    if article.state != ArticleState.DRAFT:
        return False
    if hasattr(article, "last_move_action"):
        return article.last_move_action == "request_changes"
    return workflow.change_request(article) is not None


def with_last_move(queryset):
    """Each story's last move between states, read in the list's one query."""
    last = WorkflowEvent.objects.filter(article=OuterRef("pk")).exclude(
        action__in=workflow.NOT_MOVES
    )
    return queryset.annotate(
        last_move_action=Subquery(last.order_by("-created_at", "-pk").values("action")[:1])
    )


def has_snapshot(article: Article) -> bool:
    try:
        return article.snapshot is not None
    except PublishedArticle.DoesNotExist:
        return False


def state_badge(article: Article, now=None) -> str:
    snapshot = getattr(article, "snapshot", None) if has_snapshot(article) else None
    label, css = article.state_label, article.state
    if changes_requested(article):
        label, css = "Changes requested", "changes-requested"
    live = snapshot is not None and snapshot.status == PublicStatus.LIVE
    if live and snapshot.published_at > (now or timezone.now()):
        local = timezone.localtime(snapshot.published_at)
        label, css = f"Scheduled {local:%b %-d, %H:%M %Z}", "scheduled"
    if article.has_unpublished_changes and article.state != ArticleState.PUBLISHED:
        css = f"live {css}"
    return format_html(
        '<span class="state-badge state-{}">{}</span>{}',
        css,
        label,
        embargo_badge(article, now=now),
    )


def duration(since, now=None) -> str:
    """ "12 min", "3 h 5 min", "4 days": how long ago, for a column an editor scans."""
    minutes = max(0, int(((now or timezone.now()) - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60} min"
    return f"{minutes // (24 * 60)} days"


def waiting(article: Article, now=None):
    """How long a story in review has waited for an editor; empty for the others."""
    if article.state != ArticleState.IN_REVIEW or article.submitted_at is None:
        return ""
    minutes = ((now or timezone.now()) - article.submitted_at).total_seconds() / 60
    css = "waiting waiting-long" if minutes >= 24 * 60 else "waiting"
    return format_html('<span class="{}">{}</span>', css, duration(article.submitted_at, now))


def reviewing(article: Article) -> str:
    """Who reviews a story in review ("Ana Ruiz, due Tue 14:00 EST"), or ""."""
    if article.state != ArticleState.IN_REVIEW or article.reviewer is None:
        return ""
    name = display_name(article.reviewer)
    if article.review_due_at:
        return f"{name}, due {newsroom_time(article.review_due_at)}"
    return name


def byline(article: Article) -> str:
    return ", ".join(link.author.name for link in article.author_links.all())
