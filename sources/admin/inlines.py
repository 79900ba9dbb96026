"""Inlines the story admin shows from the sources app (attributions, comment requests, corrections).

The confidential side of a grant of anonymity (internal justification, basis, editors who
know) is not an attribution field: it is `AttributionConfidential`, behind the same gate as a
source's real identity. Staff with `sources.view_confidential_source` get
`ConfidentialAttributionForm`, which shows and saves that record through `sources.confidential`
(each view logged); everyone else gets `AttributionForm`, which has no such field at all, so
nothing can leak through the page, its POST data or a validation error.

The attribution form is grouped by what each kind of attribution needs (quoted words, another
outlet's report, a request for comment, the anonymity grant). Each group's fieldset carries
`attr-for-<kind>` / `attr-for-anonymous` classes; static/js/admin-attributions.js shows only the
groups that apply (and any group that already holds something). Without the script every
field shows.

Every inline allows only what `articles.workflow.permissions.can_edit` allows on the story; their
rows are saved with the story form, through `articles.workflow.save_article`. Corrections
can be added only to a story readers have seen. A published correction whose kind or text
is changed waits again for the next publish (`CorrectionEditForm`), and only an editor may
delete one.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth import get_user_model
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.html import format_html

from articles.workflow import permissions
from newsroom.admin_mixins import ChoosesRelatedMixin, PeopleByNameMixin
from newsroom.people import display_name
from newsroom.time_zone import ZonedSplitDateTime
from sources import confidential, corrections
from sources.models import (
    Attribution,
    AttributionConfidential,
    AttributionKind,
    CommentRequest,
    Correction,
)
from sources.permissions import can_view_confidential
from sources.standards import claim_corrections

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
CONFIDENTIAL_GRANT_FIELDS = ["internal_justification", "basis", "editors_who_know"]


class EditorChooser(FilteredSelectMultiple):
    """The admin's two-box chooser, wrapped as the admin wraps its own relation widgets, so
    the chooser that its script builds sits beside the field's label, not under it."""

    def render(self, name, value, attrs=None, renderer=None):
        chooser = super().render(name, value, attrs, renderer)
        return format_html('<div class="related-widget-wrapper">{}</div>', chooser)


def _staff_users():
    return get_user_model().objects.filter(is_staff=True, is_active=True)


class AttributionForm(forms.ModelForm):
    """An attribution as everyone sees it: nothing confidential in it."""

    user = None  # set by the admin

    class Meta:
        model = Attribution
        # The admin passes the fields it shows; these are the defaults for any other caller.
        fields = [
            *(
                name
                for item in ATTRIBUTION_FIELDS
                for name in (item if isinstance(item, tuple) else (item,))
            ),
            "approved_by",
            "approved_at",
        ]


class ConfidentialAttributionForm(AttributionForm):
    """For staff with the permission: the grant's confidential record, read and written only
    through `sources.confidential` (each read logged)."""

    internal_justification = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=AttributionConfidential._meta.get_field("internal_justification").help_text,
    )
    basis = forms.CharField(
        label="How the source knows",
        required=False,
        max_length=300,
        help_text="Editorial only.",
    )
    editors_who_know = forms.ModelMultipleChoiceField(
        queryset=_staff_users(),
        required=False,
        widget=EditorChooser("editors who know", is_stacked=False),
        help_text="Editors who know the source's identity. Never public.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["editors_who_know"].queryset = _staff_users()
        self.fields["editors_who_know"].label_from_instance = display_name
        if self.instance.pk is None:
            return
        record = confidential.attribution_record_for(
            user=self.user, attribution=self.instance, context="admin: attribution form"
        )
        if record is not None:
            self.initial.update(
                internal_justification=record.internal_justification,
                basis=record.basis,
                editors_who_know=list(record.editors_who_know.all()),
            )

    def _save_m2m(self):
        super()._save_m2m()
        if not any(name in self.changed_data for name in CONFIDENTIAL_GRANT_FIELDS):
            return
        confidential.save_attribution_record(
            user=self.user,
            attribution=self.instance,
            internal_justification=self.cleaned_data.get("internal_justification", ""),
            basis=self.cleaned_data.get("basis", ""),
            editors_who_know=self.cleaned_data.get("editors_who_know") or [],
        )


def attribution_fields(request) -> list:
    """The attribution form's fields for this user: confidential ones, and who approved the
    grant (one of the editors who know), only with the permission."""
    if can_view_confidential(request.user):
        return [*ATTRIBUTION_FIELDS, *ANONYMITY_GRANT_FIELDS, *CONFIDENTIAL_GRANT_FIELDS]
    return list(ATTRIBUTION_FIELDS)


def _group(*kinds: str) -> str:
    return " ".join(["attr-group", *(f"attr-for-{kind}" for kind in kinds)])


QUOTED, REPORTED_BY = AttributionKind.QUOTED.value, AttributionKind.REPORTED_BY.value
DECLINED, NO_RESPONSE = AttributionKind.DECLINED.value, AttributionKind.NO_RESPONSE.value


def attribution_fieldsets(request) -> list:
    """The same fields as `attribution_fields`, grouped for writing; same permission rule."""
    anonymity = [("public_descriptor", "source_count"), "anonymity_reason"]
    if can_view_confidential(request.user):
        anonymity += [*ANONYMITY_GRANT_FIELDS, *CONFIDENTIAL_GRANT_FIELDS]
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
            "The right-of-reply request",
            {"fields": ["comment_request"], "classes": [_group(DECLINED, NO_RESPONSE)]},
        ),
    ]


def attribution_readonly_fields(request) -> list[str]:
    # Approving anonymity is for an editor who may know the identity.
    return [] if can_view_confidential(request.user) else ["approved_by", "approved_at"]


def _current_article_id(request):
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("object_id") if match else None


def _grant_value(attribution, name: str) -> str:
    record = AttributionConfidential.objects.filter(attribution_id=attribution.pk).first()
    if record is None:
        return ""
    if name == "editors_who_know":
        return ", ".join(display_name(user) for user in record.editors_who_know.all())
    return getattr(record, name)


class AttributionFormMixin:
    """Shared by the story inline and the stand-alone attribution admin."""

    class Media:
        css = {"all": ["css/admin-attributions.css"]}
        js = ["js/admin-attributions.js"]

    def get_fields(self, request, obj=None):
        return attribution_fields(request)

    def get_fieldsets(self, request, obj=None):
        return attribution_fieldsets(request)

    def get_readonly_fields(self, request, obj=None):
        return attribution_readonly_fields(request)

    def attribution_form(self, request):
        """The form class for this user: one with confidential fields only with the permission."""
        base = (
            ConfidentialAttributionForm if can_view_confidential(request.user) else AttributionForm
        )
        bases = (base,) if issubclass(base, self.form) else (base, self.form)
        return type(base.__name__, bases, {"user": request.user})

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = self.attribution_form(request)
        return super().get_form(request, obj, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = self.attribution_form(request)
        return super().get_formset(request, obj, **kwargs)

    # What a permitted user sees when the story is read-only to them: the admin shows these
    # in place of the form fields (only permitted users' fieldsets name them).
    @admin.display(description="internal justification")
    def internal_justification(self, attribution):
        return _grant_value(attribution, "internal_justification")

    @admin.display(description="how the source knows")
    def basis(self, attribution):
        return _grant_value(attribution, "basis")

    @admin.display(description="editors who know")
    def editors_who_know(self, attribution):
        return _grant_value(attribution, "editors_who_know")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "approved_by":
            kwargs["queryset"] = _staff_users()
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "approved_by" and field is not None:
            field.label_from_instance = display_name  # people by name, not login
        return field


class StoryInlineMixin(ChoosesRelatedMixin):
    """An inline on the story page may change only what the story's editor may change.

    Its times are typed in the newsroom's zone, shown beside each one.
    """

    formfield_overrides = {models.DateTimeField: {"widget": ZonedSplitDateTime}}

    def _story_editable(self, request, obj) -> bool:
        return obj is None or permissions.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._story_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._story_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._story_editable(request, obj)


class AttributionInline(
    StoryInlineMixin, PeopleByNameMixin, AttributionFormMixin, admin.StackedInline
):
    """One line per attribution (kind, who, terms, the words); opens to edit."""

    people_fields = ("approved_by",)  # read-only: the approver's name, not their login

    model = Attribution
    template = "admin/sources/attribution/stacked.html"
    extra = 0
    autocomplete_fields = ["source"]
    classes = ["attributions"]

    def get_queryset(self, request):
        # A live entry's own sources are shown and changed with the entry, not here.
        return super().get_queryset(request).filter(entry=None).select_related("source")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "comment_request":
            # Only this story's requests: a reply recorded for another story backs nothing here.
            kwargs["queryset"] = CommentRequest.objects.filter(
                article_id=_current_article_id(request)
            ).select_related("source")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommentRequestInline(StoryInlineMixin, admin.StackedInline):
    """One block per request, each field labelled: as a table, three date-and-time columns
    made the rows 1,900 px wide, cut off by the 830 px writing column at 1366 px."""

    model = CommentRequest
    extra = 0
    autocomplete_fields = ["source"]
    fieldsets = [
        (
            None,
            {"fields": [("source", "method"), "asked_at", "deadline", ("outcome", "outcome_at")]},
        ),
        (None, {"fields": ["response"]}),
    ]


class CorrectionEditForm(forms.ModelForm):
    """Shared by the story inline and the stand-alone correction admin."""

    def clean_claim(self):
        claim = self.cleaned_data.get("claim", "")
        return claim_corrections.check_claim(claim) if claim.strip() else ""

    def save(self, commit=True):
        corrections.reopen_if_changed(self.instance, self.changed_data)
        return super().save(commit)


class CorrectionFormSet(forms.BaseInlineFormSet):
    """The inline's rows: a published correction's delete box is locked for non-editors."""

    user = None

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get(DELETION_FIELD_NAME)
        instance = form.instance
        if field is not None and instance.pk and not corrections.may_delete(self.user, instance):
            # Disabled: the browser shows it greyed out and a posted value is ignored.
            field.disabled = True
            field.widget.attrs["title"] = corrections.PUBLISHED_DELETE_REFUSED


class CorrectionInline(StoryInlineMixin, admin.TabularInline):
    model = Correction
    form = CorrectionEditForm
    formset = CorrectionFormSet
    template = "admin/edit_inline/tabular_plain.html"
    extra = 0
    fields = ["kind", "text", "claim", "created_at", "is_published"]
    readonly_fields = ["is_published"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset

    def has_add_permission(self, request, obj=None):

        return super().has_add_permission(request, obj) and corrections.can_be_corrected(obj)


ARTICLE_INLINES = [AttributionInline, CommentRequestInline, CorrectionInline]
