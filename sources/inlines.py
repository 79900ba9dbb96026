"""Inlines the story admin shows from the sources app (attributions, comment requests, corrections)."""

from django.contrib import admin

from .models import Attribution, CommentRequest, Correction
from .proposals_admin import PROPOSAL_INLINES


class AttributionInline(admin.StackedInline):
    model = Attribution
    extra = 0
    autocomplete_fields = ["source"]
    fields = [
        ("kind", "terms", "position"),
        "source",
        ("anonymous", "public_descriptor", "source_count"),
        "anonymity_reason",
        "quote",
        ("outlet_report", "reported_on"),
        "descriptor_as_written",
    ]


class CommentRequestInline(admin.TabularInline):
    model = CommentRequest
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "asked_at", "method", "deadline", "outcome", "outcome_at"]


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at", "is_published"]
    readonly_fields = ["is_published"]


ARTICLE_INLINES = [AttributionInline, CommentRequestInline, CorrectionInline, *PROPOSAL_INLINES]
