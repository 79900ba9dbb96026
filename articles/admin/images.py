"""Images in the admin: the library, the focal point, and edits that go through the workflow.

An image follows the edit rule of the stories using it: changing one that a story uses is
an edit of that story (`workflow.touch_article`), so a live story becomes "live + draft".
The story form's drop zone and library are `articles.admin.image_chooser`.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import workflow
from articles.admin import galleries, image_chooser
from articles.images import credentials, duplicates, expiry, metadata, preparing, usage
from articles.models import Image
from articles.workflow import permissions


def usage_log_html(media) -> str:
    """A picture's or a clip's usage log for its page: the sentence, then each use (the
    newest 50), linked to its story while the story exists."""
    if not media.pk:
        return "—"
    rows = format_html_join(
        "",
        "<li>{} — {}{}</li>",
        (
            (
                date_format(timezone.localtime(use.used_at), "j M Y, H:i"),
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("admin:articles_article_change", args=[use.article_id]),
                    use.headline,
                )
                if use.article_id
                else use.headline,
                " (in place of one whose licence ended)" if use.how == "fallback" else "",
            )
            for use in media.uses.all()[:50]
        ),
    )
    return format_html('<p>{}</p><ul class="image-usage-log">{}</ul>', usage.summary(media), rows)


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """Images follow the edit rule of the stories using them; changes go through the workflow."""

    form = image_chooser.ImageAdminForm

    list_display = [
        "preview",
        "alt_text",
        "credit",
        "licence_kind",
        "licence_expires_at",
        "status",
        "width",
        "height",
        "uploaded_by",
        "uploaded_at",
    ]
    list_select_related = ["uploaded_by"]
    list_filter = ["status", "licence_kind"]
    search_fields = ["alt_text", "caption", "credit", "creator", "licensor"]
    readonly_fields = [
        "focal_point_picker",
        "width",
        "height",
        "uploaded_by",
        "preparation",
        "read_from_file",
        "content_credentials_read",
        "used_by",
        "usage_log",
        "likely_duplicates",
    ]
    autocomplete_fields = ["expiry_fallback"]
    actions = [galleries.make_gallery_action]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "file",
                    "preparation",
                    "focal_point_picker",
                    ("focal_x", "focal_y"),
                    "alt_text",
                    "caption",
                    "credit",
                    ("width", "height"),
                    "uploaded_by",
                ]
            },
        ),
        ("Read from the file", {"fields": ["read_from_file", "content_credentials_read"]}),
        (
            "Rights and licence",
            {
                "fields": [
                    "creator",
                    "copyright_notice",
                    "licence_kind",
                    ("licensor", "licence_version"),
                    "licence_terms",
                    "licence_url",
                    "acquire_licence_url",
                    ("use_web", "use_social", "use_newsletter", "use_archive"),
                    "licence_expires_at",
                    "expiry_fallback",
                    "digital_source_type",
                    ("location", "date_created"),
                ],
                "description": "Publishing is refused once the licence has ended or if it "
                "does not allow web use. When it ends, live stories show the fallback "
                "picture instead (or none).",
            },
        ),
        ("Where it was used", {"fields": ["used_by", "usage_log", "likely_duplicates"]}),
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

    @admin.display(description="Prepared")
    def preparation(self, image: Image):
        if not image.pk:
            return "—"
        state = preparing.progress(image)
        if state["status"] == "preparing":
            return f"Preparing for readers: {state['done']} of {state['total']} sizes made."
        if state["status"] == "failed":
            return f"{state['label']}: {state['problem']}"
        return f"Ready: {state['done']} sizes for readers."

    @admin.display(description="What the file said on upload")
    def read_from_file(self, image: Image):
        rows = metadata.shown(image.metadata or {})
        if not rows:
            return "Nothing: the file carried no IPTC or XMP caption, credit or rights."
        return format_html(
            '<dl class="image-read-from-file">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
        )

    @admin.display(description="Content credentials (C2PA)")
    def content_credentials_read(self, image: Image):
        rows = credentials.shown(image.content_credentials or {})
        if not rows:
            return "None: the file carried no C2PA content credentials."
        return format_html(
            '<dl class="image-read-from-file image-credentials">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
        )

    @admin.display(description="Usage log")
    def usage_log(self, image: Image):
        return usage_log_html(image)

    @admin.display(description="Looks the same as")
    def likely_duplicates(self, image: Image):
        if image.perceptual_hash is None:
            return "Not compared yet (it is compared once it is prepared)."
        found = duplicates.offers(image.perceptual_hash, exclude=image.pk)
        if not found:
            return "No other picture in the library."
        return format_html(
            '<ul class="image-usage-log">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{}</a> — {}; {} {}</li>',
                (
                    (
                        reverse("admin:articles_image_change", args=[item["id"]]),
                        item["alt"] or f"Picture {item['id']}",
                        item["credit"],
                        item["licence"],
                        item["usage"],
                    )
                    for item in found
                ),
            ),
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
            and (request.GET.get("model_name"), request.GET.get("field_name"))
            in {("article", "lead_image"), ("galleryitem", "image")}
        ):
            # Choosing a story's lead image or a gallery's picture: only the pictures this
            # user may choose (the story form and the gallery refuse any other).
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
            path(
                "read-metadata/",
                wrap(image_chooser.read_metadata_view),
                name="articles_image_read_metadata",
            ),
            path(
                "<path:object_id>/progress/",
                wrap(image_chooser.progress_view),
                name="articles_image_progress",
            ),
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
                # Kept as it came and prepared by the task worker, as from the story form.
                upload = form.cleaned_data.get("file")
                if upload:
                    obj.file = None
                    preparing.accept_upload(obj, upload, typed=set(form.changed_data))
            super().save_model(request, obj, form, change)
            if not change and obj.incoming:
                preparing.queue(obj)
            if change and form.has_changed():
                # The next publish carries the new picture or words: each story is edited
                # (after the change, so its findings counts hold it), so a live one becomes
                # "live + draft" and the change goes through review.
                what = ", ".join(form.changed_data)
                for article in permissions.stories_using_image(obj):
                    # A refusal is a WorkflowPermissionError, itself a PermissionDenied.
                    workflow.touch_article(
                        request.user, article, comment=f"Changed lead image ({what}): {obj}"
                    )
            if change and {"focal_x", "focal_y"} & set(form.changed_data):
                preparing.remake_crops(obj)
            if "licence_expires_at" in form.changed_data:
                expiry.schedule_expiry(obj)

    def delete_queryset(self, request, queryset):
        # The bulk action asks has_delete_permission without an image: ask for each one.
        if not all(permissions.can_delete_image(request.user, image) for image in queryset):
            raise PermissionDenied("You may not delete one of these images.")
        super().delete_queryset(request, queryset)
