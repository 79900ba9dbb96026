"""The source registry and how stories use it.

`Source` is public-safe registry data. Everything confidential about a source lives in
`SourceConfidential`, and everything confidential about one grant of anonymity (why it was
granted, how the source knows, which editors know who it is) in `AttributionConfidential`.
Both are readable only with `sources.view_confidential_source`, never copied into a public
snapshot or a revision, and unreachable through admin lookups without the permission.
`Attribution` is one story's use of one source.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone


class SourceKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    OUTLET = "outlet", "News outlet"
    DOCUMENT = "document", "Document"


class SourceVoice(models.TextChoices):
    """Whose voice a source is, for the sourcing audit (who a newsroom quotes)."""

    OFFICIAL = "official", "Official or spokesperson"
    EXPERT = "expert", "Expert or researcher"
    AFFECTED = "affected", "Person affected"
    COMPANY = "company", "Company or business"
    ADVOCATE = "advocate", "Advocate or campaigner"


class Source(models.Model):
    kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.PERSON)
    name = models.CharField("canonical name", max_length=200)
    descriptor = models.CharField(
        "canonical descriptor",
        max_length=200,
        blank=True,
        help_text="How the newsroom describes this source, e.g. “D-Wash.” or “a spokeswoman for "
        "the Port Authority”. The standards check compares the story's text against it.",
    )
    aliases = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Other names the source appears under (surname, abbreviations). Comma-separated.",
    )
    affiliation = models.CharField(max_length=200, blank=True)
    voice = models.CharField(
        "whose voice",
        max_length=20,
        choices=SourceVoice.choices,
        blank=True,
        help_text="For the sourcing audit: an official, an expert, a person affected, a company…",
    )
    url = models.URLField("public URL", blank=True)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_confidential_source", "Can see confidential source identities and contacts"),
            ("merge_source", "Can merge duplicate sources"),
            ("approve_anonymity", "Can approve a grant of anonymity (I know who this is)"),
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.descriptor})" if self.descriptor else self.name


class SourceConfidential(models.Model):
    """What must never leave the editorial side. Access is permission-gated and logged."""

    source = models.OneToOneField(Source, on_delete=models.CASCADE, related_name="confidential")
    real_identity = models.CharField(
        max_length=300, blank=True, help_text="Who an anonymous source really is."
    )
    contact_details = models.TextField(blank=True)
    private_notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "confidential source record"

    def __str__(self) -> str:
        return f"Confidential record #{self.pk}"


class ConfidentialAccess(models.Model):
    """A log line for every view of a confidential record, and every refused attempt at one."""

    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="confidential_accesses",
    )
    attribution = models.ForeignKey(
        "Attribution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="confidential_accesses",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessed_at = models.DateTimeField(default=timezone.now)
    context = models.CharField(max_length=200, blank=True)
    refused = models.BooleanField(
        default=False, help_text="Set when the attempt was refused for want of the permission."
    )

    class Meta:
        ordering = ["-accessed_at"]
        verbose_name_plural = "confidential accesses"

    def __str__(self) -> str:
        what = "tried to read" if self.refused else "viewed"
        target = (
            f"source {self.source_id}" if self.source_id else f"attribution {self.attribution_id}"
        )
        return f"{self.user} {what} {target} at {self.accessed_at:%Y-%m-%d %H:%M}"


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
    """How one story uses one source."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="attributions"
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
    status = models.CharField(
        max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
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


class PolicyKind(models.TextChoices):
    PUBLISHING_PRINCIPLES = "publishing-principles", "Publishing principles"
    CORRECTIONS = "corrections-policy", "Corrections policy"
    UNNAMED_SOURCES = "unnamed-sources", "Unnamed sources policy"


class PolicyPage(models.Model):
    """A standards page readers can read and JSON-LD links to; editable in the admin."""

    kind = models.CharField(max_length=40, choices=PolicyKind.choices, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("policy", kwargs={"kind": self.kind})
