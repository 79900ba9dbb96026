"""The story page: `ArticleAdmin`, composed of its list, its form, its save path, its own
addresses and its panels.

What the page shows beside the form is asked of the panels registered on `story_page`
(the stories app's own, `articles.admin.story.panels`, and those other apps register, such
as sourcing's); its inlines are the byline and those registered there too.
"""

from django.contrib import admin
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import workflow
from articles.admin.story.changelist import StoryListMixin
from articles.admin.story.compression import compress_unless_confidential
from articles.admin.story.form import ArticleAuthorInline, ArticleForm
from articles.admin.story.media import LightMediaMixin
from articles.admin.story.pages import StoryPagesMixin, story_pk
from articles.admin.story.panels import STORY_PANELS
from articles.admin.story.registry import story_page
from articles.admin.story.saving import StorySavingMixin
from articles.admin.story.workflow_actions import forget_workflow_input
from articles.collaboration import openings
from articles.models import Article
from articles.workflow import permissions
from newsroom.admin_mixins import ChoosesRelatedMixin, DateHierarchyMixin
from newsroom.html import sanitize_html
from newsroom.people import display_name
from newsroom.time_zone import ZonedSplitDateTime

for _panel in STORY_PANELS:
    story_page.register_panel(_panel)


@admin.register(Article)
class ArticleAdmin(
    LightMediaMixin,
    ChoosesRelatedMixin,
    StorySavingMixin,
    StoryPagesMixin,
    StoryListMixin,
    DateHierarchyMixin,
    admin.ModelAdmin,
):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    save_on_top = False  # the story page's save buttons sit in its side panel
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_gallery"]
    readonly_fields = ["record"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"], "classes": ["story-text"]}),
        (
            "Headlines for search and social",
            {"fields": ["seo_headline", "social_headline"], "classes": ["collapse", "story-alt"]},
        ),
        (
            "Placement",
            {
                "fields": [
                    ("section", "kind_of_work"),
                    "tags",
                    "lead_image",
                    "lead_gallery",
                    "dateline",
                ]
            },
        ),
        ("For readers", {"fields": ["how_we_reported"], "classes": ["collapse"]}),
        ("Embargo", {"fields": ["embargo_until"], "classes": ["story-embargo"]}),
    ]
    record_fieldset = (None, {"fields": ["record"], "classes": ["story-record"]})

    class Media:
        css = {
            "all": [
                "css/admin-workflow.css",
                "css/admin-story.css",
                "css/admin-story-presence.css",
                "css/admin-story-autosave.css",
                "css/admin-embargo.css",
                "css/admin-review-chain.css",
            ]
        }
        js = [
            "js/admin-story-draft.js",
            "js/admin-publish-time.js",
            "js/admin-story-autosave.js",
            "js/admin-story-presence.js",
            "js/admin-story-counts.js",
            "js/admin-accessible-names.js",
        ]

    def get_inlines(self, request, obj):
        return [ArticleAuthorInline, *story_page.inlines]

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if obj is not None and not permissions.can_edit(request.user, obj):
            # Seeing a story one may not edit: its inlines are read-only too.
            for inline in instances:
                inline.has_add_permission = lambda *args, **kwargs: False
                inline.has_change_permission = lambda *args, **kwargs: False
                inline.has_delete_permission = lambda *args, **kwargs: False
        return instances

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if (
            request.path == reverse("admin:autocomplete")
            and f"{request.GET.get('app_label')}.{request.GET.get('model_name')}"
            in story_page.story_parts
            and request.GET.get("field_name") == "article"
        ):
            # Choosing the story of a part registered on the page (sourcing's attributions,
            # right-of-reply requests, corrections): only the stories this user may edit.
            queryset = permissions.editable_articles(request.user, queryset)
        return queryset, may_have_duplicates

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        first = dict(fieldsets[0][1])
        if obj is not None and permissions.can_edit(request.user, obj):
            first["fields"] = [*first["fields"], "expected_version"]
        elif obj is not None:
            # Read-only: show the body as text with its formatting, not as HTML source.
            first["fields"] = ["body_as_read" if f == "body" else f for f in first["fields"]]
        fieldsets[0] = (fieldsets[0][0], first)
        if obj is not None:
            fieldsets.append(self.record_fieldset)
        return fieldsets

    def get_prepopulated_fields(self, request, obj=None):
        # Only a new story's slug follows its headline (Django's script never changes a saved
        # one): a saved story's page has no slug script to run.
        return self.prepopulated_fields if obj is None else {}

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "body_as_read"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "embargo_until":
            kwargs["widget"] = ZonedSplitDateTime  # typed in newsroom time, and says so
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Record")
    def record(self, article: Article):
        created = timezone.localtime(article.created_at)
        updated = timezone.localtime(article.updated_at)
        scheduled = workflow.position(article) == workflow.SCHEDULED
        return format_html(
            "{} · version {} · created {} by {} · last saved {}",
            "Scheduled" if scheduled else article.state_label,
            article.version,
            f"{created:%b %-d, %Y %H:%M %Z}",
            display_name(article.created_by, "—"),
            f"{updated:%b %-d, %Y %H:%M %Z}",
        )

    @admin.display(description="Body")
    def body_as_read(self, article: Article):
        return mark_safe(sanitize_html(article.body))  # noqa: S308  (sanitized by the allow-list)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_edit(request.user, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = (
            Article.objects.filter(pk=story_pk(object_id, or_none=True))
            .select_related("section")
            .first()
        )
        if article is None:
            # Not Django's redirect to the start page: an address naming no story is a 404.
            raise Http404("There is no story at this address.")
        extra_context = {**(extra_context or {}), **story_page.context(request, article)}
        # What a refused workflow move kept is shown once: the next visit starts empty.
        forget_workflow_input(request, article)
        if request.method == "GET":
            openings.record_opening(request.user, article)  # "Since you last opened it"
        editable = permissions.can_edit(request.user, article)
        extra_context.setdefault("title", "Edit story" if editable else "Story")
        response = super().change_view(request, object_id, form_url, extra_context)
        return compress_unless_confidential(request, article, response)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            "title": "New story",
            "story_panels": story_page.by_place(new_story=True),
            **(extra_context or {}),
        }
        return super().add_view(request, form_url, extra_context)
