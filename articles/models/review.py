"""Review beyond the editor: review chains' steps and sign-offs, sign-off links and
share links for people without an account."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from articles.models.story import Article, Section
from newsroom.people import display_name
from newsroom.validators import validate_plain_text


class StoryPart(models.TextChoices):
    """What a change touches, for the reopening rule (`articles.review.chains`)."""

    TEXT = "text", "The text: body, byline, sourcing, corrections, dateline"
    DISPLAY = "display", "The display: headline, dek, search and social headlines, lead image"


def default_step_touches() -> list[str]:
    return [StoryPart.TEXT.value, StoryPart.DISPLAY.value]


class ReviewStep(models.Model):
    """One step of a review chain: a group or a person who signs a story off.

    A section's step (`section`) applies to every story of the section; a story's own step
    (`article`, an editor's ad hoc "send it to Legal") to that story only, until an editor
    removes it with a reason (`removed_at`). A story is published only when every step that
    applies to it has signed off its current text. `touches` says which changes of the
    story reopen the step; every step reads the text, so a change in the body or the
    sourcing reopens them all.
    """

    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_steps",
        help_text="Every story of this section needs the step.",
    )
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_review_steps",
        verbose_name="story",
        help_text="Only this story needs the step (asked for from the story page).",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who asked for a story's own step.",
    )
    added_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed_because = models.CharField(max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Steps sign in this order: lower numbers first."
    )
    name = models.CharField(
        max_length=80, validators=[validate_plain_text], help_text="e.g. “Legal”."
    )
    group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_steps",
        help_text="Any member of this group may sign the step. Choose a group or a person.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_steps",
        verbose_name="person",
        help_text="Only this person may sign the step (in the panel, or by a link mailed to "
        "their account's address).",
    )
    outside_signers = ArrayField(
        models.EmailField(),
        default=list,
        blank=True,
        verbose_name="outside signers",
        help_text="Addresses of people without a newsroom account who may sign this step by "
        "a mailed link (e.g. the newsroom's counsel), separated by commas. Only admins set "
        "them: a sign-off link goes to the step's person, its group's members or these.",
    )
    touches = ArrayField(
        models.CharField(max_length=20, choices=StoryPart.choices),
        default=default_step_touches,
        help_text="Which changes reopen a sign-off. Every step reads the text; add the display "
        "for steps that answer for headlines and deks too (standards, managing editor).",
    )

    class Meta:
        verbose_name = "review step"
        verbose_name_plural = "review steps"
        ordering = ["section", "position", "pk"]
        permissions = [
            (
                "manage_review_chains",
                "Can change review chains: their steps, signers and outside signers",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(group__isnull=False, user__isnull=True)
                    | models.Q(group__isnull=True, user__isnull=False)
                ),
                name="review_step_group_or_person",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(section__isnull=False, article__isnull=True)
                    | models.Q(section__isnull=True, article__isnull=False)
                ),
                name="review_step_section_or_story",
            ),
            models.UniqueConstraint(
                fields=["section", "name"], name="review_step_name_once_per_section"
            ),
            models.UniqueConstraint(
                fields=["article", "name"],
                condition=models.Q(removed_at__isnull=True),
                name="review_step_name_once_per_story",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section or 'This story'}: {self.name}"

    @property
    def is_story_step(self) -> bool:
        return self.article_id is not None


class ReviewStepChange(models.Model):
    """One change to a section's chain step in the admin: who, when, before and after."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"

    section = models.ForeignKey(
        Section, null=True, on_delete=models.SET_NULL, related_name="review_step_changes"
    )
    step = models.ForeignKey(
        ReviewStep, null=True, on_delete=models.SET_NULL, related_name="changes"
    )
    step_name = models.CharField(max_length=80)
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "review step change"

    def __str__(self) -> str:
        return f"{self.step_name}: {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class SignOffDecision(models.TextChoices):
    APPROVE = "approve", "Approved"
    REJECT = "reject", "Rejected"


class SignOffLink(models.Model):
    """A signed, expiring, revocable link that lets someone the step allows sign it without
    logging in, mailed to their address (`sent_to`) and never shown to the editor who sent it.

    The address carries a signed random token, never a story id. Every opening is counted
    (`opened_count`; the first 50 kept in `visits`: time and a hash of the address it came
    from), and so is the decision.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sign_off_links")
    step = models.ForeignKey(ReviewStep, on_delete=models.CASCADE, related_name="links")
    token = models.CharField(max_length=64, unique=True, editable=False)
    sent_to = models.CharField(
        max_length=200,
        blank=True,
        help_text="The address the link was mailed to: someone the step allows.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True, help_text="When the decision was sent.")
    embargo_cleared = models.BooleanField(
        "cleared for embargo",
        default=False,
        help_text="Its reader may see the story before its embargo lifts (e.g. counsel).",
    )
    # [{"at": iso time, "ip_hash": "…"}], oldest first (the first 50)
    visits = models.JSONField(default=list, blank=True)
    opened_count = models.PositiveIntegerField(
        "openings", default=0, help_text="Every opening of the link's page, past the first 50 too."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "sign-off link"

    def __str__(self) -> str:
        return f"Sign-off link for {self.step} on {self.article_id}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.used_at is None and self.expires_at > now


class SignOff(models.Model):
    """One decision on one step for one story: approved or rejected, by whom, on what text.

    Reopened (`reopened_at`) when the story changes in a part the step touches; the step then
    waits for a new decision. Written only through `articles.workflow.transitions`.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sign_offs")
    step = models.ForeignKey(ReviewStep, on_delete=models.CASCADE, related_name="sign_offs")
    decision = models.CharField(max_length=10, choices=SignOffDecision.choices)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for a decision sent through a link.",
    )
    external_name = models.CharField(max_length=200, blank=True)
    external_email = models.EmailField(blank=True)
    link = models.ForeignKey(
        SignOffLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="sign_offs"
    )
    ip_hash = models.CharField(max_length=64, blank=True)
    # A decision by link keeps who the link was mailed to, who sent it and when it was first
    # opened, even if the link is deleted later.
    link_sent_to = models.CharField("link mailed to", max_length=200, blank=True)
    link_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="link sent by",
    )
    link_opened_at = models.DateTimeField("link first opened", null=True, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)
    based_on_version = models.PositiveIntegerField(
        help_text="The story's version the decision was made on."
    )
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_because = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "sign-off"
        indexes = [models.Index(fields=["article", "step", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=SignOffDecision.values),
                name="sign_off_decision_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step.name}: {self.get_decision_display()} on {self.article_id}"

    @property
    def signer_name(self) -> str:
        if self.signer_id is not None and self.signer is not None:
            return display_name(self.signer)
        return self.external_name


class PreviewLink(models.Model):
    """A signed, expiring, revocable link to preview a working copy without an account."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # An editor cleared this link's reader for the story's embargo (e.g. a source checking
    # quotes): only such a link opens while the story is embargoed.
    embargo_cleared = models.BooleanField("cleared for embargo", default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Preview of {self.article} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
