"""The story budget: planned stories, their history, and the private calendar feed keys."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from articles.models.story import Article, Section
from newsroom.validators import validate_plain_text


class PlanStatus(models.TextChoices):
    IDEA = "idea", "Idea"
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    FILED = "filed", "Filed"
    KILLED = "killed", "Killed"


class PlannedStory(models.Model):
    """A line on the story budget: a story planned before (and while) anyone writes it.

    Once the draft is started (`articles.planning.changes.start_draft`) `article` links the
    plan to its story, and the budget shows the story's live state. Only
    `articles.planning.changes` changes `status`, `publish_at` and `article`.
    """

    slug = models.SlugField(
        "working slug", max_length=80, help_text="The short name the desk calls it, e.g. pier-vote."
    )
    budget_line = models.TextField(
        max_length=600,
        validators=[validate_plain_text],
        help_text="One or two sentences: what the story will say.",
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_writing",
    )
    photographer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_photographing",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_editing",
    )
    copy_due_at = models.DateTimeField("copy due", null=True, blank=True)
    publish_at = models.DateTimeField(
        "planned publish time",
        null=True,
        blank=True,
        help_text="Empty: unscheduled. The story's own publish time is set when it is published.",
    )
    planned_words = models.PositiveIntegerField(
        "planned length (words)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(20000)],
    )
    needs_art = models.BooleanField("needs art", default=False)
    status = models.CharField(
        max_length=20, choices=PlanStatus.choices, default=PlanStatus.IDEA, editable=False
    )
    article = models.OneToOneField(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan",
        editable=False,
        help_text="The story started from this plan.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "planned story"
        verbose_name_plural = "story budget"
        ordering = ["publish_at", "pk"]
        indexes = [
            models.Index(fields=["publish_at"]),
            models.Index(fields=["status", "publish_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values), name="planned_story_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class PlanningFeedKey(models.Model):
    """A person's secret calendar-feed address (`articles.planning.calendar_feed.issue_feed_key`).

    Only a hash of the secret is kept; regenerating replaces it and revoking deletes the row,
    so an old address answers 404 at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planning_feed_key"
    )
    secret_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "planning calendar feed key"

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"


class PlanEventKind(models.TextChoices):
    CREATED = "created", "Planned"
    STATUS = "status", "Status changed"
    RESCHEDULED = "rescheduled", "Rescheduled"
    DRAFT_STARTED = "draft_started", "Draft started"


class PlanEvent(models.Model):
    """One line of a plan's history: it was planned, moved to another status, rescheduled
    (its planned publish time changed, or cleared), or its draft was started. Written only by
    `articles.planning.history.record_event`; shown on the plan's page."""

    plan = models.ForeignKey(PlannedStory, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=PlanEventKind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    from_time = models.DateTimeField(null=True, blank=True)
    to_time = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200, blank=True, help_text="Kept if the user goes.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["plan", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PlanEventKind.values), name="plan_event_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: plan {self.plan_id}"
