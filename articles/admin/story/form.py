"""The story form: what an editor types, with the version it started from and the byline inline."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from articles.admin import image_chooser
from articles.admin.story.body_editor import LazyBodyEditorWidget
from articles.admin.widgets import LeadImageWidget, TagSuggestWidget
from articles.models import Article, ArticleAuthor
from articles.workflow import permissions
from articles.workflow.byline import WriterFirstBylineMixin
from newsroom.admin_mixins import ChoosesRelatedMixin


class ArticleAuthorInline(ChoosesRelatedMixin, WriterFirstBylineMixin, admin.TabularInline):
    model = ArticleAuthor
    template = "admin/articles/article/byline_inline.html"  # with "Add a byline"
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
    # A picture chosen in the lead image's drop zone is part of Save (`image_chooser`).
    new_lead_image = image_chooser.NEW_PICTURE_FIELDS["new_lead_image"]
    new_lead_image_alt = image_chooser.NEW_PICTURE_FIELDS["new_lead_image_alt"]
    new_lead_image_credit = image_chooser.NEW_PICTURE_FIELDS["new_lead_image_credit"]
    new_lead_image_caption = image_chooser.NEW_PICTURE_FIELDS["new_lead_image_caption"]
    new_lead_image_focal_x = image_chooser.NEW_PICTURE_FIELDS["new_lead_image_focal_x"]
    new_lead_image_focal_y = image_chooser.NEW_PICTURE_FIELDS["new_lead_image_focal_y"]

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
            "lead_gallery",
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
        if "body" in self.fields:
            # The editor's bundle comes when the body is first touched, not with the page.
            self.fields["body"].widget = LazyBodyEditorWidget.replacing(self.fields["body"].widget)
        if "lead_image" in self.fields:
            # A thumbnail, a drop zone and the library instead of a list of alt texts.
            self.fields["lead_image"].widget = LeadImageWidget()
            # Shown again unsaved, the picture's words come back (the file cannot).
            self.fields["lead_image"].widget.pending = image_chooser.posted_picture(self)

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
        if "lead_image" in self.fields:
            image_chooser.clean_new_picture(self)
        return cleaned

    def save(self, commit=True):
        # A chosen picture is uploaded with the story, inside the admin's transaction.
        if "lead_image" in self.fields and not getattr(self, "_picture_stored", False):
            self._picture_stored = True
            image_chooser.store_new_picture(self)
        return super().save(commit)
