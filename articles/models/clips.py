"""Video and sound: the upload as it came, its web renditions, its words and its rights."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from articles.models.images import (
    ImageStatus,
    Licensed,
    MediaUse,
    expiry_fallback_field,
    incoming_storage,
)


class ClipKind(models.TextChoices):
    VIDEO = "video", "Video"
    AUDIO = "audio", "Audio"


CAPTIONS_MAX_BYTES = 1_000_000


def validate_webvtt(value) -> None:
    """A captions upload must be a WebVTT file: UTF-8, "WEBVTT" first, at least one cue."""
    if not value or getattr(value, "_committed", True):
        return  # the stored file was checked when it was uploaded
    if value.size > CAPTIONS_MAX_BYTES:
        raise ValidationError(
            "The captions file is over 1 MB: is it the right file?", code="vtt_big"
        )
    value.seek(0)
    data = value.read()
    value.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    first = text.split("\n", 1)[0].strip()
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))) or "-->" not in text:
        raise ValidationError(
            "The captions must be a WebVTT file (it starts with “WEBVTT” and has timed cues "
            "such as “00:00.000 --> 00:02.000”): export them as .vtt and upload again.",
            code="vtt_invalid",
        )


class Clip(Licensed):
    """A video or a sound, uploaded to the library and made ready by the task worker
    (`articles.clips.preparing`): an H.264/AAC MP4 with a poster frame, or an AAC sound."""

    noun = "clip"

    title = models.CharField(max_length=200, help_text="What it is, e.g. “The flood at noon”.")
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it, e.g. “Ana Ruiz/Newsroom”. Required."
    )
    captions = models.FileField(
        "captions (WebVTT)",
        upload_to="clips/captions/%Y/%m/",
        blank=True,
        validators=[validate_webvtt],
        help_text="A .vtt file of what is said and heard. A video needs it before it is "
        "published; a sound needs it or a transcript.",
    )
    transcript = models.TextField(
        blank=True, help_text="What is said, for readers who cannot hear it."
    )
    kind = models.CharField(max_length=10, choices=ClipKind.choices, blank=True, editable=False)
    status = models.CharField(
        max_length=10, choices=ImageStatus.choices, default=ImageStatus.PREPARING, editable=False
    )
    problem = models.TextField(blank=True, editable=False)
    # The upload as it came (outside the public media folder), until the worker has made
    # the renditions.
    incoming = models.FileField(
        upload_to="incoming/clips/", storage=incoming_storage, blank=True, editable=False
    )
    # Readers' copies: MP4 (H.264 and AAC) for a video, M4A (AAC) for a sound; a JPEG still.
    web_file = models.FileField(upload_to="clips/%Y/%m/", blank=True, editable=False)
    # A video's copy for small screens (360 pixels on its short side), when the upload is
    # bigger than that (articles.clips.transcode.small_size).
    small_file = models.FileField(upload_to="clips/%Y/%m/", blank=True, editable=False)
    poster = models.FileField(upload_to="clips/posters/%Y/%m/", blank=True, editable=False)
    duration = models.FloatField(null=True, blank=True, editable=False)  # seconds
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)

    expiry_fallback = expiry_fallback_field(
        "clip",
        help_text="Shown in live stories in this one's place once its licence ends (else the "
        "clip is taken out).",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "video or sound"
        verbose_name_plural = "videos and sounds"

    def __str__(self) -> str:
        return self.title or f"Clip {self.pk}"

    @property
    def is_ready(self) -> bool:
        return self.status == ImageStatus.READY


class ClipUse(MediaUse):
    clip = models.ForeignKey(Clip, on_delete=models.CASCADE, related_name="uses")

    class Meta(MediaUse.Meta):
        indexes = [models.Index(fields=["clip", "-used_at"], name="clip_use_latest")]
