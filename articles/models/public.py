"""The public snapshot (`PublishedArticle`): written only by the publish transition,
read only by public code; and the redirects left by changed slugs."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.models.story import Article, KindOfWork

# A snapshot's byline names as one text (its `byline` is [{"name", ...}]).
BYLINE_NAMES_SQL = "(SELECT string_agg(p->>'name', ' ') FROM jsonb_array_elements(byline) p)"
# The weighted search vector of a snapshot row: headline (A) over dek and byline names (B) over
# body (C). One SQL expression, used by every write of the vector (a publish, the migration
# that added bylines, the benchmark's generator), so they never disagree.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english', coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(dek, '')), 'B') || "
    f"setweight(to_tsvector('english', coalesce({BYLINE_NAMES_SQL}, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(body_text, '')), 'C')"
)


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
    # The story's galleries as readers see them ({"id", "title", "description", "lead",
    # "items": [picture data as lead_image's, with "caption" and "credit"]}): the lead one and
    # those its body embeds (articles.images.galleries).
    galleries = models.JSONField(default=list, blank=True)
    # The videos and sounds its body places, as readers get them ({"id", "kind", "url",
    # "poster", "captions", "transcript", words and public rights}; articles.clips.in_stories).
    clips = models.JSONField(default=list, blank=True)
    # Public attribution data only (no confidential field ever): see sources.public_sourcing.
    attributions = models.JSONField(default=list, blank=True)
    sourcing = models.JSONField(
        default=dict, blank=True, help_text="The “How we sourced this” box."
    )
    # [{"kind", "text", "at"}] oldest first
    corrections = models.JSONField(default=list, blank=True)
    # Where wire copy came from ({"publisher", "url", "licence", "published_on", "agency_id",
    # "agency_version", "credit_lines"}), {} for the newsroom's own: see articles.wire.provenance.
    provenance = models.JSONField(default=dict, blank=True)
    # [{"at", "version", "what": [...]}] the announced changes since first publication, oldest
    # first: what the "Updated" line lists (articles.versions; typo fixes are not in it).
    changes = models.JSONField(default=list, blank=True)

    published_at = models.DateTimeField(help_text="Go-live time; in the future = scheduled.")
    # The embargo this snapshot was published under (empty: none, or broken by an editor).
    # Never after `published_at` (constraint), so every "go-live has come" test also honours it.
    embargo_until = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField()
    # The last change readers were told of (dateModified): a typo fix leaves it as it was.
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

    @property
    def lead_gallery(self) -> dict | None:
        """The gallery shown where the lead picture would be, if the story has one."""
        return next((gallery for gallery in self.galleries or [] if gallery.get("lead")), None)

    @property
    def credit_line(self) -> str:
        """ "With reporting from <publisher>" under a story made from outside copy that does
        not carry the publisher in its byline; empty otherwise."""
        publisher = (self.provenance or {}).get("publisher", "")
        names = {person.get("name", "").lower() for person in self.byline}
        if not publisher or publisher.lower() in names:
            return ""
        return f"With reporting from {publisher}."

    def refresh_search_vector(self) -> None:
        """Weighted vector: headline (A) over dek and bylines (B) over body (C)."""
        PublishedArticle.objects.filter(pk=self.pk).update(
            search_vector=RawSQL(SEARCH_VECTOR_SQL, (), output_field=SearchVectorField())
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


class SearchWord(models.Model):
    """A word of the published archive, for search's "Did you mean …?" (pg_trgm).

    Filled from each snapshot as it is published (`articles.public.spelling.words`) and
    rebuilt from the live stories by `manage.py rebuild_search_words`. A suggestion is only
    offered when it finds a story readers may see, so a word left by a withdrawn story is
    never shown.
    """

    word = models.CharField(max_length=40, primary_key=True)
    stories = models.PositiveIntegerField(default=1, help_text="Live stories that use it.")

    class Meta:
        verbose_name = "search word"
        indexes = [
            # Nearest words by trigram distance (word <-> 'typo'), read from the index.
            GistIndex(fields=["word"], name="search_word_trigrams", opclasses=["gist_trgm_ops"])
        ]

    def __str__(self) -> str:
        return self.word


class StoredBytes(models.Model):
    """A whole public page as readers get it: the bytes, their brotli and gzip copies, the
    ETag and Last-Modified (`articles.public.stored.common` makes and serves them)."""

    etag = models.CharField(max_length=80)
    last_modified = models.BigIntegerField(help_text="Seconds since the epoch.")
    content = models.BinaryField()
    brotli = models.BinaryField(null=True)
    gzip = models.BinaryField(null=True)
    stored_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class StoredPage(StoredBytes):
    """A live story's whole page as readers get it (the frame included), with its compressed
    copies and ETag: `articles.public.stored.pages` writes it and serves it without template
    work while the snapshot, the frame around it and its related cards are those it was made
    from. Never read for a snapshot readers may not see (the serve path checks the snapshot's
    status, go-live and embargo in the same query)."""

    snapshot = models.OneToOneField(
        PublishedArticle, on_delete=models.CASCADE, primary_key=True, related_name="stored_page"
    )
    # The snapshot row's version (PostgreSQL's xmin and ctid) when the page was made: any write
    # to the snapshot, whatever its path, changes it, so a page is never served over a newer copy.
    snapshot_version = models.CharField(max_length=40)
    frame = models.CharField(max_length=64, help_text="The frame's signature (menu, footer, …).")
    related = models.TextField(blank=True, help_text="The related cards shown (id@updated).")

    class Meta:
        verbose_name = "stored story page"

    def __str__(self) -> str:
        return f"page of snapshot {self.snapshot_id}"


class StoredFront(StoredBytes):
    """The home page or a section front as readers get it, with its compressed copies and
    ETag: `articles.public.stored.fronts` serves it while everything it shows is what it was
    made from (`identity`: the live layout version, every story on it and its row's version,
    the live badges, the frame, the day the card times are written for)."""

    front = models.CharField(max_length=80, primary_key=True, help_text="home or a section slug")
    identity = models.CharField(max_length=64)

    class Meta:
        verbose_name = "stored front"

    def __str__(self) -> str:
        return f"front {self.front}"
