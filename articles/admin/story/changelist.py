"""The story list: its filters, its columns and its bulk moves.

Each bulk move goes through the workflow story by story, with that story's permission,
and says what happened to each.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from articles import workflow
from articles.admin.review_chains import ChainSummaryChangeList, chain_summary_cell
from articles.admin.reviewer import assign_reviewer_action
from articles.admin.story import columns
from articles.admin.story.workflow_actions import parse_local_datetime
from articles.models import Article, PublicStatus
from articles.workflow import desk, permissions


class MyStoriesFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "whose"

    def lookups(self, request, model_admin):
        return [("mine", "My stories")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(desk.mine(request.user))
        return queryset


class PublicPageFilter(admin.SimpleListFilter):
    title = "public page"
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [
            ("live", "Live"),
            ("scheduled", "Scheduled"),
            ("down", "Taken down"),
            ("none", "Never published"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "live":
            return queryset.filter(
                snapshot__status=PublicStatus.LIVE, snapshot__published_at__lte=now
            )
        if value == "scheduled":
            return queryset.filter(
                snapshot__status=PublicStatus.LIVE, snapshot__published_at__gt=now
            )
        if value == "down":
            return queryset.exclude(snapshot__status=PublicStatus.LIVE).filter(
                snapshot__isnull=False
            )
        if value == "none":
            return queryset.filter(snapshot__isnull=True)
        return queryset


class StoryListMixin:
    """The story list of `ArticleAdmin`: columns, filters and bulk moves."""

    list_display = [
        "headline",
        "state_badge",
        "section",
        "byline",
        "updated",
        "waiting",
        "reviewer_column",
        "sign_offs_column",
    ]
    list_per_page = 50
    list_filter = [
        MyStoriesFilter,
        "state",
        PublicPageFilter,
        "has_unpublished_changes",
        "section",
        "kind_of_work",
    ]
    search_fields = ["headline", "dek", "slug"]
    date_hierarchy = "updated_at"
    show_full_result_count = False  # a filtered list does not count the whole archive too
    actions = ["submit_selected", "assign_reviewer_selected", "spike_selected"]

    def changelist_view(self, request, extra_context=None):
        # The story list needs the page's width for its columns and filters (1366px and up
        # shows them all): no app sidebar here; the start page and breadcrumbs lead elsewhere.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return columns.with_last_move(
            super()
            .get_queryset(request)
            .select_related("section", "snapshot", "reviewer")
            .prefetch_related("author_links__author")
        )

    def get_changelist(self, request, **kwargs):
        return ChainSummaryChangeList  # the page's chain summaries in two queries

    @admin.display(description="State", ordering="state")
    def state_badge(self, article: Article):
        return columns.state_badge(article)

    @admin.display(description="Byline")
    def byline(self, article: Article):
        return columns.byline(article)

    @admin.display(description="Updated", ordering="updated_at")
    def updated(self, article: Article):
        local = timezone.localtime(article.updated_at)
        return format_html(
            '<time datetime="{}" title="{}">{} ago</time>',
            article.updated_at.isoformat(),
            f"{local:%Y-%m-%d %H:%M}",
            columns.duration(article.updated_at),
        )

    @admin.display(description="Waiting", ordering="submitted_at")
    def waiting(self, article: Article):
        return columns.waiting(article)

    @admin.display(description="Reviewer", ordering="reviewer__first_name")
    def reviewer_column(self, article: Article):
        return columns.reviewing(article) or "-"

    @admin.display(description="Sign-offs")
    def sign_offs_column(self, article: Article):
        return chain_summary_cell(article)

    def _move_each(self, request, queryset, move, done_label: str) -> None:
        """Make `move` on each selected story; one line per story on what happened."""
        done, refused = [], []
        for article in queryset.order_by("pk"):
            try:
                move(request.user, article)
            except workflow.WorkflowError as error:
                refused.append(str(error))
            else:
                done.append(f"“{article.headline}”")
        if done:
            messages.success(request, f"{done_label}: {', '.join(done)}.")
        for reason in refused:
            messages.warning(request, f"Not done: {reason}")

    @admin.action(description="Submit selected for review")
    def submit_selected(self, request, queryset):
        self._move_each(request, queryset, workflow.submit_for_review, "Submitted for review")

    @admin.action(description="Spike selected")
    def spike_selected(self, request, queryset):
        self._move_each(request, queryset, workflow.spike, "Spiked")

    @admin.action(description="Name a reviewer for selected…")
    def assign_reviewer_selected(self, request, queryset):
        return assign_reviewer_action(self, request, queryset, parse_time=parse_local_datetime)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.is_editor(request.user):
            actions.pop("assign_reviewer_selected", None)  # only editors name reviewers
        return actions
