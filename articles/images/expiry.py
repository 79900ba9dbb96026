"""When a picture's licence ends, live stories stop showing it, by themselves, wherever it is.

Saving a licence end (`licence_expires_at`) queues `expire_picture_licence` to run at that
moment (`schedule_expiry`; the database queue holds it until then). The task, and the
`expire_picture_licences` command that sweeps everything overdue (for a queue that was
down), call `replace_expired_picture`. The picture becomes the licence's fallback (if that
one may be shown: ready, licensed for the web now) or nothing, in every place readers see it:

- a live snapshot's lead picture, and its galleries' pictures (the lead gallery and those in
  the body; a gallery left with no picture is taken out of the page): the snapshot's markup
  is rendered again, and the working copy follows (the story's lead picture, the gallery's
  item), so the next publish does not bring the picture back;
- a published live entry's picture (`replace_in_entries`): readers' copy and the working
  copy, with a line in the entry's own history.

Each story changed gets a line in its history saying where; the fallback's use is logged;
`public_copy_changed` (a snapshot) or the live purge (an entry) purge the page cache and
the edge by key after the commit.
"""

import functools
import operator

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from articles.images import usage
from articles.images.publishing import preparation_problems, rights_problems
from articles.images.renditions import lead_image_data
from articles.live import cards as live_cards
from articles.live import entries as live_entries
from articles.live import purge as live_purge
from articles.models import (
    Article,
    EntryStatus,
    GalleryItem,
    Image,
    LiveEntry,
    PublicStatus,
    PublishedArticle,
)
from articles.public.rendering import render_article_html, render_head_html
from articles.workflow.events import PICTURE_LICENCE_ENDED, record
from articles.workflow.signals import public_copy_changed


def picture_urls(image: Image) -> set[str]:
    """The addresses of `image`'s renditions: what a snapshot or an entry keeps of it."""
    return {rendition.file.url for rendition in image.renditions.all() if rendition.file}


def snapshots_showing(image: Image, urls: set[str] | None = None):
    """The live snapshots showing one of `image`'s renditions: as the lead, or in a gallery."""
    urls = picture_urls(image) if urls is None else urls
    if not urls:
        return PublishedArticle.objects.none()
    # jsonb containment: some gallery has some item at this address.
    in_gallery = [Q(galleries__contains=[{"items": [{"url": url}]}]) for url in sorted(urls)]
    shown = functools.reduce(operator.or_, in_gallery, Q(lead_image__url__in=urls))
    return PublishedArticle.objects.filter(shown, status=PublicStatus.LIVE)


def licence_ended(media, *, now) -> bool:
    """Whether `media`'s licence has ended by `now` (not if it was renewed since)."""
    return media.licence_expires_at is not None and media.licence_expires_at <= now


def fallback_if_shown(media, problems):
    """`media`'s fallback (a picture's or a clip's), if `problems(fallback)` finds none."""
    fallback = media.expiry_fallback
    if fallback is None or fallback.pk == media.pk or problems(fallback):
        return None
    return fallback


def usable_fallback(image: Image, *, now) -> Image | None:
    return fallback_if_shown(
        image, lambda f: preparation_problems(f) or rights_problems(f, use="web", now=now)
    )


def story_changed(snapshot, fields: list[str], *, action: str, note: str, fallback, now) -> None:
    """After a licence's end changed a live `snapshot` (its `fields`): render its page again,
    write the story's history line, log the fallback's use, and announce the change (the page
    cache and the edge are purged by the story's key after the commit). Shared by pictures
    and clips (`articles.clips.expiry`)."""
    article = snapshot.article
    snapshot.article_html = render_article_html(snapshot)
    snapshot.head_html = render_head_html(snapshot)
    snapshot.save(update_fields=[*fields, "article_html", "head_html"])
    record(None, article, action, article.state, note=note, now=now)
    if fallback:
        usage.record_use(fallback, article, at=now, how="fallback")
    public_copy_changed.send(sender=Article, article=article, snapshots=[snapshot])


def _swap_galleries(snapshot, urls: set[str], instead: dict) -> tuple[list[dict], list[dict]]:
    """The snapshot's galleries with the picture swapped (or left out), and the galleries
    that showed it."""
    kept, touched = [], []
    for gallery in snapshot.galleries or []:
        if not any(item.get("url") in urls for item in gallery["items"]):
            kept.append(gallery)
            continue
        touched.append(gallery)
        items = [(instead if item.get("url") in urls else item) for item in gallery["items"]]
        items = [item for item in items if item]
        if items:  # a gallery with no picture left is not shown (body_with_galleries drops it)
            kept.append({**gallery, "items": items})
    return kept, touched


def _follow_in_galleries(image: Image, fallback: Image | None, gallery_ids) -> None:
    """The galleries' own items follow: the fallback takes the picture's place (its own
    words, not the ones written for the old picture), or the item goes."""
    for item in GalleryItem.objects.filter(image=image, gallery_id__in=gallery_ids):
        already = fallback and item.gallery.items.filter(image=fallback).exists()
        if fallback is None or already:
            item.delete()
        else:
            item.image, item.caption, item.credit = fallback, "", ""
            item.save(update_fields=["image", "caption", "credit"])


def replace_in_snapshots(image: Image, fallback: Image | None, urls: set[str], *, now) -> int:
    """The lead picture and gallery part of `replace_expired_picture`; how many stories."""
    showing = list(snapshots_showing(image, urls).select_for_update().select_related("article"))
    if not showing:
        return 0
    data = lead_image_data(fallback) if fallback else {}
    instead = f"“{fallback}”" if fallback else "no picture"
    for snapshot in showing:
        article = snapshot.article
        places = []
        if (snapshot.lead_image or {}).get("url") in urls:
            snapshot.lead_image = data
            places.append("as its lead picture")
        snapshot.galleries, touched = _swap_galleries(snapshot, urls, data)
        places += [f"in the gallery “{gallery['title']}”" for gallery in touched]
        if article.lead_image_id == image.pk:
            Article.objects.filter(pk=article.pk).update(lead_image=fallback)
        _follow_in_galleries(image, fallback, [gallery["id"] for gallery in touched])
        note = (
            f"The licence of the picture “{image}” ended: {' and '.join(places)}, the public "
            f"story now shows {instead}."
        )
        story_changed(
            snapshot, ["lead_image", "galleries"], action=PICTURE_LICENCE_ENDED, note=note,
            fallback=fallback, now=now,
        )  # fmt: skip
    return len(showing)


def replace_in_entries(image: Image, fallback: Image | None, urls: set[str], *, now) -> int:
    """The live entries part of `replace_expired_picture`: published entries showing the
    picture show the fallback (or none); how many entries."""
    if not urls:
        return 0
    showing = list(
        LiveEntry.objects.select_for_update()
        .filter(status=EntryStatus.PUBLISHED, public_image__url__in=urls)
        .select_related("coverage__article")
    )
    data = lead_image_data(fallback) if fallback else {}
    instead = f"“{fallback}”" if fallback else "no picture"
    for entry in showing:
        entry.public_image = data
        fields = ["public_image"]
        if entry.image_id == image.pk:
            entry.image = fallback
            fields.append("image")
        entry.save(update_fields=[*fields, *live_cards.keep(entry)])
        note = f"The licence of the picture “{image}” ended: readers now see {instead}."
        live_entries.record_change(entry, None, live_entries.PICTURE_CHANGED, note, now=now)
        article = entry.coverage.article
        where = f"the live entry “{entry.public_headline or entry.pk}”"
        story_note = f"The licence of the picture “{image}” ended: {where} now shows {instead}."
        record(None, article, PICTURE_LICENCE_ENDED, article.state, note=story_note, now=now)
        if fallback:
            usage.record_use(fallback, article, at=now, how="fallback")
        live_purge.live_changed(article.pk)
    return len(showing)


def replace_expired_picture(image: Image, *, now=None) -> int:
    """Take `image` out of every live story and entry (see the module's doc); how many
    stories and entries were changed."""
    now = now or timezone.now()
    with transaction.atomic():
        urls = picture_urls(image)
        fallback = usable_fallback(image, now=now)
        changed = replace_in_snapshots(image, fallback, urls, now=now)
        return changed + replace_in_entries(image, fallback, urls, now=now)


@task()
def expire_picture_licence(image_id: int) -> int:
    """The queued task: replace the picture if its licence has ended (not if it was renewed)."""
    now = timezone.now()
    image = Image.objects.filter(pk=image_id).first()
    if image is None or not licence_ended(image, now=now):
        return 0
    return replace_expired_picture(image, now=now)


def expire_overdue(*, now=None) -> int:
    """Every picture whose licence has ended and that a live story or entry still shows."""
    now = now or timezone.now()
    overdue = Image.objects.filter(licence_expires_at__lte=now).prefetch_related("renditions")
    return sum(replace_expired_picture(image, now=now) for image in overdue)


def schedule(media, licence_task) -> None:
    """Queue `licence_task` for the moment `media`'s licence ends, once this commits. (A
    queue that cannot wait, as in tests, leaves it to the command.)"""
    if media.licence_expires_at is None:
        return
    deferred = licence_task.using(run_after=media.licence_expires_at)
    if not deferred.get_backend().supports_defer:
        return
    transaction.on_commit(lambda: deferred.enqueue(media.pk))


def schedule_expiry(image: Image) -> None:
    schedule(image, expire_picture_licence)
