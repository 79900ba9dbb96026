"""The library's videos and sounds: upload (answered at once, "preparing"), the words and
rights, what the task worker made, and where each was used. The rules are in
`articles.clips`."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html

from articles.admin.images import usage_log_html
from articles.clips import expiry, preparing
from articles.images import usage
from articles.models import Clip, ClipKind, ImageStatus

RIGHTS = ["creator", "copyright_notice", "digital_source_type", "licence_kind", "licensor",
          "licence_version", "licence_terms", "licence_url", "acquire_licence_url", "use_web",
          "use_social", "use_newsletter", "use_archive", "licence_expires_at", "expiry_fallback"]  # fmt: skip


def _https_urls(field, **kwargs):
    # As the picture form: the admin assumes https, and so does this form's own class.
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


CHOOSER_SIZE = 24


def chooser_detail(clip: Clip) -> str:
    minutes, seconds = divmod(round(clip.duration or 0), 60)
    kind = clip.get_kind_display() or "Clip"
    return f"{kind}, {minutes}:{seconds:02d} · {clip.get_status_display().lower()} · " + (
        usage.summary(clip)
    )


class ClipForm(forms.ModelForm):
    upload = forms.FileField(
        required=False,
        help_text="A video (MP4, MOV, WebM …) or a sound (MP3, WAV, M4A …), up to 2 GB. The "
        "page answers at once; the web copies are made in the background.",
    )

    class Meta:
        model = Clip
        formfield_callback = _https_urls
        fields = ["title", "caption", "credit", "captions", "transcript", *RIGHTS]
        # A caption of up to 500 characters is read whole, not through a one-line slot.
        widgets = {"caption": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})}
        # The rights fields are the pictures' (`Licensed`): here they speak of the clip.
        help_texts = {
            "digital_source_type": "How the video or sound was made, as IPTC names it (e.g. a "
            "digital capture, or trained algorithmic media for AI-made media).",
            "licence_terms": "The usage terms as agreed (for a reader's video or sound: the "
            "permission given).",
            "acquire_licence_url": "Where others can license the video or sound.",
        }

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not cleaned.get("upload"):
            raise ValidationError({"upload": "Choose the video or sound file to upload."})
        return cleaned


@admin.register(Clip)
class ClipAdmin(admin.ModelAdmin):
    form = ClipForm
    list_display = ["title", "kind", "status", "credit", "licence_kind", "uploaded_at"]
    list_filter = ["kind", "status", "licence_kind"]
    search_fields = ["title", "caption", "credit", "creator", "licensor"]
    readonly_fields = ["preparation", "player", "uploaded_by", "usage_log"]
    autocomplete_fields = ["expiry_fallback"]
    fieldsets = [
        (None, {"fields": ["upload", "preparation", "player", "title", "caption", "credit"]}),
        ("For readers who cannot hear it", {"fields": ["captions", "transcript"]}),
        ("Rights", {"fields": RIGHTS}),
        ("Where it was used", {"fields": ["usage_log"]}),
    ]

    class Media:
        css = {"all": ["css/admin-image-drop.css"]}  # the page's narrow widths, as a picture's

    @admin.display(description="Usage log")
    def usage_log(self, clip: Clip):
        return usage_log_html(clip)

    def get_urls(self):
        chooser = self.admin_site.admin_view(self.chooser_view)
        return [path("chooser/", chooser, name="articles_clip_chooser"), *super().get_urls()]

    def chooser_view(self, request):
        """The body editor's chooser: the newest clips matching `q`, each with its state and
        usage ("Video, 0:03 · ready · Used 2 times, last on …")."""
        if not self.has_view_permission(request):
            return JsonResponse({"results": []}, status=403)
        found = Clip.objects.order_by("-uploaded_at")
        term = request.GET.get("q", "").strip()[:200]
        if term:
            found = found.filter(Q(title__icontains=term) | Q(caption__icontains=term))
        results = [
            {"id": clip.pk, "title": clip.title, "detail": chooser_detail(clip)}
            for clip in usage.with_usage(found)[:CHOOSER_SIZE]
        ]
        return JsonResponse({"results": results})

    @admin.display(description="preparation")
    def preparation(self, clip: Clip) -> str:
        if clip.pk is None:
            return "—"
        if clip.status == ImageStatus.PREPARING:
            return "Preparing: the web copies are being made. Reload the page in a moment."
        if clip.status == ImageStatus.FAILED:
            return clip.problem
        minutes, seconds = divmod(round(clip.duration or 0), 60)
        size = f", {clip.width}×{clip.height}" if clip.kind == ClipKind.VIDEO else ""
        return (
            f"Ready: {clip.get_kind_display().lower()}, {minutes}:{seconds:02d}{size}. Its "
            f"number is {clip.pk}: place it in a story's body with the Video or sound… button."
        )

    @admin.display(description="player")
    def player(self, clip: Clip) -> str:
        if not clip.web_file:
            return "—"
        if clip.kind == ClipKind.VIDEO:
            poster = clip.poster.url if clip.poster else ""
            return format_html(
                '<video controls preload="none" width="480" poster="{}" src="{}"></video>',
                poster,
                clip.web_file.url,
            )
        return format_html('<audio controls preload="none" src="{}"></audio>', clip.web_file.url)

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        with transaction.atomic():
            if not change:
                obj.uploaded_by = request.user
            if upload:
                preparing.accept_upload(obj, upload)
            super().save_model(request, obj, form, change)
            if upload:
                preparing.queue(obj)
            if "licence_expires_at" in form.changed_data:
                expiry.schedule_expiry(obj)
