"""Working on a story together: autosaved typing, comments on the text with their
@mentions, and who has the story open."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.story import Article


class StoryAutosave(models.Model):
    """The text one person was typing in a story's form, kept on the server while they type.

    Not a save: nobody else sees it, the working copy, its version and its history are
    untouched. One row per draft: a page of the story form names its own `draft` (a random id
    made by the browser), so two tabs never share a row; replaced at each autosave of that
    draft, and deleted when that person saves the story. `article` is empty for a story not
    saved yet. Offered back when the story is opened again (`articles.collaboration.autosave`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_autosaves"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="autosaves"
    )
    # {"headline": ..., "dek": ..., "body": ...}: the form's text fields as typed
    text = models.JSONField(default=dict)
    draft = models.CharField(
        max_length=40, blank=True, default="", help_text="The story form page that typed it."
    )
    based_on_version = models.PositiveIntegerField(
        default=0, help_text="The version of the story the form was opened at."
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "autosaved text"
        verbose_name_plural = "autosaved texts"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article", "draft"],
                condition=models.Q(article__isnull=False),
                name="one_autosave_per_draft_of_a_story",
            ),
            models.UniqueConstraint(
                fields=["user", "draft"],
                condition=models.Q(article__isnull=True),
                name="one_autosave_per_new_story_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"Autosave of {self.article_id or 'a new story'} by {self.user_id}"


# --- planning: the story budget (rules in articles/planning.py) -----------------------------


class StoryComment(models.Model):
    """A staff comment on a passage of a story's body, or a reply to one (`parent`).

    The passage is kept as a quote with a little text on each side (like the W3C
    TextQuoteSelector), so `articles.collaboration.comments` can find it again after the text around it
    changes, or tell that it was deleted (orphaned). Never copied into a snapshot.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    quote = models.TextField(blank=True, help_text="The commented passage, as it was selected.")
    prefix = models.CharField(max_length=64, blank=True, help_text="Text just before the passage.")
    suffix = models.CharField(max_length=64, blank=True, help_text="Text just after the passage.")
    made_on_version = models.PositiveIntegerField(
        default=0, help_text="The story's version when the comment was made."
    )
    # Where the passage is in the story's saved text, found when the comment was made and at
    # each save since (articles.collaboration.comments): pages read it, they never search.
    anchor_start = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Where the passage begins (characters)."
    )
    anchor_end = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Where the passage ends (characters)."
    )
    anchor_exact = models.BooleanField(
        default=False, editable=False, help_text="The passage reads as it did when commented on."
    )
    anchored_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The story's version the passage was last looked for in (empty: never).",
    )
    revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story's revision the comment was made on.",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "open comment"
        verbose_name_plural = "open comments"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | models.Q(resolved_at__isnull=True),
                name="story_comment_only_threads_resolve",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on story {self.article_id}"


class StoryCommentMention(models.Model):
    """A staff member named with @ in a story comment (shown on their start page)."""

    comment = models.ForeignKey(StoryComment, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_comment_mentions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="story_comment_mention_once")
        ]

    def __str__(self) -> str:
        return f"Mention of {self.user_id} in comment {self.comment_id}"


# --- presence: who has a story open (rules in articles/presence.py) -------------------------


class StoryPresence(models.Model):
    """One person's open story page, kept alive by its heartbeat (`articles.collaboration.presence`).

    One row per (story, person): `opened_at` is when they opened it (kept while the heartbeat
    goes on), `last_seen` their last heartbeat. A row not seen for `presence.EXPIRES_AFTER`
    counts as gone and is deleted by the next heartbeat of that story. Not a lock: it only
    tells the others who is there.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_presences"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "story presence"
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_presence_per_story_user")
        ]
        indexes = [models.Index(fields=["article", "last_seen"])]

    def __str__(self) -> str:
        return f"{self.user_id} on story {self.article_id}"


class StoryOpening(models.Model):
    """When one person last opened a story's page, and the opening before that one: the diff
    page's "Since you last opened it" (`articles.collaboration.openings`). One row per
    (story, person), moved on at each opening; kept, unlike presence."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="openings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_openings"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    previous_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "story opening"
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_opening_per_story_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} opened story {self.article_id}"


# --- review chains: who signs a story off before it is published (rules in review_chains.py) --
