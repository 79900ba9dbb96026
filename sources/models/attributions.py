"""How stories use sources: `Attribution` (and its confidential record, for grants of
anonymity) and `CommentRequest`, a right-of-reply request."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from sources.models.registry import Source


class AttributionKind(models.TextChoices):
    QUOTED = "quoted", "Quoted"
    PARAPHRASED = "paraphrased", "Paraphrased"
    REPORTED_BY = "reported_by", "Reported by another outlet"
    DECLINED = "declined", "Declined to comment"
    NO_RESPONSE = "no_response", "Did not respond"


class SourcingTerms(models.TextChoices):
    ON_RECORD = "on_record", "On the record"
    BACKGROUND = "background", "On background"
    DEEP_BACKGROUND = "deep_background", "Deep background"


class Attribution(models.Model):
    """How one story uses one source, or (with `entry`) one entry of a live story does.

    An entry's attribution keeps `article` (its story: who may change it, who approves its
    anonymity follow the story's rules) and is read only through its entry: the story's own
    sourcing (its checks, its box, its revisions, its page's inlines) reads `entry=None`."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="attributions"
    )
    entry = models.ForeignKey(
        "articles.LiveEntry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attributions",
        editable=False,
        help_text="The live entry this attribution sources (none: the story itself).",
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="attributions", null=True, blank=True
    )
    kind = models.CharField(
        max_length=20, choices=AttributionKind.choices, default=AttributionKind.QUOTED
    )
    terms = models.CharField(
        "sourcing terms",
        max_length=20,
        choices=SourcingTerms.choices,
        default=SourcingTerms.ON_RECORD,
    )
    anonymous = models.BooleanField(default=False)
    public_descriptor = models.CharField(
        max_length=200,
        blank=True,
        help_text="How readers see an anonymous source, e.g. “U.S. officials”.",
    )
    anonymity_reason = models.CharField(
        "reason for anonymity (public)",
        max_length=300,
        blank=True,
        help_text="Readers see this, e.g. “because they were not authorized to discuss the decision”.",
    )
    source_count = models.PositiveSmallIntegerField(
        default=1, help_text="How many people this attribution stands for (for “officials”)."
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who approved granting anonymity.",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    outlet_report = models.CharField("what the outlet reported", max_length=400, blank=True)
    reported_on = models.DateField("reported on", null=True, blank=True)
    quote = models.TextField("quoted words", blank=True)
    descriptor_as_written = models.CharField(
        max_length=200, blank=True, help_text="The descriptor as it appears in the story's text."
    )
    comment_request = models.ForeignKey(
        "CommentRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attributions",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source_count__gte=1), name="attribution_source_count_positive"
            )
        ]

    def __str__(self) -> str:
        who = (
            self.public_descriptor if self.anonymous else (self.source.name if self.source else "?")
        )
        return f"{self.get_kind_display()}: {who}"


class AttributionConfidential(models.Model):
    """Why anonymity was granted and who knows the source: the identity's gate, not the story's.

    Like `SourceConfidential`, readable only with `sources.view_confidential_source`
    (`sources.confidential`), never followed by revisions, never in a snapshot, and no admin
    lookup may reach it without the permission.
    """

    attribution = models.OneToOneField(
        Attribution, on_delete=models.CASCADE, related_name="confidential"
    )
    internal_justification = models.TextField(
        blank=True, help_text="Why anonymity was granted. Editorial only, never public."
    )
    basis = models.CharField(
        "how the source knows", max_length=300, blank=True, help_text="Editorial only."
    )
    editors_who_know = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Editors who know the source's identity. Never public.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "confidential attribution record"

    def __str__(self) -> str:
        return f"Confidential attribution record #{self.pk}"


class CommentMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"
    OTHER = "other", "Other"


class CommentOutcome(models.TextChoices):
    PENDING = "pending", "Waiting"
    RESPONDED = "responded", "Responded"
    DECLINED = "declined", "Declined to comment"
    NO_RESPONSE = "no_response", "No response"


class CommentRequest(models.Model):
    """Right of reply: who was asked for their response, how, and what came of it.

    Called a "right-of-reply request" everywhere staff see it, so that "comment" means one
    thing in the newsroom: a colleague's comment on the text (`StoryComment`). The class
    keeps its name because its table and permission codenames do."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comment_requests"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="comment_requests", null=True, blank=True
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    method = models.CharField(
        max_length=20, choices=CommentMethod.choices, default=CommentMethod.EMAIL
    )
    deadline = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=20, choices=CommentOutcome.choices, default=CommentOutcome.PENDING
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = "right-of-reply request"
        verbose_name_plural = "right-of-reply requests"

    def __str__(self) -> str:
        return f"Right-of-reply request to {self.source or '?'} ({self.get_outcome_display()})"
