"""Every published version of a story, hashed and signed, and the keys that signed them.

A `StoryVersion` is written by the publish path (`articles.versions.record`) each time a
publish gives readers new text or a new correction; nothing else writes one. Its statement
(`articles.versions.canonical.statement`) names the story, the version, its time and the
SHA-256 of its canonical text, and is signed with the newsroom's Ed25519 key. `SigningKey`
keeps the public half of every key that ever signed, so old versions stay verifiable after
a rotation; the private half never reaches the database.
"""

from django.db import models

from articles.models.story import Article


class SigningKey(models.Model):
    """The public half of a key the newsroom signs versions with (current or retired)."""

    key_id = models.SlugField(max_length=64, unique=True, help_text="The id readers see.")
    public_key = models.CharField(
        max_length=64, unique=True, help_text="Raw 32-byte Ed25519 public key, base64."
    )
    first_used_at = models.DateTimeField()
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="When another key first signed; empty: current."
    )

    class Meta:
        ordering = ["first_used_at"]
        verbose_name = "signing key"

    def __str__(self) -> str:
        return self.key_id


class VersionKind(models.TextChoices):
    FIRST = "first", "First published"
    UPDATE = "update", "Updated"
    TYPO_FIX = "typo", "Typo fix (not announced)"
    REPUBLISHED = "same", "Republished, same text"


class StoryVersion(models.Model):
    """One published version of a story: its canonical text, hash, statement and signature."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=VersionKind.choices)
    # What changed, as readers are told (empty for a typo fix or an unchanged text).
    changes = models.JSONField(default=list, blank=True)
    corrections = models.PositiveIntegerField(
        default=0, help_text="How many corrections readers saw with this version."
    )
    published_at = models.DateTimeField(help_text="When readers got this version.")
    url_path = models.CharField(max_length=400)
    headline = models.CharField(max_length=300, help_text="As in the canonical text.")
    dek = models.TextField(blank=True, help_text="As in the canonical text.")
    text = models.TextField(help_text="The canonical text (headline, dek, body), hashed.")
    sha256 = models.CharField(max_length=64, db_index=True)
    statement = models.TextField(help_text="The exact text that was signed.")
    signature = models.CharField(max_length=100, help_text="Ed25519 signature, base64.")
    key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="versions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "number"]
        verbose_name = "published version"
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="story_version_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="story_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"

    @property
    def announced(self) -> bool:
        return self.kind in (VersionKind.FIRST, VersionKind.UPDATE)
