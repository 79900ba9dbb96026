"""Admin for the source registry, attributions, right of reply, corrections and policies.

Confidential source records are an inline on the source page that exists only for staff with
`sources.view_confidential_source`; each time it is shown the access is logged through
`sources.confidential`. Merging duplicates and searching by alias call `sources.registry`.

Attributions, comment requests and corrections belong to a story: their stand-alone pages
allow what the story allows (`articles.workflow.permissions.can_edit` on the story), offer only
stories the user may edit, and every save or delete goes through
`articles.workflow.transitions.touch_article`, so a change to a live story makes it "live + draft",
bumps its version and keeps a revision, like an edit of the story itself. Changing the words
of a published correction sends it back to wait for the next publish; only editors delete a
published correction.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles import workflow
from articles.models import Article
from articles.workflow import permissions
from newsroom.admin_mixins import RecordAdminMixin
from sources import corrections
from sources.admin.audit import audit_view
from sources.admin.inlines import (
    AttributionFormMixin,
    CorrectionEditForm,
)
from sources.admin.source_corrections import citing_stories_view, repeating_stories_view
from sources.confidential import confidential_record_for
from sources.lookup import search_sources
from sources.models import (
    Attribution,
    CommentRequest,
    ConfidentialAccess,
    Correction,
    PolicyKind,
    PolicyPage,
    Source,
    SourceConfidential,
    StandardsOverride,
)
from sources.permissions import can_merge_sources, can_view_confidential
from sources.registry import (
    PUBLIC_FIELDS_LOCKED,
    PUBLIC_SOURCE_FIELDS,
    may_change_public_fields,
    merge_sources,
    save_source,
    source_stories,
)


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
    list_filter = ["kind", "voice", "standing", "is_active"]
    search_fields = ["name"]  # extended to aliases, descriptor, affiliation in get_search_results
    search_help_text = "Search by name, alias, descriptor or affiliation."
    fields = [
        "kind",
        "name",
        "descriptor",
        "aliases",
        "affiliation",
        "voice",
        "url",
        "standing",
        "standing_note",
        "is_active",
        "stories",
    ]
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

    def get_urls(self):
        audit = self.admin_site.admin_view(lambda request: audit_view(request, self.admin_site))
        citing = self.admin_site.admin_view(
            lambda request, source_id: citing_stories_view(request, self.admin_site, source_id)
        )
        return [
            path("audit/", audit, name="sources_source_audit"),
            path("<str:source_id>/citing/", citing, name="sources_source_citing"),
            *super().get_urls(),
        ]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search_sources(query=search_term, queryset=queryset), False

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not may_change_public_fields(request.user, obj):
            readonly += PUBLIC_SOURCE_FIELDS
        return readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        source = self.get_object(request, object_id)
        if (
            request.method == "GET"
            and source is not None
            and self.has_change_permission(request, source)
            and not may_change_public_fields(request.user, source)
        ):
            self.message_user(request, PUBLIC_FIELDS_LOCKED, messages.INFO)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        save_source(user=request.user, source=obj)

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
        correct = ""
        if source.standing:
            correct = format_html(
                '<p><a href="{}">The live stories citing it, to correct</a></p>',
                reverse("admin:sources_source_citing", args=[source.pk]),
            )
        return format_html(
            "{}<ul>{}</ul>",
            correct,
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
        return can_merge_sources(request.user)

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
                "and right-of-reply requests now point to it.",
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
        return TemplateResponse(request, "admin/sources/source/merge_sources.html", context)


class StoryPartForm(forms.ModelForm):
    """The story chosen must be one the user may edit (the admin sets `user`)."""

    user = None

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article")
        if article is not None and not permissions.can_edit(self.user, article):
            self.add_error(
                "article",
                ValidationError(
                    "You may not edit “%(headline)s” (%(position)s), so you cannot change its "
                    "sources or corrections.",
                    params={
                        "headline": article.headline,
                        "position": workflow.POSITION_LABELS.get(
                            workflow.position(article), article.state
                        ),
                    },
                    code="story_not_editable",
                ),
            )
        return cleaned


class CorrectionForm(CorrectionEditForm, StoryPartForm):
    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article")
        if article is not None and not corrections.can_be_corrected(article):
            self.add_error(
                "article",
                ValidationError(
                    "A correction needs a published story: “%(headline)s” has not been "
                    "published yet, so there is nothing to correct.",
                    params={"headline": article.headline},
                    code="correction_needs_published_story",
                ),
            )
        return cleaned


NOT_EDITABLE_CHOICE = "Choose a story you may edit: that one is not open to you."


def _may_edit_a_story(request) -> bool:
    """Whether the user may edit some story now: asked once per request (every story part's
    admin asks it for the sidebar's links, on every admin page)."""
    if not hasattr(request, "_may_edit_a_story"):
        request._may_edit_a_story = permissions.editable_articles(request.user).exists()
    return request._may_edit_a_story


class StoryPartAdminMixin:
    """For models that belong to a story: the story's edit rule, and saves through the workflow."""

    form = StoryPartForm

    def has_add_permission(self, request):
        return super().has_add_permission(request) and _may_edit_a_story(request)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.can_edit(request.user, obj.article)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.can_edit(request.user, obj.article)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = permissions.editable_articles(request.user)
            kwargs["error_messages"] = {"invalid_choice": NOT_EDITABLE_CHOICE}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _touch(self, request, article_ids, what: str) -> None:
        for article in Article.objects.filter(pk__in=sorted(set(article_ids))).order_by("pk"):
            # A refusal is a WorkflowPermissionError, itself a PermissionDenied.
            workflow.touch_article(request.user, article, comment=what)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Chosen once: moving it to another story would change two stories behind their backs.
        return [*readonly, "article"] if obj is not None else readonly

    # The story is touched after the change, in its transaction: its revision and findings
    # counts hold the change, and a refusal rolls the change back.
    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            verb = "Changed" if change else "Added"
            name = self.model._meta.verbose_name
            super().save_model(request, obj, form, change)
            self._touch(request, [obj.article_id], f"{verb} {name}: {obj}")

    def delete_model(self, request, obj):
        with transaction.atomic():
            what = f"Deleted {self.model._meta.verbose_name}: {obj}"
            super().delete_model(request, obj)
            self._touch(request, [obj.article_id], what)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            name = self.model._meta.verbose_name_plural
            article_ids = list(queryset.values_list("article_id", flat=True))
            super().delete_queryset(request, queryset)
            self._touch(request, article_ids, f"Deleted {name}")


@admin.register(Attribution)
class AttributionAdmin(StoryPartAdminMixin, AttributionFormMixin, admin.ModelAdmin):
    list_display = ["article", "kind", "source", "anonymous", "public_descriptor"]
    list_filter = ["kind", "anonymous", "terms"]
    search_fields = ["article__headline", "source__name", "public_descriptor"]
    autocomplete_fields = ["article", "source"]
    list_select_related = ["article", "source"]

    def get_fields(self, request, obj=None):
        return ["article", *super().get_fields(request, obj)]

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": ["article"]}), *super().get_fieldsets(request, obj)]


@admin.register(CommentRequest)
class CommentRequestAdmin(StoryPartAdminMixin, admin.ModelAdmin):
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
class CorrectionAdmin(StoryPartAdminMixin, admin.ModelAdmin):
    form = CorrectionForm
    list_display = ["article", "kind", "created_at", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["article__headline", "text"]
    autocomplete_fields = ["article"]
    list_select_related = ["article"]
    fields = ["article", "kind", "text", "claim", "created_at", "is_published", "repeats"]
    readonly_fields = ["is_published", "repeats"]

    def get_urls(self):
        repeats = self.admin_site.admin_view(
            lambda request, correction_id: repeating_stories_view(
                request, self.admin_site, correction_id
            )
        )
        return [
            path("<str:correction_id>/repeats/", repeats, name="sources_correction_repeats"),
            *super().get_urls(),
        ]

    @admin.display(description="other stories repeating the claim")
    def repeats(self, correction: Correction):
        if correction.pk is None or not correction.claim:
            return "Name the claim it corrects to find the other live stories repeating it."
        return format_html(
            '<a href="{}">The live stories repeating this claim, to correct</a>',
            reverse("admin:sources_correction_repeats", args=[correction.pk]),
        )

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return corrections.may_delete(request.user, obj)

    def delete_queryset(self, request, queryset):
        # The bulk action asks has_delete_permission without a correction: ask for each one.
        if not all(corrections.may_delete(request.user, c) for c in queryset):
            raise PermissionDenied(corrections.PUBLISHED_DELETE_REFUSED)
        super().delete_queryset(request, queryset)


@admin.register(StandardsOverride)
class StandardsOverrideAdmin(RecordAdminMixin, admin.ModelAdmin):
    """The record of warnings editors published despite. Written by the publish transition."""

    list_display = ["created_at", "article", "code", "target", "by"]
    list_filter = ["code"]
    search_fields = ["article__headline", "code", "reason"]
    readonly_fields = ["article", "code", "target", "reason", "by", "created_at"]


@admin.register(ConfidentialAccess)
class ConfidentialAccessAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["accessed_at", "user", "source", "context"]
    list_filter = ["accessed_at"]
    readonly_fields = ["accessed_at", "user", "source", "context"]

    def has_view_permission(self, request, obj=None):
        return can_view_confidential(request.user)


@admin.register(PolicyPage)
class PolicyPageAdmin(admin.ModelAdmin):
    """Editors write the pages; every kind's page exists from the migrations and stays, so the
    footer's and the JSON-LD's links never lead to a 404."""

    list_display = ["title", "kind", "updated_at"]
    fields = ["kind", "title", "description", "body"]
    search_fields = ["title", "body"]

    def get_readonly_fields(self, request, obj=None):
        return ["kind"] if obj is not None else []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The description is a sentence or two: shown whole, not in a one-line box.
        if db_field.name == "description":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})
        if db_field.name == "body":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 20, "class": "vLargeTextField"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request):
        # One page per kind: once each has its page there is nothing left to add. Counted
        # once per request (the sidebar asks on every admin page).
        if not hasattr(request, "_policy_kinds_missing"):
            request._policy_kinds_missing = PolicyPage.objects.count() < len(PolicyKind)
        return request._policy_kinds_missing and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
