"""Stories: sections, the editorial working copy (`Article`, "the story") and its byline."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField, create_sanitizer
from taggit.managers import TaggableManager

from articles.embeds.providers import check_figures
from articles.models.images import Image
from newsroom.validators import validate_plain_text

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
    "SpecialCharacters": True,
    # Pasted Docs, Word and web HTML cut down to the marks above (static/js/admin-story-paste.js).
    "NewsroomPaste": True,
    # A gallery placed in the body, as one block (static/js/admin-story-gallery.js).
    "NewsroomGallery": True,
    # An outside player (YouTube, a post on X, …) by address (static/js/admin-story-embed.js).
    "NewsroomEmbed": True,
    # A video or sound of the library, as one block (static/js/admin-story-clip.js).
    "NewsroomClip": True,
}


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(
        default=0, help_text="Lower numbers come first in menus."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("section", kwargs={"slug": self.slug})


class ArticleState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"
    SPIKED = "spiked", "Spiked"


class KindOfWork(models.TextChoices):
    """Trust Project "type of work" labels readers see."""

    NEWS = "news", "News"
    ANALYSIS = "analysis", "Analysis"
    OPINION = "opinion", "Opinion"
    BACKGROUND = "background", "Background"
    SPONSORED = "sponsored", "Sponsored"


class Article(models.Model):
    """The editorial working copy of a story. Only `articles.workflow.transitions` changes `state`."""

    headline = models.CharField(max_length=200, validators=[validate_plain_text])
    # Headlines for elsewhere: search results cut near 60 characters; link cards differ.
    seo_headline = models.CharField(
        "search headline",
        max_length=70,
        blank=True,
        validators=[validate_plain_text],
        help_text="For search results (the page title), up to 70 characters; 60 is safest. "
        "Empty: the headline.",
    )
    social_headline = models.CharField(
        "social headline",
        max_length=120,
        blank=True,
        validators=[validate_plain_text],
        help_text="For link previews on social sites and in messages. Empty: the headline.",
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the story's address."
    )
    dek = models.TextField(
        "dek",
        blank=True,
        max_length=600,
        help_text="The summary line under the headline.",
        validators=[validate_plain_text],
    )
    # Sanitized by the extensions' allow-list, then each embed checked (refused with a message).
    body = ProseEditorField(
        extensions=BODY_EXTENSIONS, sanitize=[check_figures, create_sanitizer], blank=True
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        "authors.Author", through="ArticleAuthor", related_name="articles", blank=True
    )
    tags = TaggableManager(blank=True)
    # PROTECT: deleting an image must not silently take it off stories, live ones included.
    lead_image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.PROTECT, related_name="lead_of"
    )
    # A gallery shown where the lead picture would be (the lead picture still serves link
    # previews). PROTECT, as for the lead image.
    lead_gallery = models.ForeignKey(
        "articles.Gallery",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of",
        help_text="Shown instead of the lead image on the story's page.",
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text="e.g. “WASHINGTON”.", validators=[validate_plain_text]
    )
    kind_of_work = models.CharField(
        "type of work", max_length=20, choices=KindOfWork.choices, default=KindOfWork.NEWS
    )
    how_we_reported = models.TextField(
        "how we reported this",
        blank=True,
        help_text="Optional note for readers on how the story was reported.",
    )
    # Separate from the publish time: nothing of the story may be public before it
    # (articles.workflow.transitions refuses a publish that would show it earlier, unless an editor
    # breaks the embargo with a reason).
    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text="Nothing of the story is public before this time: no page, feed, search "
        "hit or share link. Empty: no embargo.",
    )

    origin_uri = models.CharField(
        max_length=500,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Where an imported story came from (ninjs uri or file name).",
    )
    origin_hash = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Hash of the imported copy.",
    )

    state = models.CharField(
        max_length=20, choices=ArticleState.choices, default=ArticleState.DRAFT, editable=False
    )
    has_unpublished_changes = models.BooleanField(
        default=False, editable=False, help_text="A live story edited since it was last published."
    )
    # What the standards checks found at the last save (workflow.save_article), so lists can
    # show "stories with findings" without running the checks per row. The story page and
    # publishing always run the checks afresh.
    findings_to_fix = models.PositiveSmallIntegerField(default=0, editable=False)
    findings_to_weigh = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        editable=False,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Who reviews the story while it is in review, and by when (workflow.assign_reviewer).
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories_to_review",
        editable=False,
    )
    review_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["state", "-updated_at"]),
            # The story list's default order and its date drill-down's first and last dates.
            models.Index(fields=["-updated_at", "-id"], name="article_updated"),
            # The admin's search: "contains", any case (UPPER(col::text) LIKE …), by trigrams.
            *(
                GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"article_{field}_trgm")
                for field in ("headline", "dek", "slug")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ArticleState.values), name="article_state_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(headline=""), name="article_headline_not_empty"
            ),
        ]
        permissions = [
            ("review_article", "Can review stories and request changes"),
            ("publish_article", "Can publish, schedule, update and unpublish stories"),
            ("spike_article", "Can spike and restore stories"),
        ]

    def __str__(self) -> str:
        return self.headline

    @property
    def state_label(self) -> str:
        """The label editors see: "Live + draft" when a live story has edits in progress."""
        if self.has_unpublished_changes and self.state in (
            ArticleState.DRAFT,
            ArticleState.IN_REVIEW,
        ):
            return f"Live + {ArticleState(self.state).label.lower()}"
        return ArticleState(self.state).label

    def byline_authors(self):
        return [link.author for link in self.author_links.select_related("author")]

    def is_embargoed(self, now=None) -> bool:
        """Whether the story's embargo is still ahead (nothing of it may be public yet)."""
        return self.embargo_until is not None and self.embargo_until > (now or timezone.now())


class ArticleAuthor(models.Model):
    """An author in a story's byline, in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="author_links")
    author = models.ForeignKey("authors.Author", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "byline author"
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="article_author_once")
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.article}"
