"""The standards policy pages readers can read (and JSON-LD links to)."""

from django.db import models


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
