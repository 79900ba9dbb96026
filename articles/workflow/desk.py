"""The start page's lists: what a reporter or an editor has on their desk today.

- "My drafts": the user's own stories in draft, those an editor sent back first.
- "Waiting for review": for editors the review queue (oldest first, with who submitted);
  for reporters, their own stories in review; each with its review chain's state.
- "With findings to fix": stories in review (an editor's) or one's own unpublished stories
  whose standards checks found something blocking at their last save.
- "Scheduled": stories whose public snapshot goes live later (a reporter's own only).
- "Just published": snapshots that went live in the last 24 hours (a reporter's own only).
- "Mentions": comments on the text that name the user (@name), in threads still open.

Each list is one query, however many stories there are: at most `LIMIT` rows, and the
list's full size read in the same query (a window count, taken before the LIMIT). The
review list's chain states take two more (`review_chains.chain_summaries`) when one of its
stories is in a section with a review chain.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.utils import timezone

from articles import workflow
from articles.collaboration import comments
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleState,
    PublicStatus,
    PublishedArticle,
    ReviewStep,
    WorkflowEvent,
)
from articles.review import chains as review_chains
from articles.workflow import permissions

LIMIT = 8
JUST_PUBLISHED = timedelta(hours=24)


@dataclass
class DeskList:
    key: str
    title: str
    items: list
    total: int
    empty: str


def mine(user) -> Q:
    """Stories the user created or is in the byline of: ids from two indexes, no join (so no
    duplicates to remove, and no DISTINCT over the archive)."""
    created = Article.objects.filter(created_by=user).values("pk")
    bylined = ArticleAuthor.objects.filter(author__user=user).values("article_id")
    return Q(pk__in=created.union(bylined))


def _total(rows) -> int:
    return rows[0].total if rows else 0


def my_drafts(user) -> DeskList:
    last_move = (
        WorkflowEvent.objects.filter(article=OuterRef("pk"))
        .exclude(action__in=workflow.NOT_MOVES)
        .order_by("-created_at", "-pk")
        .values("action")[:1]
    )
    rows = list(
        Article.objects.filter(mine(user), state=ArticleState.DRAFT)
        .annotate(last_move_action=Subquery(last_move))
        .annotate(
            changes_requested=Case(
                When(last_move_action="request_changes", then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            total=Window(Count("pk")),
        )
        .select_related("section")
        .order_by("-changes_requested", "-updated_at", "-pk")[:LIMIT]
    )
    return DeskList("drafts", "My drafts", rows, _total(rows), "No drafts of yours.")


def waiting_for_review(user) -> DeskList:
    queryset = Article.objects.filter(state=ArticleState.IN_REVIEW)
    if permissions.is_editor(user):
        title, empty = "Waiting for review", "Nothing is waiting for review."
    else:
        queryset = queryset.filter(mine(user))
        title, empty = "Waiting for review", "None of your stories is in review."
    rows = list(
        queryset.annotate(
            total=Window(Count("pk")),
            # Its section's chain, or steps of its own (an editor sent it to Legal).
            section_has_chain=Exists(
                ReviewStep.objects.filter(
                    Q(section=OuterRef("section"))
                    | Q(article=OuterRef("pk"), removed_at__isnull=True)
                )
            ),
        )
        .select_related("submitted_by", "section", "reviewer")
        .order_by("submitted_at", "pk")[:LIMIT]
    )
    review_chains.attach_chain_summaries(rows)  # "Legal: waiting" (two queries at most)
    return DeskList("review", title, rows, _total(rows), empty)


def with_findings(user) -> DeskList:
    """Unpublished stories whose standards checks found something to fix at their last save:
    for an editor, those in review; for a reporter, their own drafts and stories in review."""
    if permissions.is_editor(user):
        queryset = Article.objects.filter(state=ArticleState.IN_REVIEW)
    else:
        queryset = Article.objects.filter(
            mine(user), state__in=[ArticleState.DRAFT, ArticleState.IN_REVIEW]
        )
    rows = list(
        queryset.filter(findings_to_fix__gt=0)
        .annotate(total=Window(Count("pk")))
        .order_by("-findings_to_fix", "updated_at", "pk")[:LIMIT]
    )
    return DeskList(
        "findings", "With findings to fix", rows, _total(rows), "No story has findings to fix."
    )


def _snapshots(user):
    queryset = PublishedArticle.objects.filter(status=PublicStatus.LIVE)
    if not permissions.is_editor(user):
        queryset = queryset.filter(article__in=Article.objects.filter(mine(user)))
    return queryset.annotate(total=Window(Count("pk")))


def scheduled(user, *, now=None) -> DeskList:
    now = now or timezone.now()
    rows = list(
        _snapshots(user).filter(published_at__gt=now).order_by("published_at", "pk")[:LIMIT]
    )
    return DeskList("scheduled", "Scheduled", rows, _total(rows), "Nothing is scheduled.")


def just_published(user, *, now=None) -> DeskList:
    now = now or timezone.now()
    rows = list(
        _snapshots(user)
        .filter(published_at__lte=now, published_at__gt=now - JUST_PUBLISHED)
        .order_by("-published_at", "-pk")[:LIMIT]
    )
    return DeskList(
        "published", "Just published", rows, _total(rows), "Nothing went live in the last 24 hours."
    )


def desk(user, *, now=None) -> list[DeskList]:
    """The five lists, in the order the start page shows them."""
    now = now or timezone.now()
    return [
        my_drafts(user),
        waiting_for_review(user),
        with_findings(user),
        scheduled(user, now=now),
        just_published(user, now=now),
    ]


def mentions(user) -> DeskList:
    """Comments on the text that name the user with @, in threads still open, newest first."""
    rows = list(
        comments.open_mentions(user)
        .annotate(total=Window(Count("pk")))
        .select_related("comment__author", "comment__article")
        .order_by("-created_at", "-pk")[:LIMIT]
    )
    return DeskList("mentions", "Mentions", rows, _total(rows), "Nobody has mentioned you.")


def start_page_context(request) -> dict:
    """The admin start page's part (see newsroom.admin_site.NewsroomAdminSite.add_to_start_page)."""
    return {
        "desk_lists": desk(request.user),
        "is_editor": permissions.is_editor(request.user),
        "mention_list": mentions(request.user),
    }
