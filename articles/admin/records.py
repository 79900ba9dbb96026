"""The desk's read-only lists: the review queue, public snapshots and workflow events.

The review queue's rows open the story page; snapshots are written by the publish only and
events by the workflow only, so neither can be changed here.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from articles.admin.review_chains import ChainSummaryChangeList, chain_summary_cell
from articles.admin.story import columns
from articles.models import Article, ArticleState, PublishedArticle, ReviewQueueItem, WorkflowEvent
from articles.workflow import permissions
from newsroom.admin_mixins import RecordAdminMixin
from newsroom.people import display_name


@admin.register(ReviewQueueItem)
class ReviewQueueAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Stories waiting for an editor, oldest first; one click opens the story."""

    class Media:
        css = {"all": ["css/admin-workflow.css", "css/admin-review-chain.css"]}

    list_display = [
        "open_story",
        "waiting",
        "reviewer_column",
        "sign_offs_column",
        "section",
        "byline",
        "submitted_by_name",
        "state_badge",
    ]
    list_display_links = None
    ordering = ["submitted_at", "id"]  # a queue: the longest waiting first (the list's default)
    list_per_page = 50
    list_filter = ["section"]
    search_fields = ["headline", "dek"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(state=ArticleState.IN_REVIEW)
            .select_related("section", "submitted_by", "snapshot", "reviewer")
            .prefetch_related("author_links__author")
            .order_by("submitted_at", "id")
        )

    def has_view_permission(self, request, obj=None):
        return permissions.can_review(request.user, obj)

    def has_module_permission(self, request):
        return permissions.can_review(request.user, None)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The queue's rows link to the story page; a direct address shows that same page.
        story_admin = self.admin_site._registry[Article]
        form_url = form_url or reverse("admin:articles_article_change", args=[object_id])
        return story_admin.change_view(request, object_id, form_url, extra_context)

    @admin.display(description="Story", ordering="headline")
    def open_story(self, article):
        url = reverse("admin:articles_article_change", args=[article.pk])
        if not article.dek:
            return format_html('<a href="{}"><strong>{}</strong></a>', url, article.headline)
        return format_html(
            '<a href="{}"><strong>{}</strong></a><div class="queue-dek">{}</div>',
            url,
            article.headline,
            Truncator(article.dek).words(24),
        )

    @admin.display(description="Waiting", ordering="submitted_at")
    def waiting(self, article):
        return columns.waiting(article) or "—"

    @admin.display(description="Reviewer", ordering="reviewer__first_name")
    def reviewer_column(self, article):
        return columns.reviewing(article) or "none yet"

    @admin.display(description="Sign-offs")
    def sign_offs_column(self, article):
        return chain_summary_cell(article)

    def get_changelist(self, request, **kwargs):
        return ChainSummaryChangeList

    @admin.display(description="Submitted by", ordering="submitted_by__first_name")
    def submitted_by_name(self, article):
        return display_name(article.submitted_by, "—")

    def changelist_view(self, request, extra_context=None):
        # No app sidebar: the queue's headlines get the width (as on the story list).
        extra_context = {
            "title": "Review queue",
            "is_nav_sidebar_enabled": False,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="Byline")
    def byline(self, article):
        return columns.byline(article)

    @admin.display(description="State")
    def state_badge(self, article):
        return columns.state_badge(article)


@admin.register(PublishedArticle)
class PublishedArticleAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Read-only: snapshots are written by the workflow, never by hand."""

    list_display = ["headline", "status", "section_name", "published_at", "url_path"]
    list_filter = ["status", "section_name"]
    search_fields = ["headline"]
    readonly_fields = [f.name for f in PublishedArticle._meta.fields]


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "article", "action", "from_state", "to_state", "actor"]
    list_filter = ["action", "to_state"]
    search_fields = ["article__headline", "note"]
    readonly_fields = [
        "article",
        "actor",
        "action",
        "from_state",
        "to_state",
        "note",
        "scheduled_for",
        "created_at",
    ]
