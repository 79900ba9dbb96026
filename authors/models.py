"""Author profiles: the people in bylines (staff, freelancers, agencies), optionally linked to a
staff account."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class AuthorKind(models.TextChoices):
    STAFF = "staff", "Staff"
    FREELANCE = "freelance", "Freelance"
    AGENCY = "agency", "Agency"


class Author(models.Model):
    name = models.CharField(max_length=120)
    kind = models.CharField(
        max_length=12,
        choices=AuthorKind.choices,
        default=AuthorKind.STAFF,
        help_text="Staff, a freelancer, or an agency byline (e.g. Reuters).",
    )
    outlet = models.CharField(
        max_length=120,
        blank=True,
        help_text="For a freelancer or an agency: who they write for, if it is said.",
    )
    slug = models.SlugField(max_length=140, unique=True)
    job_title = models.CharField(max_length=120, blank=True)
    bio = models.TextField("short bio", blank=True, max_length=1200)
    photo = models.ImageField(upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account that writes as this author, if any.",
    )
    email = models.EmailField(blank=True, help_text="Shown to staff only.")
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Inactive authors keep their pages but are not offered in bylines.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("author", kwargs={"slug": self.slug})
