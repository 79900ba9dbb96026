"""When a picture's licence ends, live stories stop showing it, by themselves.

Saving a licence end (`licence_expires_at`) queues `expire_picture_licence` to run at that
moment (`schedule_expiry`; the database queue holds it until then). The task, and the
`expire_picture_licences` command that sweeps everything overdue (for a queue that was
down), call `replace_expired_picture`: in each live snapshot showing the picture, the picture
becomes the licence's fallback (if that one may be shown: ready, licensed for the web now)
or nothing; the stored page is rendered again; the story's working copy follows, so its next
publish does not bring the picture back; a line goes into the story's history; the fallback's
use is logged; and `public_copy_changed` purges the page cache and the edge by key after the
commit.
"""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.images import usage
from articles.images.publishing import preparation_problems, rights_problems
from articles.images.renditions import lead_image_data
from articles.models import Article, Image, PublicStatus, PublishedArticle
from articles.public.rendering import render_article_html, render_head_html
from articles.workflow.events import PICTURE_LICENCE_ENDED, record
from articles.workflow.signals import public_copy_changed


def snapshots_showing(image: Image):
    """The live snapshots whose lead image is one of `image`'s renditions."""
    urls = [rendition.file.url for rendition in image.renditions.all() if rendition.file]
    return PublishedArticle.objects.filter(status=PublicStatus.LIVE, lead_image__url__in=urls)


def usable_fallback(image: Image, *, now) -> Image | None:
    fallback = image.expiry_fallback
    if fallback is None or fallback.pk == image.pk:
        return None
    if preparation_problems(fallback) or rights_problems(fallback, use="web", now=now):
        return None
    return fallback


def replace_expired_picture(image: Image, *, now=None) -> int:
    """Take `image` out of every live story (see the module's doc); how many were changed."""
    now = now or timezone.now()
    changed = 0
    with transaction.atomic():
        showing = list(snapshots_showing(image).select_for_update().select_related("article"))
        if not showing:
            return 0
        fallback = usable_fallback(image, now=now)
        data = lead_image_data(fallback) if fallback else {}
        instead = f"“{fallback}”" if fallback else "no picture"
        note = f"The licence of the picture “{image}” ended: the public story now shows {instead}."
        for snapshot in showing:
            article = snapshot.article
            snapshot.lead_image = data
            snapshot.article_html = render_article_html(snapshot)
            snapshot.head_html = render_head_html(snapshot)
            snapshot.save(update_fields=["lead_image", "article_html", "head_html"])
            if article.lead_image_id == image.pk:
                Article.objects.filter(pk=article.pk).update(lead_image=fallback)
            record(None, article, PICTURE_LICENCE_ENDED, article.state, note=note, now=now)
            if fallback:
                usage.record_use(fallback, article, at=now, how="fallback")
            public_copy_changed.send(sender=Article, article=article, snapshots=[snapshot])
            changed += 1
    return changed


@task()
def expire_picture_licence(image_id: int) -> int:
    """The queued task: replace the picture if its licence has ended (not if it was renewed)."""
    now = timezone.now()
    image = Image.objects.filter(pk=image_id).first()
    if image is None or image.licence_expires_at is None or image.licence_expires_at > now:
        return 0
    return replace_expired_picture(image, now=now)


def expire_overdue(*, now=None) -> int:
    """Every picture whose licence has ended and that a live story still shows."""
    now = now or timezone.now()
    overdue = Image.objects.filter(licence_expires_at__lte=now).prefetch_related("renditions")
    return sum(replace_expired_picture(image, now=now) for image in overdue)


def schedule_expiry(image: Image) -> None:
    """Queue the replacement for the moment the licence ends, once this commits. (A queue
    that cannot wait, as in tests, leaves it to the command.)"""
    if image.licence_expires_at is None:
        return
    deferred = expire_picture_licence.using(run_after=image.licence_expires_at)
    if not deferred.get_backend().supports_defer:
        return
    transaction.on_commit(lambda: deferred.enqueue(image.pk))
