"""The newsroom's standards and trust pages readers can read, and the organization's JSON-LD
links to: one page per kind, each written by editors in the admin."""

from django.db import models
from django.urls import reverse


class PolicyKind(models.TextChoices):
    """Each kind is one page; its value is the page's address under /policies/ (or at the
    top level for the three in `TOP_LEVEL_PAGES`)."""

    PUBLISHING_PRINCIPLES = "publishing-principles", "Publishing principles"
    CORRECTIONS = "corrections-policy", "Corrections policy"
    UNNAMED_SOURCES = "unnamed-sources", "Unnamed sources policy"
    ETHICS = "ethics-policy", "Ethics policy"
    MASTHEAD = "masthead", "Masthead"
    ACTIONABLE_FEEDBACK = "actionable-feedback", "Reader feedback"
    DIVERSITY = "diversity-policy", "Diversity policy"
    OWNERSHIP_FUNDING = "ownership-funding", "Ownership and funding"
    VERIFICATION = "verification-fact-checking", "Verification and fact-checking"
    MISSION = "mission-coverage-priorities", "Mission and coverage priorities"
    NO_BYLINES = "no-bylines-policy", "Stories without a byline"
    ABOUT = "about", "About us"
    CONTACT = "contact", "Contact us"


# Pages readers look for at the site's root (/about/, /contact/, /masthead/).
TOP_LEVEL_PAGES = (PolicyKind.ABOUT, PolicyKind.CONTACT, PolicyKind.MASTHEAD)

# The schema.org property of NewsMediaOrganization each page backs (the Trust Project's list).
SCHEMA_PROPERTIES = {
    PolicyKind.PUBLISHING_PRINCIPLES: "publishingPrinciples",
    PolicyKind.ETHICS: "ethicsPolicy",
    PolicyKind.CORRECTIONS: "correctionsPolicy",
    PolicyKind.UNNAMED_SOURCES: "unnamedSourcesPolicy",
    PolicyKind.MASTHEAD: "masthead",
    PolicyKind.ACTIONABLE_FEEDBACK: "actionableFeedbackPolicy",
    PolicyKind.DIVERSITY: "diversityPolicy",
    PolicyKind.OWNERSHIP_FUNDING: "ownershipFundingInfo",
    PolicyKind.VERIFICATION: "verificationFactCheckingPolicy",
    PolicyKind.MISSION: "missionCoveragePrioritiesPolicy",
    PolicyKind.NO_BYLINES: "noBylinesPolicy",
}


def policy_path(kind: str) -> str:
    """The public address of the page of `kind` (every kind's page exists from the migrations)."""
    if kind in TOP_LEVEL_PAGES:
        return reverse(kind)
    return reverse("policy", kwargs={"kind": kind})


class PolicyPage(models.Model):
    """A standards or trust page readers can read and JSON-LD links to; editable in the admin.

    Every kind's page is made by the migrations and cannot be deleted, so the links in the
    footer and in every story's JSON-LD never lead to a 404."""

    kind = models.CharField(max_length=40, choices=PolicyKind.choices, unique=True)
    title = models.CharField(max_length=200)
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences search engines and link previews show under the "
        "title. Empty: the start of the page.",
    )
    body = models.TextField(
        help_text="Plain text; a blank line starts a new paragraph.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return policy_path(self.kind)
