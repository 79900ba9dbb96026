"""Images in the admin: the library, the focal point, and edits that go through the workflow.

An image follows the edit rule of the stories using it: changing one that a story uses is
an edit of that story (`workflow.touch_article`), so a live story becomes "live + draft".
The story form's drop zone and library are `articles.admin.image_chooser`.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import workflow
from articles.admin import image_chooser
from articles.images import preparing
from articles.models import Image
from articles.workflow import permissions


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
                    preparing.accept_upload(obj, upload)
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

    def delete_queryset(self, request, queryset):
        # The bulk action asks has_delete_permission without an image: ask for each one.
        if not all(permissions.can_delete_image(request.user, image) for image in queryset):
            raise PermissionDenied("You may not delete one of these images.")
        super().delete_queryset(request, queryset)
