"""Admin for the source registry, attributions, right of reply, corrections and policies.

Confidential source records are an inline on the source page that exists only for staff with
`sources.view_confidential_source`; each time it is shown the access is logged through
`sources.confidential`. Merging duplicates and searching by alias call `sources.registry`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .confidential import can_view_confidential, confidential_record_for
from .inlines import AttributionFormMixin
from .models import (
    Attribution,
    CommentRequest,
    ConfidentialAccess,
    Correction,
    PolicyPage,
    Source,
    SourceConfidential,
    StandardsOverride,
)
from .registry import merge_sources, search_sources, source_stories


class ConfidentialOnlyMixin:
    """Everything about this admin needs the confidential-source permission."""

    def has_view_permission(self, request, obj=None):
        return can_view_confidential(request.user)

    def has_add_permission(self, request, *args):
        return can_view_confidential(request.user)

    def has_change_permission(self, request, obj=None):
        return can_view_confidential(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_view_confidential(request.user)


class SourceConfidentialInline(ConfidentialOnlyMixin, admin.StackedInline):
    model = SourceConfidential
    extra = 0
    max_num = 1
    can_delete = True
    fields = ["real_identity", "contact_details", "private_notes"]
    verbose_name = "confidential record (access is logged)"
    verbose_name_plural = "confidential record (access is logged)"

    def get_formset(self, request, obj=None, **kwargs):
        if obj is not None:
            # Logs the view (raises for anyone without the permission, who never gets here).
            confidential_record_for(
                user=request.user, source=obj, context=f"admin: source page ({request.method})"
            )
        return super().get_formset(request, obj, **kwargs)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "descriptor", "alias_list", "affiliation", "story_count"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]  # extended to aliases, descriptor, affiliation in get_search_results
    search_help_text = "Search by name, alias, descriptor or affiliation."
    fields = ["kind", "name", "descriptor", "aliases", "affiliation", "url", "is_active", "stories"]
    readonly_fields = ["stories"]
    inlines = [SourceConfidentialInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_stories=Count("attributions__article", distinct=True))
            .order_by("name", "pk")  # an aggregate drops Meta.ordering
        )

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search_sources(query=search_term, queryset=queryset), False

    @admin.display(description="aliases")
    def alias_list(self, source: Source):
        return ", ".join(source.aliases)

    @admin.display(description="stories attributing", ordering="n_stories")
    def story_count(self, source: Source):
        return source.n_stories

    @admin.display(description="stories this source appears in")
    def stories(self, source: Source):
        if source.pk is None:
            return "—"
        articles = source_stories(source=source)[:50]
        if not articles:
            return "None yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:articles_article_change", args=[a.pk]),
                        a.headline,
                        a.state_label,
                    )
                    for a in articles
                ),
            ),
        )

    def has_merge_permission(self, request):
        return request.user.has_perm("sources.merge_source")

    @admin.action(description="Merge selected duplicate sources…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        sources = list(queryset.order_by("pk"))
        if len(sources) < 2:
            self.message_user(request, "Select at least two sources to merge.", messages.WARNING)
            return None
        if request.POST.get("merge_into"):
            target = next((s for s in sources if str(s.pk) == request.POST["merge_into"]), None)
            if target is None:
                self.message_user(request, "Choose which source to keep.", messages.ERROR)
                return None
            try:
                merged = merge_sources(user=request.user, target=target, duplicates=sources)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Merged {len(sources) - 1} source(s) into {merged.name}; their attributions "
                "and comment requests now point to it.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge duplicate sources",
            "sources": [(s, source_stories(source=s).count()) for s in sources],
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "sources/admin/merge_sources.html", context)


@admin.register(Attribution)
class AttributionAdmin(AttributionFormMixin, admin.ModelAdmin):
    list_display = ["article", "kind", "source", "anonymous", "public_descriptor"]
    list_filter = ["kind", "anonymous", "terms"]
    search_fields = ["article__headline", "source__name", "public_descriptor"]
    autocomplete_fields = ["article", "source"]
    list_select_related = ["article", "source"]


@admin.register(CommentRequest)
class CommentRequestAdmin(admin.ModelAdmin):
    list_display = ["article", "source", "asked_at", "method", "deadline", "outcome"]
    list_filter = ["outcome", "method"]
    search_fields = ["article__headline", "source__name"]
    autocomplete_fields = ["article", "source"]
    list_select_related = ["article", "source"]
    exclude = ["asked_by"]

    def save_model(self, request, obj, form, change):
        if not change and obj.asked_by_id is None:
            obj.asked_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "kind", "created_at", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["article__headline", "text"]
    autocomplete_fields = ["article"]
    list_select_related = ["article"]
    fields = ["article", "kind", "text", "created_at", "is_published"]
    readonly_fields = ["is_published"]


@admin.register(StandardsOverride)
class StandardsOverrideAdmin(admin.ModelAdmin):
    """The record of warnings editors published despite. Written by the publish transition."""

    list_display = ["created_at", "article", "code", "target", "by"]
    list_filter = ["code"]
    search_fields = ["article__headline", "code", "reason"]
    readonly_fields = ["article", "code", "target", "reason", "by", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ConfidentialAccess)
class ConfidentialAccessAdmin(admin.ModelAdmin):
    list_display = ["accessed_at", "user", "source", "context"]
    list_filter = ["accessed_at"]
    readonly_fields = ["accessed_at", "user", "source", "context"]

    def has_view_permission(self, request, obj=None):
        return can_view_confidential(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PolicyPage)
class PolicyPageAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "updated_at"]
    fields = ["kind", "title", "body"]
