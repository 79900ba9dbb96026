"""The source registry: who and what stories cite (`Source`), what is confidential about a
source (`SourceConfidential`), and the log of every confidential read (`ConfidentialAccess`)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone


class SourceKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    OUTLET = "outlet", "News outlet"
    DOCUMENT = "document", "Document"


class SourceStanding(models.TextChoices):
    """Whether what a source said can still be relied on (set by the standards desk)."""

    SOUND = "", "Nothing against it"
    UNRELIABLE = "unreliable", "Found unreliable"
    RETRACTED = "retracted", "Retracted"


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
    standing = models.CharField(
        max_length=12,
        choices=SourceStanding.choices,
        blank=True,
        default=SourceStanding.SOUND,
        help_text="Found unreliable or retracted: the live stories citing it are listed for "
        "correction.",
    )
    standing_note = models.CharField(
        "what happened",
        max_length=300,
        blank=True,
        help_text="Readers may see it in the corrections, e.g. “The study was retracted by "
        "its journal on 3 March.”",
    )
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
