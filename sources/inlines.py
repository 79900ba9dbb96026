"""Inlines the story admin shows from the sources app (attributions, comment requests, corrections).

Confidential attribution fields (internal justification, basis, editors who know) appear only
for staff with `sources.view_confidential_source`; for everyone else they are not in the form
at all, so they cannot leak through the page, its POST data or a validation error.

The attribution form is grouped by what each kind of attribution needs (quoted words, another
outlet's report, a request for comment, the anonymity grant). Each group's fieldset carries
`attr-for-<kind>` / `attr-for-anonymous` classes; static/js/admin-attributions.js shows only the
groups that apply (and any group that already holds something). Without the script every
field shows.

Every inline allows only what `articles.permissions.can_edit` allows on the story; their
rows are saved with the story form, through `articles.workflow.save_article`. Corrections
can be added only to a story readers have seen. A published correction whose kind or text
is changed waits again for the next publish (`CorrectionEditForm`), and only an editor may
delete one.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.forms.formsets import DELETION_FIELD_NAME

from articles import permissions

from .confidential import CONFIDENTIAL_ATTRIBUTION_FIELDS, can_view_confidential
from .models import Attribution, AttributionKind, CommentRequest, Correction
from .proposals_admin import PROPOSAL_INLINES

ATTRIBUTION_FIELDS = [
    ("kind", "terms", "position"),
    "source",
    ("anonymous", "public_descriptor", "source_count"),
    "anonymity_reason",
    "quote",
    ("outlet_report", "reported_on"),
    "descriptor_as_written",
    "comment_request",
]
ANONYMITY_GRANT_FIELDS = [("approved_by", "approved_at")]
CONFIDENTIAL_GRANT_FIELDS = list(CONFIDENTIAL_ATTRIBUTION_FIELDS)


def attribution_fields(request) -> list:
    """The attribution form's fields for this user: confidential ones only with the permission."""
    if can_view_confidential(request.user):
        return [*ATTRIBUTION_FIELDS, *ANONYMITY_GRANT_FIELDS, *CONFIDENTIAL_GRANT_FIELDS]
    return [*ATTRIBUTION_FIELDS, *ANONYMITY_GRANT_FIELDS]


def _group(*kinds: str) -> str:
    return " ".join(["attr-group", *(f"attr-for-{kind}" for kind in kinds)])


QUOTED, REPORTED_BY = AttributionKind.QUOTED.value, AttributionKind.REPORTED_BY.value
DECLINED, NO_RESPONSE = AttributionKind.DECLINED.value, AttributionKind.NO_RESPONSE.value


def attribution_fieldsets(request) -> list:
    """The same fields as `attribution_fields`, grouped for writing; same permission rule."""
    anonymity = [
        ("public_descriptor", "source_count"),
        "anonymity_reason",
        *ANONYMITY_GRANT_FIELDS,
    ]
    if can_view_confidential(request.user):
        anonymity += CONFIDENTIAL_GRANT_FIELDS
    return [
        (
            None,
            {
                "fields": [("kind", "terms", "position"), "source", "descriptor_as_written"],
                "classes": ["attr-main"],
            },
        ),
        (None, {"fields": ["anonymous"], "classes": ["attr-main attr-anonymous-switch"]}),
        ("Anonymity", {"fields": anonymity, "classes": [_group("anonymous")]}),
        ("Quoted words", {"fields": ["quote"], "classes": [_group(QUOTED)]}),
        (
            "The other outlet's report",
            {"fields": [("outlet_report", "reported_on")], "classes": [_group(REPORTED_BY)]},
        ),
        (
            "Request for comment",
            {"fields": ["comment_request"], "classes": [_group(DECLINED, NO_RESPONSE)]},
        ),
    ]


def attribution_readonly_fields(request) -> list[str]:
    # Approving anonymity is for an editor who may know the identity.
    return [] if can_view_confidential(request.user) else ["approved_by", "approved_at"]


def _current_article_id(request):
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("object_id") if match else None


class AttributionFormMixin:
    """Shared by the story inline and the stand-alone attribution admin."""

    filter_horizontal = ["editors_who_know"]

    class Media:
        css = {"all": ["css/admin-attributions.css"]}
        js = ["js/admin-attributions.js"]

    def get_fields(self, request, obj=None):
        return attribution_fields(request)

    def get_fieldsets(self, request, obj=None):
        return attribution_fieldsets(request)

    def get_readonly_fields(self, request, obj=None):
        return attribution_readonly_fields(request)

    def get_exclude(self, request, obj=None):
        # Belt and braces: even a custom form may not carry a confidential field to this user.
        return [] if can_view_confidential(request.user) else list(CONFIDENTIAL_ATTRIBUTION_FIELDS)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "approved_by":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "editors_who_know":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StoryInlineMixin:
    """An inline on the story page may change only what the story's editor may change."""

    def _story_editable(self, request, obj) -> bool:
        return obj is None or permissions.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._story_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._story_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._story_editable(request, obj)


class AttributionInline(StoryInlineMixin, AttributionFormMixin, admin.StackedInline):
    """One line per attribution (kind, who, terms, the words); opens to edit."""

    model = Attribution
    template = "admin/sources/attribution/stacked.html"
    extra = 0
    autocomplete_fields = ["source"]
    classes = ["attributions"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "comment_request":
            # Only this story's requests: a reply recorded for another story backs nothing here.
            kwargs["queryset"] = CommentRequest.objects.filter(
                article_id=_current_article_id(request)
            ).select_related("source")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommentRequestInline(StoryInlineMixin, admin.TabularInline):
    model = CommentRequest
    template = "admin/edit_inline/tabular_plain.html"
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "asked_at", "method", "deadline", "outcome", "outcome_at", "response"]


# What readers see of a correction: changing it needs the approval of the next publish.
CORRECTION_PUBLIC_FIELDS = ("kind", "text")
PUBLISHED_CORRECTION_DELETE = "Only an editor may delete a published correction."


def reopen_correction(correction: Correction) -> None:
    """A published correction whose words changed goes live again only with the next publish.

    Not saved here (the form's caller saves). The public snapshot keeps the approved words
    until then: it is rewritten only by a publish, which approves the correction again.
    """
    correction.is_published = False
    correction.approved_by = None
    correction.revision = None


def may_delete_correction(user, correction: Correction) -> bool:
    """A published correction is part of the record: only editors take one down."""
    return not correction.is_published or permissions.is_editor(user)


class CorrectionEditForm(forms.ModelForm):
    """Shared by the story inline and the stand-alone correction admin."""

    def save(self, commit=True):
        correction = self.instance
        if (
            correction.pk
            and correction.is_published
            and any(name in self.changed_data for name in CORRECTION_PUBLIC_FIELDS)
        ):
            reopen_correction(correction)
        return super().save(commit)


class CorrectionFormSet(forms.BaseInlineFormSet):
    """The inline's rows: a published correction's delete box is locked for non-editors."""

    user = None

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get(DELETION_FIELD_NAME)
        instance = form.instance
        if field is not None and instance.pk and not may_delete_correction(self.user, instance):
            # Disabled: the browser shows it greyed out and a posted value is ignored.
            field.disabled = True
            field.widget.attrs["title"] = PUBLISHED_CORRECTION_DELETE


class CorrectionInline(StoryInlineMixin, admin.TabularInline):
    model = Correction
    form = CorrectionEditForm
    formset = CorrectionFormSet
    template = "admin/edit_inline/tabular_plain.html"
    extra = 0
    fields = ["kind", "text", "created_at", "is_published"]
    readonly_fields = ["is_published"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset

    def has_add_permission(self, request, obj=None):
        from articles.workflow import has_been_public

        # A correction needs a published story (the publish refuses one on a first publication).
        return super().has_add_permission(request, obj) and obj is not None and has_been_public(obj)


ARTICLE_INLINES = [AttributionInline, CommentRequestInline, CorrectionInline, *PROPOSAL_INLINES]
