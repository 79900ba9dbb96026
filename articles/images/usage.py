"""Where a picture has been used, and when: the usage log.

Every publish that shows a picture as a story's lead image writes an `ImageUse` (the
receiver of `story_published`, connected in `ArticlesConfig.ready()`), and so does the
swap to a fallback when a licence ends (`articles.images.expiry`). The picture's page and
the story form's picture library read it: "Used 3 times, last on 2 Dec 2026 in “…”". The
headline is kept as published, so the log still reads when the story is gone.
"""

from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article, Image, ImageUse, PublishedArticle


def record_use(image: Image, article: Article, *, at, how: str = "lead") -> ImageUse:
    return ImageUse.objects.create(
        image=image, article=article, headline=article.headline[:300], used_at=at, how=how
    )


def on_story_published(sender, *, article_id: int, **kwargs) -> None:
    """After a publish: log the use of the story's lead image, at its publication time."""
    article = Article.objects.filter(pk=article_id).select_related("lead_image").first()
    if article is None or article.lead_image is None:
        return
    snapshot = PublishedArticle.objects.filter(article=article).only("published_at").first()
    at = snapshot.published_at if snapshot else timezone.now()
    record_use(article.lead_image, article, at=at)


def with_usage(queryset):
    """`queryset` of images annotated with `use_count`, `last_used_at`, `last_used_in`."""
    latest = ImageUse.objects.filter(image=OuterRef("pk")).order_by("-used_at")
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


def summary(image: Image) -> str:
    """The sentence for one picture (annotated by `with_usage`, or read here)."""
    if not hasattr(image, "use_count"):
        image = with_usage(Image.objects.filter(pk=image.pk)).get()
    return sentence(image.use_count, image.last_used_at, image.last_used_in)
