"""The sourcing assistant's proposed attributions, waiting for a person to accept or dismiss."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from sources.models.attributions import AttributionKind
from sources.models.registry import Source


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Not yet handled"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class AttributionProposal(models.Model):
    """An attribution the sourcing assistant found in a story's text, for staff to handle."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField(max_length=20, choices=AttributionKind.choices)
    name = models.CharField(max_length=200, blank=True, help_text="Speaker, outlet or descriptor.")
    descriptor_as_written = models.CharField(max_length=200, blank=True)
    anonymous = models.BooleanField(default=False)
    anonymity_reason = models.CharField(max_length=300, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    reported_on = models.DateField(null=True, blank=True)
    quote = models.TextField(blank=True)
    evidence = models.TextField(help_text="The text the proposal came from.")
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)
    matched_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(
        max_length=64, help_text="Identifies the proposal across re-runs on unchanged text."
    )
    # Why it was proposed: the assistant's rule (its finder's module) and the words that fired it.
    rule = models.CharField(max_length=40, blank=True)
    trigger = models.CharField(max_length=200, blank=True)
    confidence = models.PositiveSmallIntegerField(
        default=0,
        help_text="How sure the assistant is that it names the right party, in percent.",
    )
    source_count = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text="How many people it stands for (more than one for “officials said”).",
    )
    status = models.CharField(
        max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    dismiss_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why it was dismissed: needed for a proposal of an anonymous source.",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["span_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="proposal_once_per_text"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"
