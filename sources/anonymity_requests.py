"""The anonymity approvals waiting for an editor: the start page's box.

A request is waiting when a writer asked for approval (`anonymity.request_approval`, kept in
the story's history as `workflow.APPROVAL_REQUESTED`) of an anonymous attribution that no one
has approved yet, on a story not spiked. Only whoever may approve grants of anonymity
(`permissions.may_approve_anonymity`) sees them; the box names the story, how readers see
the source (the public descriptor, never who it is), who asked and when. Two queries.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery, Window

from articles.models import ArticleState, WorkflowEvent
from articles.workflow.events import APPROVAL_REQUESTED
from sources.models import Attribution
from sources.permissions import may_approve_anonymity

LIMIT = 8


@dataclass
class WaitingApproval:
    attribution: Attribution
    asked_at: datetime
    asked_by: object


def waiting_approvals(user) -> tuple[list[WaitingApproval], int]:
    """([the oldest requests first, at most LIMIT], how many in all); none for anyone who may
    not approve."""
    if not may_approve_anonymity(user):
        return [], 0
    asked = WorkflowEvent.objects.filter(
        article=OuterRef("article"), action=APPROVAL_REQUESTED
    ).order_by("-created_at", "-pk")
    rows = list(
        Attribution.objects.filter(anonymous=True, approved_by__isnull=True)
        .exclude(article__state=ArticleState.SPIKED)
        .annotate(
            asked_at=Subquery(asked.values("created_at")[:1]),
            asked_by_id=Subquery(asked.values("actor_id")[:1]),
        )
        .filter(asked_at__isnull=False)
        .annotate(total=Window(Count("pk")))
        .select_related("article")
        .order_by("asked_at", "pk")[:LIMIT]
    )
    people = get_user_model().objects.in_bulk({row.asked_by_id for row in rows} - {None})
    waiting = [WaitingApproval(row, row.asked_at, people.get(row.asked_by_id)) for row in rows]
    return waiting, rows[0].total if rows else 0
