"""Live coverage: a story made live (`LiveCoverage`) and its stream of entries (`LiveEntry`).

An entry has a working text (what its author files and edits) and a public text (what
readers see), written only by `articles.live.entries` when an entry is published; public
code reads only published entries of a story whose snapshot is visible. Every change of an
entry is a `LiveEntryChange` row: who, what, when, and the text as it was.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.images import Image
from articles.models.story import Article
from newsroom.validators import validate_plain_text


class CoverageState(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    LIVE = "live", "Live"
    ENDED = "ended", "Ended"


class LiveCoverage(models.Model):
    """A story's live coverage: its state, when it ran, and who may publish entries."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="live")
    state = models.CharField(
        max_length=20,
        choices=CoverageState.choices,
        default=CoverageState.NOT_STARTED,
        editable=False,
    )
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    closing_note = models.TextField(
        blank=True,
        max_length=2000,
        validators=[validate_plain_text],
        help_text="Shown to readers under the stream once the coverage has ended.",
    )
    # An editor may let the story's reporters publish their own entries (breaking news,
    # no editor at hand). Who opened it and when is kept; each direct publish is recorded.
    open_to_reporters = models.BooleanField(default=False, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "live coverage"
        verbose_name_plural = "live coverage"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=CoverageState.values), name="live_state_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="live") | models.Q(started_at__isnull=False),
                name="live_started_has_start_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="ended")
                | models.Q(started_at__isnull=False, ended_at__isnull=False),
                name="live_ended_has_both_times",
            ),
        ]

    def __str__(self) -> str:
        return f"Live: {self.article}"


class EntryStatus(models.TextChoices):
    FILED = "filed", "Filed"
    PUBLISHED = "published", "Published"
    DELETED = "deleted", "Deleted"


class LiveEntry(models.Model):
    """One update of a live story. `public_*` fields are what readers see, written only by
    a publish; `headline` and `body_html` are the working copy its author files and edits."""

    coverage = models.ForeignKey(LiveCoverage, on_delete=models.CASCADE, related_name="entries")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
        editable=False,
    )
    author_name = models.CharField(max_length=150, blank=True, editable=False)
    headline = models.CharField(
        max_length=200, blank=True, validators=[validate_plain_text], help_text="Optional."
    )
    body_html = models.TextField("text", help_text="Sanitized when filed.")
    correction = models.TextField(
        blank=True,
        max_length=2000,
        validators=[validate_plain_text],
        help_text="What was wrong and what is right, shown to readers with the entry.",
    )
    # A published story shown as this entry (a link card), or the story this entry broke out into.
    linked_story = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    breakout = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="broken_out_of"
    )
    image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="live_entries",
        verbose_name="picture",
        help_text="Optional, from the image library: it needs alt text, a credit and a licence "
        "for the web.",
    )
    status = models.CharField(
        max_length=20, choices=EntryStatus.choices, default=EntryStatus.FILED, editable=False
    )
    pinned = models.BooleanField(default=False, editable=False)
    key_event = models.BooleanField("key event", default=False, editable=False)
    key_position = models.PositiveIntegerField(default=0, editable=False)
    has_unpublished_changes = models.BooleanField(default=False, editable=False)

    filed_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    public_headline = models.CharField(max_length=200, blank=True, editable=False)
    public_html = models.TextField(blank=True, editable=False)
    public_correction = models.TextField(blank=True, editable=False)
    # What readers see of the picture (renditions, alt, credit) and of the entry's sourcing
    # (the "How we sourced this" line), copied at each publish: public code reads only these.
    public_image = models.JSONField(default=dict, blank=True, editable=False)
    public_sourcing = models.JSONField(default=dict, blank=True, editable=False)
    # Set when readers' copy changed after its first publish: the visible "Updated".
    public_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Readers' card, rendered from the public fields whenever they change
    # (`articles.live.cards`): polls serve it as it is. Only a published entry has one.
    public_card = models.TextField(blank=True, editable=False)
    public_card_key = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = "live entry"
        verbose_name_plural = "live entries"
        ordering = ["-id"]
        indexes = [
            # The reader's stream and the updates endpoint: published entries by id.
            models.Index(
                fields=["coverage", "-id"],
                condition=models.Q(status="published"),
                name="live_entry_public",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EntryStatus.values), name="live_entry_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="live_entry_published_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(status="published") | models.Q(public_card=""),
                name="live_entry_card_only_published",
            ),
        ]

    def __str__(self) -> str:
        return self.headline or f"Entry {self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status == EntryStatus.PUBLISHED


class LiveEntryChange(models.Model):
    """One thing done to an entry (filed, published, edited, pinned, deleted …), with its
    text as it was then: the entry's history, kept when the entry is deleted."""

    entry = models.ForeignKey(LiveEntry, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    headline = models.CharField(max_length=200, blank=True)
    body_html = models.TextField(blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["entry", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id} at {self.created_at:%Y-%m-%d %H:%M}"
