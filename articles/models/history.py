"""What happened to a story: workflow events, editorial notes, revision metadata, and
the review queue's proxy."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.story import Article, ArticleState


class WorkflowEvent(models.Model):
    """One state change of a story: who, from, to, when, note."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, choices=ArticleState.choices)
    to_state = models.CharField(max_length=20, choices=ArticleState.choices)
    note = models.TextField(blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class EditorialNote(models.Model):
    """A staff note on a story. Never public."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class ArticleRevisionMeta(models.Model):
    """What a revision of a story keeps besides its fields: byline and tags as they were.

    Kept as data rather than by following the byline rows, so history never reaches
    into sources or anything confidential.
    """

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="article_meta"
    )
    # [{"id", "name"}] in byline order
    byline = models.JSONField(default=list)
    tags = models.JSONField(default=list)
    # The story's sourcing as the newsroom sees it in the story form, never anything from
    # a confidential record (`sources.history`): [{"label", ...}] in the story's order.
    attributions = models.JSONField(default=list)
    corrections = models.JSONField(default=list)
    state = models.CharField(max_length=20, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "story revision data"

    def __str__(self) -> str:
        return f"Revision {self.revision_id} (version {self.version})"


class ReviewQueueItem(Article):
    """The review queue: stories waiting for an editor, oldest first (admin only)."""

    class Meta:
        proxy = True
        verbose_name = "story in review"
        verbose_name_plural = "review queue"
