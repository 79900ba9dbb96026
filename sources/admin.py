"""Admin for the source registry (first cut)."""

from django.contrib import admin

from .models import (
    Attribution,
    CommentRequest,
    ConfidentialAccess,
    Correction,
    PolicyPage,
    Source,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "descriptor", "affiliation", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "descriptor", "aliases", "affiliation"]


@admin.register(Attribution)
class AttributionAdmin(admin.ModelAdmin):
    list_display = ["article", "kind", "source", "anonymous", "public_descriptor"]
    list_filter = ["kind", "anonymous", "terms"]
    search_fields = ["article__headline", "source__name", "public_descriptor"]
    autocomplete_fields = ["article", "source"]
    exclude = ["editors_who_know"]


@admin.register(CommentRequest)
class CommentRequestAdmin(admin.ModelAdmin):
    list_display = ["article", "source", "asked_at", "method", "outcome"]
    list_filter = ["outcome", "method"]
    search_fields = ["article__headline", "source__name"]
    autocomplete_fields = ["article", "source"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "kind", "created_at", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["article__headline", "text"]
    autocomplete_fields = ["article"]


@admin.register(ConfidentialAccess)
class ConfidentialAccessAdmin(admin.ModelAdmin):
    list_display = ["accessed_at", "user", "source", "context"]
    readonly_fields = ["accessed_at", "user", "source", "context"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PolicyPage)
class PolicyPageAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "updated_at"]
