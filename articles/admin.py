"""Admin for stories, sections and images. Declarative; workflow buttons call articles.workflow."""

from django.contrib import admin
from django.utils.html import format_html

from sources.inlines import ARTICLE_INLINES

from .models import Article, ArticleAuthor, Image, PublishedArticle, Section, WorkflowEvent


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "alt_text", "credit", "width", "height", "uploaded_at"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "width", "height"]
    fields = ["file", "preview", "alt_text", "caption", "credit", "width", "height"]

    @admin.display(description="Preview")
    def preview(self, image: Image):
        if not image.file:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-height:80px;max-width:160px">', image.file.url
        )


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "state_badge", "section", "byline", "updated_at"]
    list_filter = ["state", "section", "kind_of_work", "has_unpublished_changes"]
    search_fields = ["headline", "dek", "slug"]
    date_hierarchy = "updated_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image"]
    readonly_fields = ["state", "version", "created_at", "updated_at"]
    inlines = [ArticleAuthorInline, *ARTICLE_INLINES]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        ("Placement", {"fields": ["section", "tags", "lead_image", "dateline", "kind_of_work"]}),
        ("For readers", {"fields": ["how_we_reported"], "classes": ["collapse"]}),
        ("Status", {"fields": ["state", "version", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("section")
            .prefetch_related("author_links__author")
        )

    @admin.display(description="State", ordering="state")
    def state_badge(self, article: Article):
        return format_html(
            '<span class="state state-{}">{}</span>', article.state, article.state_label
        )

    @admin.display(description="Byline")
    def byline(self, article: Article):
        return ", ".join(link.author.name for link in article.author_links.all())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PublishedArticle)
class PublishedArticleAdmin(admin.ModelAdmin):
    """Read-only: snapshots are written by the workflow, never by hand."""

    list_display = ["headline", "status", "section_name", "published_at", "url_path"]
    list_filter = ["status", "section_name"]
    search_fields = ["headline"]
    readonly_fields = [f.name for f in PublishedArticle._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
