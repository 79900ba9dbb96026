"""Admin for stories, sections and images. Declarative; workflow buttons call articles.workflow.transitions.

The story page carries the workflow panel (buttons for the moves this user may make now,
the standards findings with override reasons), the timeline (revisions, workflow events,
editorial notes), revision diffs and restore, previews and share links. The views here
only parse the request and call `workflow`, `revisions` and `preview`; refusals come back
as admin messages.
"""

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.admin import image_chooser
from articles.admin.autosave import autosave_view
from articles.admin.presence import presence_urls
from articles.admin.review_chains import (
    ChainSummaryChangeList,
    chain_summary_cell,
)
from articles.admin.reviewer import assign_reviewer_action, reviewer_label, reviewer_view, reviewers
from articles.admin.tags import suggest_tags
from articles.admin.widgets import LeadImageWidget, TagSuggestWidget
from articles.images import renditions as images
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleState,
    EditorialNote,
    Image,
    PublicStatus,
    PublishedArticle,
    ReviewQueueItem,
    Section,
    WorkflowEvent,
)
from articles.public import rerender
from articles.workflow import desk, permissions, preview, revisions
from articles.workflow import transitions as workflow
from articles.workflow.byline import WriterFirstBylineMixin
from articles.workflow.embargo import badge as embargo_badge
from articles.workflow.embargo import banner_text as embargo_banner_text
from newsroom.admin_mixins import DateHierarchyMixin, RecordAdminMixin
from newsroom.html import sanitize_html
from newsroom.time_zone import ZonedSplitDateTime, newsroom_time
from sources.admin.inlines import (
    ARTICLE_INLINES,
    approval_comment,
    approve_anonymity_in_save,
    can_approve_anonymity,
    posted_approval,
)
from sources.admin.proposals import (
    pending_proposals,
    posted_proposal_step,
    proposal_rows,
    story_proposal_step,
)
from sources.proposals import accepted_proposal_comment, proposals_refresh
from sources.standards import check_article, proposal_fixing

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Newsroom"
admin.site.add_to_start_page(desk.start_page_context)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # Published stories show the section's name: re-render them in the background.
            rerender.rerender_section_on_commit(obj)
            self.message_user(
                request, f"The published stories of {obj.name} are being updated with its new name."
            )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """Images follow the edit rule of the stories using them; changes go through the workflow."""

    form = image_chooser.ImageAdminForm

    list_display = [
        "preview",
        "alt_text",
        "credit",
        "width",
        "height",
        "uploaded_by",
        "uploaded_at",
    ]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["focal_point_picker", "width", "height", "uploaded_by", "used_by"]
    fields = [
        "file",
        "focal_point_picker",
        ("focal_x", "focal_y"),
        "alt_text",
        "caption",
        "credit",
        "width",
        "height",
        "uploaded_by",
        "used_by",
    ]

    class Media:
        js = ["js/admin-image-drop.js"]
        css = {"all": ["css/admin-image-drop.css"]}

    @admin.display(description="Preview")
    def preview(self, image: Image):
        if not image.file:
            return "—"
        return format_html('<img class="image-list-thumb" src="{}" alt="">', image.file.url)

    @admin.display(description="Preview and focal point")
    def focal_point_picker(self, image: Image):
        if not image.file:
            return "—"
        # Click the picture to set the focal point fields (admin-image-drop.js).
        return format_html(
            '<span class="focal-picker" data-focal-picker data-focal-x="id_focal_x"'
            ' data-focal-y="id_focal_y"><img class="focal-picker-image" src="{}" alt="">'
            '<span class="focal-marker" aria-hidden="true"></span></span>',
            image.file.url,
        )

    @admin.display(description="Lead image of")
    def used_by(self, image: Image):
        stories = list(permissions.stories_using_image(image)) if image.pk else []
        if not stories:
            return "No story"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> ({})',
            (
                (reverse("admin:articles_article_change", args=[a.pk]), a.headline, a.state_label)
                for a in stories
            ),
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if (
            request.path == reverse("admin:autocomplete")
            and request.GET.get("app_label") == "articles"
            and request.GET.get("model_name") == "article"
            and request.GET.get("field_name") == "lead_image"
        ):
            # Choosing a story's lead image: only the pictures this user may choose (the story
            # form refuses any other).
            queryset = permissions.choosable_lead_images(request.user, queryset)
        return queryset, may_have_duplicates

    def get_urls(self):
        # The story form's lead image field uploads and lists pictures through these.
        wrap = self.admin_site.admin_view
        return [
            path(
                "drop-upload/",
                wrap(image_chooser.drop_upload_view),
                name="articles_image_drop_upload",
            ),
            path("library/", wrap(image_chooser.library_view), name="articles_image_library"),
            *super().get_urls(),
        ]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.can_change_image(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.can_delete_image(request.user, obj)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if not change:
                obj.uploaded_by = request.user
            elif form.has_changed():
                # The next publish carries the new picture or words: each story is edited,
                # so a live one becomes "live + draft" and the change goes through review.
                what = ", ".join(form.changed_data)
                for article in permissions.stories_using_image(obj):
                    # A refusal is a WorkflowPermissionError, itself a PermissionDenied.
                    workflow.touch_article(
                        request.user, article, comment=f"Changed lead image ({what}): {obj}"
                    )
            super().save_model(request, obj, form, change)
            if change and {"focal_x", "focal_y"} & set(form.changed_data):
                images.remake_crops(obj)

    def delete_queryset(self, request, queryset):
        # The bulk action asks has_delete_permission without an image: ask for each one.
        if not all(permissions.can_delete_image(request.user, image) for image in queryset):
            raise PermissionDenied("You may not delete one of these images.")
        super().delete_queryset(request, queryset)


class ArticleAuthorInline(WriterFirstBylineMixin, admin.TabularInline):
    model = ArticleAuthor
    template = "admin/edit_inline/tabular_plain.html"
    verbose_name = "author"
    verbose_name_plural = "Byline"
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]


MISSING_VERSION = (
    "This save did not say which version of the story it started from, so it could "
    "overwrite someone else's changes. Nothing was saved: copy what you need from the form "
    "below, open the story again and make your edit there."
)


LEAD_IMAGE_NOT_CHOOSABLE = (
    "You may choose as lead image only a picture you uploaded or one already published with "
    "a story; “%(image)s” is neither. Drop the picture on the lead image field to upload it, "
    "or ask an editor to choose it."
)


class ArticleForm(forms.ModelForm):
    """The story form, carrying the version the editor started from (optimistic lock).

    The admin sets `user` on the form class (see `ArticleAdmin.get_form`): the lead image
    must be one that user may choose (`permissions.choosable_lead_images`).
    """

    user = None

    expected_version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,  # required on change: see __init__
        error_messages={"required": MISSING_VERSION, "invalid": MISSING_VERSION},
    )

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "dek",
            "body",
            "seo_headline",
            "social_headline",
            "section",
            "tags",
            "lead_image",
            "dateline",
            "kind_of_work",
            "how_we_reported",
            "embargo_until",
        ]
        widgets = {"tags": TagSuggestWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A change must carry the version it started from, or the optimistic lock is moot.
            self.fields["expected_version"].initial = self.instance.version
            self.fields["expected_version"].required = True
        # Written for writing: a headline that wraps (a one-line input clipped long ones), a
        # short dek. Enter is kept out of the headline by admin-story-counts.js.
        if "headline" in self.fields:
            headline = self.fields["headline"]
            headline.widget = forms.Textarea(
                attrs={
                    "class": "vTextField story-headline",
                    "placeholder": "Headline",
                    "rows": 1,
                    "maxlength": headline.max_length,
                }
            )
        if "dek" in self.fields:
            self.fields["dek"].widget.attrs.update({"rows": 3, "class": "story-dek"})
        if "slug" in self.fields:
            self.fields["slug"].widget.attrs.update({"class": "vTextField story-slug"})
        if "lead_image" in self.fields:
            # A thumbnail, a drop zone and the library instead of a list of alt texts.
            self.fields["lead_image"].widget = LeadImageWidget()

    def clean_headline(self):
        # The headline wraps on screen but is one line: a pasted line break becomes a space.
        return " ".join((self.cleaned_data.get("headline") or "").split())

    def clean_lead_image(self):
        image = self.cleaned_data.get("lead_image")
        if image is None or (self.instance.pk and image.pk == self.instance.lead_image_id):
            # Keeping the picture the story already has is not choosing one.
            return image
        if not permissions.can_choose_lead_image(self.user, image):
            raise ValidationError(
                LEAD_IMAGE_NOT_CHOOSABLE, params={"image": image}, code="lead_image_not_choosable"
            )
        return image

    # Set by the admin when the save service refused this very form (`ArticleAdmin.changeform_view`).
    refused_save = None

    def clean(self):
        cleaned = super().clean()
        if self.refused_save is not None:
            raise ValidationError(str(self.refused_save), code=self.refused_save.code)
        return cleaned


def _changes_requested(article: Article) -> bool:
    """Whether the story waits on an editor's change request (lists annotate `last_move`)."""
    if article.state != ArticleState.DRAFT:
        return False
    if hasattr(article, "last_move_action"):
        return article.last_move_action == "request_changes"
    return workflow.change_request(article) is not None


def _with_last_move(queryset):
    """Each story's last move between states, read in the list's one query."""
    last = WorkflowEvent.objects.filter(article=OuterRef("pk")).exclude(
        action__in=workflow.NOT_MOVES
    )
    return queryset.annotate(
        last_move_action=Subquery(last.order_by("-created_at", "-pk").values("action")[:1])
    )


def _badge(article: Article, now=None) -> str:
    snapshot = getattr(article, "snapshot", None) if _has_snapshot(article) else None
    label, css = article.state_label, article.state
    if _changes_requested(article):
        label, css = "Changes requested", "changes-requested"
    live = snapshot is not None and snapshot.status == PublicStatus.LIVE
    if live and snapshot.published_at > (now or timezone.now()):
        local = timezone.localtime(snapshot.published_at)
        label, css = f"Scheduled {local:%b %-d, %H:%M %Z}", "scheduled"
    if article.has_unpublished_changes and article.state != ArticleState.PUBLISHED:
        css = f"live {css}"
    return format_html(
        '<span class="state-badge state-{}">{}</span>{}',
        css,
        label,
        embargo_badge(article, now=now),
    )


def _duration(since, now=None) -> str:
    """ "12 min", "3 h 5 min", "4 days": how long ago, for a column an editor scans."""
    minutes = max(0, int(((now or timezone.now()) - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60} min"
    return f"{minutes // (24 * 60)} days"


def _waiting(article: Article, now=None):
    """How long a story in review has waited for an editor; empty for the others."""
    if article.state != ArticleState.IN_REVIEW or article.submitted_at is None:
        return ""
    minutes = ((now or timezone.now()) - article.submitted_at).total_seconds() / 60
    css = "waiting waiting-long" if minutes >= 24 * 60 else "waiting"
    return format_html('<span class="{}">{}</span>', css, _duration(article.submitted_at, now))


FINDING_TARGETS = {
    "headline": ("Headline", "#id_headline"),
    "dek": ("Dek", "#id_dek"),
    "body": ("Body", "#id_body"),
    "section": ("Section", "#id_section"),
    "authors": ("Byline", "#author_links-group"),
    "lead_image": ("Lead image", "#id_lead_image"),
}


def _reviewing(article: Article) -> str:
    """Who reviews a story in review ("Ana Ruiz, due Tue 14:00 EST"), or ""."""
    if article.state != ArticleState.IN_REVIEW or article.reviewer is None:
        return ""
    name = reviewer_label(article.reviewer)
    if article.review_due_at:
        return f"{name}, due {newsroom_time(article.review_due_at)}"
    return name


def _finding_rows(article: Article, findings, proposals=(), *, approver=False) -> list[dict]:
    """Each finding with the field or attribution it concerns, named and linked on the page,
    and the assistant's pending proposal that fixes it, when there is one. For an `approver`
    (who may approve anonymity on this story) an unapproved source says so, not "ask X"."""
    attributions = {}
    if any(f.target.startswith("attribution:") for f in findings):
        attributions = {str(a.pk): a for a in article.attributions.select_related("source")}
    rows = []
    for finding in findings:
        label, href = FINDING_TARGETS.get(finding.target, (finding.target, ""))
        if finding.target.startswith("attribution:"):
            pk = finding.target.partition(":")[2]
            attribution = attributions.get(pk)
            label = f"Attribution: {attribution}" if attribution else "Attribution"
            href = f"#attribution-{pk}"
        rows.append(
            {
                "finding": finding,
                "target_label": label,
                "target_href": href,
                "override_name": _override_name(finding, findings),
                "proposal": proposal_fixing(finding, proposals),
                "message": (
                    f"{label}: its anonymity is not approved yet. You may approve it: "
                    "“Approve anonymity — I know who this is” on the attribution."
                    if approver and finding.code == "anon_not_approved"
                    else finding.message
                ),
            }
        )
    return rows


def _override_name(finding, findings) -> str:
    """The override input's name: one per finding (code, plus the target when codes repeat)."""
    if sum(1 for f in findings if f.code == finding.code) == 1:
        return f"override_{finding.code}"
    return f"override_{finding.code}:{finding.target}"


def _posted_overrides(post) -> dict[str, str]:
    """{"code" or "code:target": reason} from the workflow form's override inputs."""
    return {
        key.removeprefix("override_"): value
        for key, value in post.items()
        if key.startswith("override_") and value.strip()
    }


def _has_snapshot(article: Article) -> bool:
    try:
        return article.snapshot is not None
    except PublishedArticle.DoesNotExist:
        return False


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


# Each action that needs words reads its own field, so a note typed for one action is never
# posted as another's (an editor's note to the reporter must not become a public retraction).
NOTE_FIELDS = {
    "submit": "submit_note",
    "request_changes": "changes_note",
    "spike": "spike_note",
    "cancel_schedule": "cancel_schedule_note",
}
UNPUBLISH_NOTE_FIELDS = {
    PublicStatus.RETRACTED: "retraction_notice",
    PublicStatus.WITHDRAWN: "withdraw_note",
}
WORKFLOW_FIELDS = [
    "action",
    "at",
    "reschedule_at",
    "correction_kind",
    "correction_text",
    "mode",
    "break_embargo_reason",
    *NOTE_FIELDS.values(),
    *UNPUBLISH_NOTE_FIELDS.values(),
]


FORWARD_ACTIONS = {"submit", "withdraw", "publish", "restore"}
TAKEDOWN_ACTIONS = {"unpublish", "spike"}


def _action_note(post, action: str) -> str:
    """The note typed in `action`'s own box ("" for actions that take none, such as publish)."""
    if action == "unpublish":
        field = UNPUBLISH_NOTE_FIELDS.get(post.get("mode", ""))
    else:
        field = NOTE_FIELDS.get(action)
    return post.get(field, "").strip() if field else ""


def _workflow_session_key(article: Article) -> str:
    return f"workflow_input:{article.pk}"


def _keep_workflow_input(request, article: Article, error: Exception) -> None:
    """Keep what was typed in the workflow panel for the page the refusal redirects to."""
    kept = {name: request.POST.get(name, "") for name in WORKFLOW_FIELDS}
    kept["overrides"] = {
        key: value for key, value in request.POST.items() if key.startswith("override_")
    }
    kept["error"] = str(error)
    request.session[_workflow_session_key(article)] = kept


def _take_workflow_input(request, article: Article) -> dict:
    """What `_keep_workflow_input` kept for this story, once (the next visit starts empty)."""
    session = getattr(request, "session", None)
    if session is None:
        return {}
    kept = session.pop(_workflow_session_key(article), None) or {}
    return kept if isinstance(kept, dict) else {}


def _parse_local_datetime(value: str) -> datetime | None:
    """A <input type="datetime-local"> value in the newsroom's time zone, or None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise workflow.WorkflowError(
            f"“{value}” is not a date and time: use the picker or YYYY-MM-DD HH:MM.",
            code="time_invalid",
        ) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


STORY_PART_MODELS = {"attribution", "commentrequest", "correction"}

PROPOSAL_REVISION_COMMENTS = {
    "dismiss": "Saved, dismissing one of the sourcing assistant's proposals",
}


@admin.register(Article)
class ArticleAdmin(DateHierarchyMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
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
    save_on_top = False  # the story page's save buttons sit in its side panel
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
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    readonly_fields = ["record"]
    inlines = [ArticleAuthorInline, *ARTICLE_INLINES]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"], "classes": ["story-text"]}),
        (
            "Headlines for search and social",
            {"fields": ["seo_headline", "social_headline"], "classes": ["collapse", "story-alt"]},
        ),
        (
            "Placement",
            {"fields": [("section", "kind_of_work"), "tags", "lead_image", "dateline"]},
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
                "css/admin-embargo.css",
                "css/admin-review-chain.css",
            ]
        }
        js = [
            "js/admin-story-draft.js",
            "js/admin-story-autosave.js",
            "js/admin-story-presence.js",
            "js/admin-story-counts.js",
            "js/admin-accessible-names.js",
        ]

    def changelist_view(self, request, extra_context=None):
        # The story list needs the page's width for its columns and filters (1366px and up
        # shows them all): no app sidebar here; the start page and breadcrumbs lead elsewhere.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return _with_last_move(
            super()
            .get_queryset(request)
            .select_related("section", "snapshot", "reviewer")
            .prefetch_related("author_links__author")
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if (
            request.path == reverse("admin:autocomplete")
            and request.GET.get("app_label") == "sources"
            and request.GET.get("model_name") in STORY_PART_MODELS
            and request.GET.get("field_name") == "article"
        ):
            # Choosing the story of an attribution, comment request or correction: only the
            # stories this user may edit (the form refuses any other).
            queryset = permissions.editable_articles(request.user, queryset)
        return queryset, may_have_duplicates

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # the lead image must be one this user may choose
        form.refused_save = getattr(request, "refused_save", None)
        return form

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
        by = "—"
        if article.created_by_id:
            by = article.created_by.get_full_name() or article.created_by.username
        scheduled = workflow.position(article) == workflow.SCHEDULED
        return format_html(
            "{} · version {} · created {} by {} · last saved {}",
            "Scheduled" if scheduled else article.state_label,
            article.version,
            f"{created:%b %-d, %Y %H:%M %Z}",
            by,
            f"{updated:%b %-d, %Y %H:%M %Z}",
        )

    @admin.display(description="Body")
    def body_as_read(self, article: Article):
        return mark_safe(sanitize_html(article.body))  # noqa: S308  (sanitized by the allow-list)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_edit(request.user, obj)

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if obj is not None and not permissions.can_edit(request.user, obj):
            # Seeing a story one may not edit: its inlines are read-only too.
            for inline in instances:
                inline.has_add_permission = lambda *args, **kwargs: False
                inline.has_change_permission = lambda *args, **kwargs: False
                inline.has_delete_permission = lambda *args, **kwargs: False
        return instances

    @admin.display(description="State", ordering="state")
    def state_badge(self, article: Article):
        return _badge(article)

    @admin.display(description="Byline")
    def byline(self, article: Article):
        return ", ".join(link.author.name for link in article.author_links.all())

    @admin.display(description="Updated", ordering="updated_at")
    def updated(self, article: Article):
        local = timezone.localtime(article.updated_at)
        return format_html(
            '<time datetime="{}" title="{}">{} ago</time>',
            article.updated_at.isoformat(),
            f"{local:%Y-%m-%d %H:%M}",
            _duration(article.updated_at),
        )

    @admin.display(description="Waiting", ordering="submitted_at")
    def waiting(self, article: Article):
        return _waiting(article)

    @admin.display(description="Reviewer", ordering="reviewer__first_name")
    def reviewer_column(self, article: Article):
        return _reviewing(article) or "-"

    @admin.display(description="Sign-offs")
    def sign_offs_column(self, article: Article):
        return chain_summary_cell(article)

    def get_changelist(self, request, **kwargs):
        return ChainSummaryChangeList  # the page's chain summaries in two queries

    # --- bulk moves: each story through the workflow, with its own permission ------------

    actions = ["submit_selected", "assign_reviewer_selected", "spike_selected"]

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
        return assign_reviewer_action(self, request, queryset, parse_time=_parse_local_datetime)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.is_editor(request.user):
            actions.pop("assign_reviewer_selected", None)  # only editors name reviewers
        return actions

    def reviewer_view(self, request, object_id):
        return reviewer_view(self, request, object_id, parse_time=_parse_local_datetime)

    # --- saving: through the workflow's save path -----------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (workflow.StaleEdit, workflow.WorkflowPermissionError) as error:
            # The save service refused (someone saved first, or the story left this user's
            # hands) and the transaction rolled back. Show the same form again, with every
            # word that was typed and the reason, instead of an error page.
            request.refused_save = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the story is saved with its byline, tags and sources in `save_related`,
        as one `workflow.save_article` (one version check, one revision holding them all)."""

    def save_related(self, request, form, formsets, change):
        parent_save_related = super().save_related
        # Accept, Dismiss and "Look for sources again" are buttons of this form: the story is
        # saved with what was typed, and the proposal handled in the same save (and revision).
        step = posted_proposal_step(request.POST) if change else None
        approval = posted_approval(request.POST) if change else None
        request.proposal_messages = []
        accepted = []  # the revision's comment when this save accepted a proposal

        def save_parts(article):
            parent_save_related(request, form, formsets, change)
            if step is not None:
                done = story_proposal_step(user=request.user, article=article, step=step)
                if done is not None:
                    request.proposal_messages.append(done)
                    if step[0] == "accept" and done[0] == messages.SUCCESS:
                        accepted.append(accepted_proposal_comment(step[1]))
            if approval is not None:
                request.proposal_messages.append(
                    approve_anonymity_in_save(
                        user=request.user, article=article, pk=approval, post=request.POST
                    )
                )

        workflow.save_article(
            request.user,
            form.instance,
            expected_version=form.cleaned_data.get("expected_version") if change else None,
            save_parts=save_parts,
            comment=lambda: (
                approval_comment(request.POST)
                if approval is not None
                else accepted[0]
                if accepted
                else PROPOSAL_REVISION_COMMENTS.get(step[0] if step else "", "")
            ),
        )
        if step is not None and step[0] == "refresh":
            found = proposals_refresh(article=form.instance)
            request.proposal_messages.append(
                (messages.SUCCESS, f"The assistant found {found} new proposed attribution(s).")
            )
        elif not change or "body" in form.changed_data:
            found = proposals_refresh(article=form.instance)
            if found:
                self.message_user(
                    request, f"The sourcing assistant proposes {found} new attribution(s) below."
                )

    def response_change(self, request, obj):
        approval = posted_approval(request.POST)
        if posted_proposal_step(request.POST) is None and approval is None:
            return super().response_change(request, obj)
        self.message_user(request, f"Saved “{obj.headline}”.", messages.SUCCESS)
        for level, text in getattr(request, "proposal_messages", []):
            self.message_user(request, text, level)
        return self._back(obj, f"#attribution-{approval}" if approval else "#proposals-group")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and posted_proposal_step(request.POST) is not None:
            messages.warning(
                request,
                "The proposal was not handled: the story could not be saved (see below). "
                "Everything you typed is still in the form.",
            )
        if request.method == "POST" and posted_approval(request.POST) is not None:
            messages.warning(
                request,
                "Anonymity was not approved: the story could not be saved (see below). "
                "Everything you typed is still in the form.",
            )
        if not context.get("is_popup"):
            # The story page is two columns (writing, and the side panel): no app sidebar.
            context["is_nav_sidebar_enabled"] = False
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- extra pages ----------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            # Deliberately not wrapped in admin_view: reviewers without an account use it.
            path(
                "shared-preview/<str:token>/",
                preview.shared_preview_view,
                name="articles_shared_preview",
            ),
            path(
                "<path:object_id>/workflow/",
                wrap(self.workflow_view),
                name="articles_article_workflow",
            ),
            path(
                "<path:object_id>/reviewer/",
                wrap(self.reviewer_view),
                name="articles_article_reviewer",
            ),
            path(
                "tag-suggestions/",
                wrap(self.tag_suggestions_view),
                name="articles_article_tag_suggestions",
            ),
            path("autosave/", wrap(autosave_view), name="articles_article_autosave_new"),
            path(
                "<path:object_id>/autosave/",
                wrap(autosave_view),
                name="articles_article_autosave",
            ),
            *presence_urls(self),
            path("<path:object_id>/notes/", wrap(self.note_view), name="articles_article_note"),
            path("<path:object_id>/diff/", wrap(self.diff_view), name="articles_article_diff"),
            path(
                "<path:object_id>/restore/<int:version_id>/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/share/",
                wrap(self.share_view),
                name="articles_article_share",
            ),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                wrap(self.revoke_share_view),
                name="articles_article_share_revoke",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions_view(self, request):
        """Up to 10 existing tag names for the term typed: prefix matches first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return JsonResponse({"results": suggest_tags(request.GET.get("q", ""))})

    def _article_or_404(self, request, object_id) -> Article:
        article = get_object_or_404(Article, pk=_story_pk(object_id))
        if not self.has_view_or_change_permission(request, article):
            raise Http404
        return article

    def _back(self, article: Article, anchor: str = ""):
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + anchor)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = (
            Article.objects.filter(pk=_story_pk(object_id, or_none=True))
            .select_related("section")
            .first()
        )
        if article is None:
            # Not Django's redirect to the start page: an address naming no story is a 404.
            raise Http404("There is no story at this address.")
        extra_context = extra_context or {}
        extra_context.update(self._story_context(request, article))
        can_edit = permissions.can_edit(request.user, article)
        # The attributions' "Approve anonymity — I know who this is" button.
        extra_context["can_approve_anonymity"] = can_approve_anonymity(request.user, article)
        extra_context.setdefault("title", "Edit story" if can_edit else "Story")
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"title": "New story", **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def _story_context(self, request, article: Article) -> dict:
        user = request.user
        posted = _take_workflow_input(request, article)
        actions = workflow.allowed_actions(user, article)
        # Whoever can publish or edit the story sees what the standards checks will ask for.
        show_findings = "publish" in actions or permissions.can_edit(user, article)
        findings = check_article(article) if show_findings else []
        snapshot = PublishedArticle.objects.filter(article=article).first()
        proposals = pending_proposals(article)
        finding_rows = _finding_rows(
            article, findings, proposals, approver=can_approve_anonymity(user, article)
        )
        for row in finding_rows:
            row["override_value"] = posted.get("overrides", {}).get(row["override_name"], "")
        versions = revisions.numbered_versions(article)
        timeline = []
        for number, version in versions:
            timeline.append(
                {
                    "kind": "revision",
                    "at": version.revision.date_created,
                    "who": version.revision.user,
                    "text": version.revision.comment,
                    "number": number,
                    "version_id": version.pk,
                }
            )
        for event in article.events.select_related("actor"):
            timeline.append(
                {
                    "kind": "event",
                    "at": event.created_at,
                    "who": event.actor,
                    "text": event.note,
                    "action": workflow.EVENT_LABELS.get(event.action, event.action),
                    "from_state": event.get_from_state_display(),
                    "to_state": event.get_to_state_display(),
                    "scheduled_for": event.scheduled_for,
                }
            )
        for note in article.notes.select_related("author"):
            timeline.append(
                {"kind": "note", "at": note.created_at, "who": note.author, "text": note.text}
            )
        timeline.sort(key=lambda item: item["at"], reverse=True)
        change_request = workflow.change_request(article)
        return {
            "change_request": change_request,
            "change_request_by": (
                (change_request.actor.get_full_name() or change_request.actor.get_username())
                if change_request is not None and change_request.actor is not None
                else "An editor"
            ),
            "workflow_position": workflow.POSITION_LABELS.get(workflow.position(article)),
            "workflow_badge": _badge(article),
            "workflow_actions": actions,
            # Moves forward share one form; request changes and the take-downs get their own.
            "workflow_buttons": [
                (action, self._button_label(article, action))
                for action in actions
                if action in FORWARD_ACTIONS
            ],
            "takedown_actions": [a for a in actions if a in TAKEDOWN_ACTIONS],
            "findings": findings,
            "finding_rows": finding_rows,
            "proposal_rows": proposal_rows(article, user, proposals),
            "reviewer_name": reviewer_label(article.reviewer) if article.reviewer else "",
            "reviewer_choices": (
                [(u.pk, reviewer_label(u)) for u in reviewers()]
                if article.state == workflow.IN_REVIEW
                and permissions.can_assign_reviewer(user, article)
                else []
            ),
            "story_sources": list(
                article.attributions.select_related("source").order_by("position", "pk")
            ),
            "standards_checked": show_findings,
            "warning_count": sum(1 for f in findings if not f.is_blocking),
            "blocking_findings": [f for f in findings if f.is_blocking],
            "snapshot": snapshot,
            "timeline": timeline,
            "versions": versions,
            "can_note": permissions.can_add_note(user, article),
            "can_share": permissions.can_share_preview(user, article),
            "can_restore": permissions.can_edit(user, article),
            "preview_links": [
                {
                    "link": link,
                    "usable": link.is_usable(),
                    "url": request.build_absolute_uri(
                        reverse("admin:articles_shared_preview", args=[preview.signed_token(link)])
                    ),
                }
                for link in article.preview_links.all()[:10]
            ],
            "now": timezone.now(),
            "embargo_banner": embargo_banner_text(article),
            "can_break_embargo": article.is_embargoed()
            and permissions.can_break_embargo(user, article),
            "can_clear_for_embargo": permissions.can_clear_for_embargo(user, article),
            "workflow_posted": posted,
            "workflow_error": posted.get("error", ""),
        }

    @staticmethod
    def _button_label(article: Article, action: str) -> str:
        if action == "publish" and article.has_unpublished_changes:
            return "Publish update"
        return workflow.ACTION_LABELS[action].capitalize()

    def workflow_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        action = request.POST.get("action", "")
        note = _action_note(request.POST, action)
        user = request.user
        try:
            if action == "submit":
                workflow.submit_for_review(user, article, note=note)
                done = "Submitted for review."
            elif action == "withdraw":
                workflow.withdraw(user, article, note=note)
                done = "Withdrawn from review: back to draft."
            elif action == "request_changes":
                workflow.request_changes(user, article, note=note)
                done = "Sent back to the reporter with your note."
            elif action == "publish":
                at = _parse_local_datetime(request.POST.get("at", ""))
                correction_text = request.POST.get("correction_text", "").strip()
                correction = (
                    {
                        "kind": request.POST.get("correction_kind", "correction"),
                        "text": correction_text,
                    }
                    if correction_text
                    else None
                )
                overrides = _posted_overrides(request.POST)
                snap = workflow.publish(
                    user, article, at=at, correction=correction, overrides=overrides
                )
                if snap.published_at > timezone.now():
                    done = f"Scheduled: goes live {newsroom_time(snap.published_at)}."
                else:
                    done = format_html(
                        'Published: <a href="{}">{}</a>', snap.url_path, snap.url_path
                    )
            elif action == "publish_now":
                snap = workflow.publish_now(user, article)
                done = format_html('Published: <a href="{}">{}</a>', snap.url_path, snap.url_path)
            elif action == "break_embargo":
                # "Break the embargo and publish": the reason goes to the workflow, which
                # checks that this user may and records it.
                reason = request.POST.get("break_embargo_reason", "").strip()
                if "publish_now" in workflow.allowed_actions(user, article):
                    snap = workflow.publish_now(user, article, break_embargo=reason)
                else:
                    # Now: the form's time is filled in with the embargo itself.
                    snap = workflow.publish(
                        user,
                        article,
                        overrides=_posted_overrides(request.POST),
                        break_embargo=reason,
                    )
                if snap.published_at > timezone.now():
                    done = f"Scheduled: goes live {newsroom_time(snap.published_at)}."
                else:
                    done = format_html(
                        'Published: <a href="{}">{}</a>', snap.url_path, snap.url_path
                    )
            elif action == "reschedule":
                at = _parse_local_datetime(request.POST.get("reschedule_at", ""))
                snap = workflow.reschedule(user, article, at=at)
                done = f"Rescheduled: goes live {newsroom_time(snap.published_at)}."
            elif action == "cancel_schedule":
                workflow.cancel_schedule(user, article, note=note)
                done = "Schedule cancelled: the story is back in review, with no public page."
            elif action == "unpublish":
                mode = request.POST.get("mode", "")
                workflow.unpublish(user, article, note=note, mode=mode)
                done = (
                    "Retracted: the public page now shows your retraction notice."
                    if mode == PublicStatus.RETRACTED
                    else "Withdrawn: the public page now answers 410 Gone."
                )
            elif action == "spike":
                workflow.spike(user, article, note=note)
                done = "Spiked."
            elif action == "restore":
                workflow.restore(user, article, note=note)
                done = "Restored as a draft."
            else:
                raise workflow.TransitionNotAllowed(
                    f"Unknown workflow action “{action}”.", code="unknown_action"
                )
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
            # Nothing typed is lost: the story page shows the panel filled in again.
            _keep_workflow_input(request, article, error)
            return self._back(article)
        messages.success(request, done)
        if not permissions.can_view(user, article):
            return redirect("admin:articles_article_changelist")
        return self._back(article)

    def note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        text = request.POST.get("text", "").strip()
        if not permissions.can_add_note(request.user, article):
            messages.error(request, "You may not leave notes on this story.")
        elif not text:
            messages.error(request, "Write the note before adding it.")
        else:
            EditorialNote.objects.create(article=article, author=request.user, text=text)
            messages.success(request, "Note added.")
        return self._back(article, "#timeline")

    def diff_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        versions = revisions.numbered_versions(article)
        if not versions:
            messages.info(request, "This story has no revisions to compare yet.")
            return self._back(article)
        by_id = {version.pk: (number, version) for number, version in versions}
        # By default: what changed since it was submitted or sent back, whichever came last.
        choices = revisions.diff_choices(article, versions)
        default = next((c for c in choices if c.key == request.GET.get("since")), choices[0])
        try:
            new_id = int(request.GET.get("b") or default.new_version_id)
            old_id = int(request.GET.get("a") or default.old_version_id)
        except ValueError:
            raise Http404 from None
        shown = next(
            (c for c in choices if (c.old_version_id, c.new_version_id) == (old_id, new_id)), None
        )
        if new_id not in by_id or old_id not in by_id:
            raise Http404
        old = revisions.revision_data(by_id[old_id][1], number=by_id[old_id][0])
        new = revisions.revision_data(by_id[new_id][1], number=by_id[new_id][0])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Changes in “{article.headline}”",
            "versions": versions,
            "old": old,
            "new": new,
            "old_version": by_id[old_id][1],
            "new_version": by_id[new_id][1],
            "changes": revisions.diff_revisions(old, new),
            "diff_choices": choices,
            "diff_shown": shown,
            "can_restore": permissions.can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/diff.html", context)

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        expected_version = request.POST.get("expected_version", "").strip()
        try:
            if not expected_version.isdigit():
                raise workflow.StaleEdit(MISSING_VERSION, code="version_missing")
            with transaction.atomic():
                workflow.restore_revision(
                    request.user,
                    article,
                    version_id=version_id,
                    expected_version=int(expected_version),
                )
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Restored as a new revision; the history is unchanged.")
        return self._back(article)

    def preview_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        return preview.staff_preview_view(request, article)

    def share_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        try:
            link = preview.create_preview_link(
                request.user,
                article,
                days=int(request.POST.get("days") or preview.DEFAULT_DAYS),
                embargo_cleared=request.POST.get("embargo_cleared") == "on",
            )
        except (workflow.WorkflowError, ValueError) as error:
            messages.error(request, str(error))
        else:
            url = request.build_absolute_uri(
                reverse("admin:articles_shared_preview", args=[preview.signed_token(link)])
            )
            local = timezone.localtime(link.expires_at)
            messages.success(
                request,
                format_html(
                    "Share link (valid until {}): <a href='{}'>{}</a>",
                    f"{local:%Y-%m-%d %H:%M}",
                    url,
                    url,
                ),
            )
        return self._back(article, "#preview-links")

    def revoke_share_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        link = get_object_or_404(article.preview_links, pk=link_id)
        try:
            preview.revoke_preview_link(request.user, link)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Share link revoked.")
        return self._back(article, "#preview-links")


def _story_pk(object_id: str, *, or_none: bool = False) -> int | None:
    """The story id in an admin address; "abc" or "1%00" is no story (404), not a crash.

    With `or_none`, None instead of a 404, so Django's own page says the story does not exist.
    """
    try:
        return Article._meta.pk.to_python(unquote(object_id))
    except ValidationError:
        if or_none:
            return None
        raise Http404("There is no story with that address.") from None


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
        return _waiting(article) or "—"

    @admin.display(description="Reviewer", ordering="reviewer__first_name")
    def reviewer_column(self, article):
        return _reviewing(article) or "none yet"

    @admin.display(description="Sign-offs")
    def sign_offs_column(self, article):
        return chain_summary_cell(article)

    def get_changelist(self, request, **kwargs):
        return ChainSummaryChangeList

    @admin.display(description="Submitted by", ordering="submitted_by__first_name")
    def submitted_by_name(self, article):
        who = article.submitted_by
        return (who.get_full_name() or who.get_username()) if who else "—"

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Review queue", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="Byline")
    def byline(self, article):
        return ", ".join(link.author.name for link in article.author_links.all())

    @admin.display(description="State")
    def state_badge(self, article):
        return _badge(article)


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
