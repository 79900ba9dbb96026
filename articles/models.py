"""Stories: sections, images, the editorial working copy and the public snapshot.

`Article` is the working copy staff edit. `PublishedArticle` is the public snapshot:
only the publish transition in `articles/workflow.py` writes it, only public views read it.
"""

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.db.models.functions import Coalesce, Upper
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from .uploads import ImageUploadField, check_upload, clean_original
from .validators import validate_plain_text

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


def validate_image_upload(value) -> None:
    """A newly uploaded file must be a web image within the size limit (read from its header)."""
    if not value or getattr(value, "_committed", True):
        return  # the stored file was checked when it was uploaded
    check_upload(value.file)


class OriginalImageFieldFile(ImageFieldFile):
    """Stores an upload under a random name, upright and with its metadata stripped.

    Every way a file reaches storage (the admin's form, `image.file.save(...)` in code)
    comes through here, so no original in the public media folder keeps its upload name
    or its EXIF/GPS, XMP or ICC comments.
    """

    def save(self, name, content, save=True):
        data, extension = clean_original(content)
        name = f"{secrets.token_urlsafe(16)}.{extension}"
        super().save(name, ContentFile(data, name=name), save=False)
        # Width and height of what was stored (upright), not of the upload.
        self.field.update_dimension_fields(self.instance, force=True)
        if save:
            self.instance.save()


class OriginalImageField(models.ImageField):
    attr_class = OriginalImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})


class Image(models.Model):
    file = OriginalImageField(
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image_upload],
        help_text="JPEG, PNG, WebP or GIF, at most 40 megapixels and 10,000 pixels a side.",
    )
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required to publish.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Photographer and agency, e.g. “Ana Ruiz/Newsroom”."
    )
    # The point a crop keeps in view, as fractions of the upright picture's width and height.
    focal_x = models.FloatField(
        "focal point across",
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="0 is the left edge, 1 the right. Click the preview to set it.",
    )
    focal_y = models.FloatField(
        "focal point down",
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="0 is the top edge, 1 the bottom.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
            )
        ]

    def __str__(self) -> str:
        return self.alt_text or self.file.name

    def save(self, *args, **kwargs):
        # FieldFile.save() can leave width/height unset; read them from the stored file.
        if self.file and not (self.width and self.height):
            self._meta.get_field("file").update_dimension_fields(self, force=True)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        image = super().from_db(db, field_names, values)
        image._remember_stored_file()
        return image

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._remember_stored_file()

    def _remember_stored_file(self) -> None:
        # The file name as stored, so a save can tell that the file was replaced.
        if "file" in self.__dict__:
            self._stored_file_name = self.file.name or ""

    def take_replaced_file_name(self) -> str | None:
        """The previous file's name if the file changed since it was loaded/saved (once)."""
        previous = getattr(self, "_stored_file_name", None)
        current = self.file.name or ""
        self._stored_file_name = current
        if previous is None or previous == current:
            return None
        return previous


class Rendition(models.Model):
    """A resized, re-encoded, metadata-free copy of an image, made once and stored."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=10)  # "jpeg", "webp", "avif"
    # "" for the whole picture; otherwise the name of a crop (articles.images.CROPS), cut
    # around the image's focal point.
    crop = models.CharField(max_length=20, blank=True, default="")
    file = models.ImageField(upload_to="renditions/%Y/%m/", width_field=None, height_field=None)

    class Meta:
        ordering = ["image", "crop", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "crop", "width", "format"],
                name="rendition_unique_crop_size_format",
            )
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.crop or 'full'} {self.width}w {self.format}"


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
    SPONSORED = "sponsored", "Sponsored"


class Article(models.Model):
    """The editorial working copy of a story. Only `articles.workflow` changes `state`."""

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
    body = ProseEditorField(extensions=BODY_EXTENSIONS, sanitize=True, blank=True)
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
    # (articles.workflow refuses a publish that would show it earlier, unless an editor
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


class PublicStatus(models.TextChoices):
    LIVE = "live", "Live"
    WITHDRAWN = "withdrawn", "Withdrawn (410 Gone)"
    RETRACTED = "retracted", "Retracted (notice kept)"


class PublishedQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Live snapshots whose go-live time has come. The one filter public code uses.

        It holds embargoes too: a snapshot's go-live is never before its embargo (the
        snapshot_not_live_before_embargo constraint), so "go-live has come" means "embargo
        over" as well. A second test on embargo_until here would cost lists and counts their
        index-only scans (the API's count went from 0.9 to 12 ms at 10,000 stories)."""
        return self.filter(status=PublicStatus.LIVE, published_at__lte=now or timezone.now())


class PublishedArticle(models.Model):
    """The public snapshot of a story: everything a reader may see, nothing else.

    Written only by the publish/unpublish transitions. A `published_at` in the future
    means scheduled: the snapshot is simply not visible until then.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="snapshot")
    status = models.CharField(
        max_length=20, choices=PublicStatus.choices, default=PublicStatus.LIVE
    )
    notice = models.TextField(blank=True, help_text="Shown in place of a retracted story.")

    headline = models.CharField(max_length=200)
    seo_headline = models.CharField(max_length=70, blank=True)
    social_headline = models.CharField(max_length=120, blank=True)
    slug = models.SlugField(max_length=200)
    dek = models.TextField(blank=True)
    body_html = models.TextField(help_text="Sanitized at publish time.")
    body_text = models.TextField(blank=True, help_text="Plain text of the body, for search.")
    dateline = models.CharField(max_length=100, blank=True)
    kind_of_work = models.CharField(
        max_length=20, choices=KindOfWork.choices, default=KindOfWork.NEWS
    )
    how_we_reported = models.TextField(blank=True)

    section_name = models.CharField(max_length=80)
    section_slug = models.SlugField(max_length=80)
    # [{"name", "slug", "job_title", "url"}] in byline order
    byline = models.JSONField(default=list)
    author_slugs = ArrayField(models.CharField(max_length=140), default=list)
    # [{"name", "slug"}]
    tags = models.JSONField(default=list)
    tag_slugs = ArrayField(models.CharField(max_length=100), default=list)
    # {"url", "width", "height", "alt", "caption", "credit", "renditions": [...]} or {}
    lead_image = models.JSONField(default=dict, blank=True)
    # Public attribution data only (no confidential field ever): see sources.public_sourcing.
    attributions = models.JSONField(default=list, blank=True)
    sourcing = models.JSONField(
        default=dict, blank=True, help_text="The “How we sourced this” box."
    )
    # [{"kind", "text", "at"}] oldest first
    corrections = models.JSONField(default=list, blank=True)

    published_at = models.DateTimeField(help_text="Go-live time; in the future = scheduled.")
    # The embargo this snapshot was published under (empty: none, or broken by an editor).
    # Never after `published_at` (constraint), so every "go-live has come" test also honours it.
    embargo_until = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    url_path = models.CharField(max_length=400, unique=True, help_text="Canonical path.")
    article_html = models.TextField(
        blank=True, help_text="The story's article markup rendered at publish time."
    )
    head_html = models.TextField(
        blank=True,
        help_text="The page's head markup (title, meta tags, JSON-LD) rendered at publish time.",
    )
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = "public snapshot"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="snapshot_status_published"),
            models.Index(fields=["section_slug", "-published_at"], name="snapshot_section"),
            GinIndex(fields=["tag_slugs"], name="snapshot_tag_slugs"),
            GinIndex(fields=["author_slugs"], name="snapshot_author_slugs"),
            GinIndex(fields=["search_vector"], name="snapshot_search"),
            # The sitemap's story files: an id range read from the index alone.
            models.Index(
                fields=["id"],
                include=["status", "published_at", "updated_at", "url_path"],
                name="snapshot_sitemap",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(embargo_until__isnull=True)
                | models.Q(published_at__gte=models.F("embargo_until")),
                name="snapshot_not_live_before_embargo",
            )
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return self.url_path

    def refresh_search_vector(self) -> None:
        """Weighted vector: headline (A) over dek (B) over body (C)."""
        PublishedArticle.objects.filter(pk=self.pk).update(
            search_vector=(
                SearchVector(
                    Coalesce("headline", models.Value(""), output_field=models.TextField()),
                    weight="A",
                    config="english",
                )
                + SearchVector(
                    Coalesce("dek", models.Value(""), output_field=models.TextField()),
                    weight="B",
                    config="english",
                )
                + SearchVector(
                    Coalesce("body_text", models.Value(""), output_field=models.TextField()),
                    weight="C",
                    config="english",
                )
            )
        )


class SlugRedirect(models.Model):
    """An old public path of a story, answered with a permanent redirect."""

    old_path = models.CharField(max_length=400, unique=True)
    snapshot = models.ForeignKey(
        PublishedArticle, on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.old_path} → {self.snapshot.url_path}"


class WorkflowEvent(models.Model):
    """One state change of a story: who, from, to, when, note."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, choices=ArticleState.choices)
    to_state = models.CharField(max_length=20, choices=ArticleState.choices)
    note = models.TextField(blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class EditorialNote(models.Model):
    """A staff note on a story. Never public."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


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


class ArticleRevisionMeta(models.Model):
    """What a revision of a story keeps besides its fields: byline and tags as they were.

    Kept as data rather than by following the byline rows, so history never reaches
    into sources or anything confidential.
    """

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="article_meta"
    )
    # [{"id", "name"}] in byline order
    byline = models.JSONField(default=list)
    tags = models.JSONField(default=list)
    # The story's sourcing as the newsroom sees it in the story form, never anything from
    # a confidential record (`sources.history`): [{"label", ...}] in the story's order.
    attributions = models.JSONField(default=list)
    corrections = models.JSONField(default=list)
    state = models.CharField(max_length=20, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "story revision data"

    def __str__(self) -> str:
        return f"Revision {self.revision_id} (version {self.version})"


class ReviewQueueItem(Article):
    """The review queue: stories waiting for an editor, oldest first (admin only)."""

    class Meta:
        proxy = True
        verbose_name = "story in review"
        verbose_name_plural = "review queue"


class StoryAutosave(models.Model):
    """The text one person was typing in a story's form, kept on the server while they type.

    Not a save: nobody else sees it, the working copy, its version and its history are
    untouched. One row per (person, story), replaced at each autosave and deleted when that
    person saves the story; `article` is empty for a story not saved yet (one per person).
    Offered back when the story is opened again (`articles.autosave`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_autosaves"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="autosaves"
    )
    # {"headline": ..., "dek": ..., "body": ...}: the form's text fields as typed
    text = models.JSONField(default=dict)
    based_on_version = models.PositiveIntegerField(
        default=0, help_text="The version of the story the form was opened at."
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "autosaved text"
        verbose_name_plural = "autosaved texts"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="one_autosave_per_user_and_story",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="one_new_story_autosave_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"Autosave of {self.article_id or 'a new story'} by {self.user_id}"


# --- planning: the story budget (rules in articles/planning.py) -----------------------------


class PlanStatus(models.TextChoices):
    IDEA = "idea", "Idea"
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    FILED = "filed", "Filed"
    KILLED = "killed", "Killed"


class PlannedStory(models.Model):
    """A line on the story budget: a story planned before (and while) anyone writes it.

    Once the draft is started (`articles.planning.start_draft`) `article` links the plan to
    its story, and the budget shows the story's live state. Only `articles.planning` changes
    `status`, `publish_at` and `article`.
    """

    slug = models.SlugField(
        "working slug", max_length=80, help_text="The short name the desk calls it, e.g. pier-vote."
    )
    budget_line = models.TextField(
        max_length=600,
        validators=[validate_plain_text],
        help_text="One or two sentences: what the story will say.",
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_writing",
    )
    photographer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_photographing",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans_editing",
    )
    copy_due_at = models.DateTimeField("copy due", null=True, blank=True)
    publish_at = models.DateTimeField(
        "planned publish time",
        null=True,
        blank=True,
        help_text="Empty: unscheduled. The story's own publish time is set when it is published.",
    )
    planned_words = models.PositiveIntegerField(
        "planned length (words)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(20000)],
    )
    needs_art = models.BooleanField("needs art", default=False)
    status = models.CharField(
        max_length=20, choices=PlanStatus.choices, default=PlanStatus.IDEA, editable=False
    )
    article = models.OneToOneField(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan",
        editable=False,
        help_text="The story started from this plan.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "planned story"
        verbose_name_plural = "story budget"
        ordering = ["publish_at", "pk"]
        indexes = [
            models.Index(fields=["publish_at"]),
            models.Index(fields=["status", "publish_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values), name="planned_story_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class PlanningFeedKey(models.Model):
    """A person's secret calendar-feed address (`articles.planning.feed_address`).

    Only a hash of the secret is kept; regenerating replaces it and revoking deletes the row,
    so an old address answers 404 at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planning_feed_key"
    )
    secret_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "planning calendar feed key"

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"


class StoryComment(models.Model):
    """A staff comment on a passage of a story's body, or a reply to one (`parent`).

    The passage is kept as a quote with a little text on each side (like the W3C
    TextQuoteSelector), so `articles.comments` can find it again after the text around it
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
    """One person's open story page, kept alive by its heartbeat (`articles.presence`).

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


# --- review chains: who signs a story off before it is published (rules in review_chains.py) --


class StoryPart(models.TextChoices):
    """What a change touches, for the reopening rule (`articles.review_chains`)."""

    TEXT = "text", "The text: body, byline, sourcing, corrections, dateline"
    DISPLAY = "display", "The display: headline, dek, search and social headlines, lead image"


def default_step_touches() -> list[str]:
    return [StoryPart.TEXT.value, StoryPart.DISPLAY.value]


class ReviewStep(models.Model):
    """One step of a section's review chain: a group or a person who signs a story off.

    A story of the section is published only when every step of the chain has signed off
    its current text. `touches` says which changes of the story reopen the step; every step
    reads the text, so a change in the body or the sourcing reopens them all.
    """

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="review_steps")
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
        help_text="Only this person may sign the step (editors can also send a sign-off link for it).",
    )
    touches = ArrayField(
        models.CharField(max_length=20, choices=StoryPart.choices),
        default=default_step_touches,
        help_text="Which changes reopen a sign-off. Every step reads the text; add the display "
        "for steps that answer for headlines and deks too (standards, managing editor).",
    )

    class Meta:
        verbose_name = "review step"
        verbose_name_plural = "review chains"
        ordering = ["section", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(group__isnull=False, user__isnull=True)
                    | models.Q(group__isnull=True, user__isnull=False)
                ),
                name="review_step_group_or_person",
            ),
            models.UniqueConstraint(
                fields=["section", "name"], name="review_step_name_once_per_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.name}"


class SignOffDecision(models.TextChoices):
    APPROVE = "approve", "Approved"
    REJECT = "reject", "Rejected"


class SignOffLink(models.Model):
    """A signed, expiring, revocable link that lets someone without an account sign one step.

    The address carries a signed random token, never a story id. Every opening is kept
    (`visits`: time and a hash of the address it came from), and so is the decision.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sign_off_links")
    step = models.ForeignKey(ReviewStep, on_delete=models.CASCADE, related_name="links")
    token = models.CharField(max_length=64, unique=True, editable=False)
    sent_to = models.CharField(
        max_length=200, blank=True, help_text="Who the link is for (a name or an address)."
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
    waits for a new decision. Written only through `articles.workflow`.
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
            return self.signer.get_full_name() or self.signer.get_username()
        return self.external_name


class PlanEventKind(models.TextChoices):
    CREATED = "created", "Planned"
    STATUS = "status", "Status changed"
    RESCHEDULED = "rescheduled", "Rescheduled"
    DRAFT_STARTED = "draft_started", "Draft started"


class PlanEvent(models.Model):
    """One line of a plan's history: it was planned, moved to another status, rescheduled
    (its planned publish time changed, or cleared), or its draft was started. Written only by
    `articles.planning`; shown on the plan's page."""

    plan = models.ForeignKey(PlannedStory, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=PlanEventKind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    from_time = models.DateTimeField(null=True, blank=True)
    to_time = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200, blank=True, help_text="Kept if the user goes.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["plan", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PlanEventKind.values), name="plan_event_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: plan {self.plan_id}"
