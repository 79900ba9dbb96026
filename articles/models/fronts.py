"""Fronts: the home page and each section page as zones of slots that editors curate.

A `Front` holds the layout editors are changing (its draft); each publish (now or at a
scheduled time) and each roll-back writes a `FrontVersion`, so the versions are the front's
history: who, when, what. Readers see the newest version whose `live_from` has come,
resolved against live snapshots at read time (`articles.fronts.resolve`): a story taken
down leaves every front at once. The rules are in `articles.fronts`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from articles.models.story import Section


class Front(models.Model):
    """The home page (no section) or one section's page, as editors curate it."""

    slug = models.SlugField(
        max_length=80, unique=True, help_text='"home" for the home page, else the section\'s slug.'
    )
    section = models.OneToOneField(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="front"
    )
    name = models.CharField(max_length=80)
    # {"zones": {zone key: {"slots": [{"story": article id | None, "pinned": bool}], "rule":
    # {"section", "tag", "kind"}}}}: what the next publish puts live (articles.fronts.layout).
    draft = models.JSONField(default=dict, blank=True)
    draft_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    draft_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["section__position", "section__name"]
        permissions = [("edit_front", "Can curate, schedule and roll back fronts")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("home") if self.is_home else reverse("section", args=[self.slug])

    @property
    def is_home(self) -> bool:
        return self.section_id is None


class FrontVersion(models.Model):
    """One published (or scheduled) layout of a front: a line of its history."""

    front = models.ForeignKey(Front, on_delete=models.CASCADE, related_name="versions")
    layout = models.JSONField(default=dict)
    live_from = models.DateTimeField(help_text="When readers see it; in the future = scheduled.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    rolled_back_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The earlier version this one put back live.",
    )

    class Meta:
        ordering = ["-live_from", "-id"]
        get_latest_by = "live_from"
        indexes = [models.Index(fields=["front", "-live_from", "-id"], name="front_version_live")]

    def __str__(self) -> str:
        return f"{self.front} from {self.live_from:%Y-%m-%d %H:%M}"
