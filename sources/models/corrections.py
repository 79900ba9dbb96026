"""What a story owes its readers after it went out: readers' error reports, corrections,
and the recorded reasons for publishing over a standards warning."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from sources.models.registry import Source


class ReaderReportStatus(models.TextChoices):
    NEW = "new", "Waiting"
    CORRECTED = "corrected", "Became a correction"
    CLOSED = "closed", "Closed"


class ReaderReport(models.Model):
    """A reader's report of an error in a published story ("Report an error").

    Only what handling it needs is kept: what is wrong, the passage, the headline the reader
    saw and, if they chose to leave one, an address to tell them the outcome. No IP address
    and no browser data are stored (throttling reads a hashed address from the cache).
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="reader_reports"
    )
    headline_seen = models.CharField(max_length=300)
    what = models.TextField("what is wrong")
    passage = models.CharField("the passage", max_length=500, blank=True)
    contact = models.EmailField("reader's address", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=12, choices=ReaderReportStatus.choices, default=ReaderReportStatus.NEW
    )
    outcome = models.CharField(
        max_length=500, blank=True, help_text="Why it was closed, or the correction's words."
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    correction = models.ForeignKey(
        "Correction", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "article"])]

    def __str__(self) -> str:
        return f"Report on “{self.headline_seen}”: {self.what[:60]}"


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    EDITORS_NOTE = "editors_note", "Editor's note"
    RETRACTION = "retraction", "Retraction"


class Correction(models.Model):
    """A public correction, clarification, editor's note or retraction on a story."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(
        max_length=20, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION
    )
    text = models.TextField("public text")
    created_at = models.DateTimeField("time", default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The revision this correction accompanies.",
    )
    is_published = models.BooleanField(
        default=False, help_text="Set when the update carrying it is published."
    )
    about_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections_about",
        help_text="The source this correction is about, when one found unreliable or retracted "
        "made it necessary.",
    )
    claim = models.TextField(
        "the claim it corrects",
        blank=True,
        help_text="The words as first published that this correction puts right, so the "
        "other live stories repeating them can be found and corrected too.",
    )
    repeats_correction = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeated_in",
        help_text="The correction on another story whose claim this story repeated.",
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class StandardsOverride(models.Model):
    """An editor's recorded decision to publish despite a standards warning."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="overrides"
    )
    code = models.CharField(max_length=60)
    target = models.CharField(max_length=200, blank=True)
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Override {self.code} on {self.article_id}"
