"""Where a picture, a video or a sound has been used, and when: the usage log.

Every publish writes a use of the story's lead image (`ImageUse`) and of each clip its body
places (`ClipUse`): the receiver of `story_published`, connected in `ArticlesConfig.ready()`.
So does the swap to a fallback when a licence ends (`articles.images.expiry`,
`articles.clips.expiry`). The picture's and the clip's pages, the story form's picture
library and the body's clip chooser read it: "Used 3 times, last on 2 Dec 2026 in “…”". The
headline is kept as published, so the log still reads when the story is gone.
"""

from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from articles.clips.in_stories import story_clips
from articles.models import Article, Clip, ClipUse, Image, ImageUse, PublishedArticle

# Each kind of media and its log: the model of its uses, and the uses' field naming it.
LOGS = {Image: (ImageUse, "image"), Clip: (ClipUse, "clip")}


def record_use(media: Image | Clip, article: Article, *, at, how: str = "lead"):
    """Log that `article` showed `media` at `at` (`how`: lead, body or fallback)."""
    model, field = LOGS[type(media)]
    return model.objects.create(
        **{field: media}, article=article, headline=article.headline[:300], used_at=at, how=how
    )


def on_story_published(sender, *, article_id: int, **kwargs) -> None:
    """After a publish: log the use of the story's lead image and of the clips its body
    places, at its publication time."""
    article = Article.objects.filter(pk=article_id).select_related("lead_image").first()
    if article is None:
        return
    snapshot = PublishedArticle.objects.filter(article=article).only("published_at").first()
    at = snapshot.published_at if snapshot else timezone.now()
    if article.lead_image is not None:
        record_use(article.lead_image, article, at=at)
    for clip in story_clips(article)[0]:
        record_use(clip, article, at=at, how="body")


def with_usage(queryset):
    """`queryset` of pictures or clips annotated with `use_count`, `last_used_at`,
    `last_used_in`."""
    model, field = LOGS[queryset.model]
    latest = model.objects.filter(**{field: OuterRef("pk")}).order_by("-used_at")
    return queryset.annotate(
        use_count=Count("uses", distinct=True),
        last_used_at=Max("uses__used_at"),
        last_used_in=Subquery(latest.values("headline")[:1]),
    )


def sentence(count: int, last_at, last_in: str | None) -> str:
    """ "Used 3 times, last on 2 Dec 2026 in “Headline”." or "Not used yet."."""
    if not count:
        return "Not used yet."
    times = "once" if count == 1 else f"{count} times"
    when = date_format(timezone.localtime(last_at), "j M Y")
    return f"Used {times}, last on {when} in “{last_in}”."


def summary(media: Image | Clip) -> str:
    """The sentence for one picture or clip (annotated by `with_usage`, or read here)."""
    if not hasattr(media, "use_count"):
        media = with_usage(type(media).objects.filter(pk=media.pk)).get()
    return sentence(media.use_count, media.last_used_at, media.last_used_in)
