"""Admin widgets: the tag input that suggests existing tags as you type, and the lead image
field with its drop zone and thumbnails."""

from django import forms
from django.conf import settings
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from taggit.forms import TagWidget

from articles.admin import image_chooser
from articles.images import publishing
from articles.images import renditions as images
from articles.models import Image
from newsroom.ids import parse_id


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated input, plus suggestions for the tag being typed.

    Without JavaScript it is the plain input; admin-tags.js fills a <datalist> from
    the admin's tag-suggestions endpoint, completing only the last comma-separated term.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs.setdefault("class", "vTextField tag-suggest")
        self.attrs.setdefault("autocomplete", "off")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-suggest-url"] = str(
            reverse_lazy("admin:articles_article_tag_suggestions")
        )
        return context

    class Media:
        js = ["js/admin-tags.js"]


class LeadImageWidget(forms.Widget):
    """The lead image field: the chosen picture as a thumbnail with its alt text and credit,
    a drop zone to upload a new one in place (alt text and credit required, a click on the
    preview sets the focal point), and a searchable list of pictures already uploaded.

    The value travels in a hidden input; admin-image-drop.js does the rest through the
    endpoints in `articles.admin.image_chooser`. The drop zone's inputs are posted with the
    story (`new_lead_image`, its alt text, credit, caption and focal point), so Save uploads a
    chosen picture; `pending` holds what was posted when the form comes back unsaved.
    """

    needs_multipart_form = True  # the drop zone's file goes with the story form
    pending = None

    # Under articles/templates: the form renderer reads apps' templates, not the project's.
    template_name = "articles/widgets/lead_image.html"

    class Media:
        js = ["js/admin-image-drop.js"]
        css = {"all": ["css/admin-image-drop.css"]}

    def id_for_label(self, id_):
        # The field's label opens the file picker.
        return f"{id_}_file" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = None
        # A re-shown form may carry whatever was posted: only a number can name an image.
        image_id = parse_id(value)
        if image_id is not None:
            image = Image.objects.filter(pk=image_id).prefetch_related("renditions").first()
        context["widget"].update(
            image=image,
            thumbnail=images.thumbnail_url(image) if image else "",
            progress=image_chooser.chooser_item(image)["progress"] if image else None,
            # Said here, before anyone presses Publish: the publish refuses it the same way.
            rights_problems=(
                publishing.rights_problems(image, use="web", now=timezone.now()) if image else []
            ),
            progress_url=(
                reverse("admin:articles_image_progress", args=[image.pk]) if image else ""
            ),
            upload_url=reverse("admin:articles_image_drop_upload"),
            library_url=reverse("admin:articles_image_library"),
            read_url=reverse("admin:articles_image_read_metadata"),
            max_megabytes=settings.IMAGE_UPLOAD_MAX_BYTES // 1_000_000,
            pending=self.pending,
            no_alt_text=image_chooser.NO_ALT_TEXT,
            no_credit=image_chooser.NO_CREDIT,
        )
        return context
