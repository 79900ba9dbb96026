"""When a video's or sound's licence ends, live stories stop playing it, by themselves.

As for pictures (`articles.images.expiry`, whose shared parts this uses): saving a licence
end queues `expire_clip_licence` for that moment (`schedule_expiry`), and the
`expire_picture_licences` command sweeps what a stopped queue missed. `replace_expired_clip`
puts the clip's fallback (if that one may be shown: ready, credited, captioned, licensed for
the web now) in its place in every live story's body, or takes the clip out: the snapshot's
copy and its page, and the working copy's body, so the next publish does not bring it back.
Each story changed gets a line in its history; the fallback's use is logged; the page cache
and the edge are purged by the story's key after the commit.
"""

import re

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.clips.in_stories import clip_data, figure_html
from articles.clips.preparing import clip_problems
from articles.images.expiry import fallback_if_shown, licence_ended, schedule, story_changed
from articles.models import Article, Clip, PublicStatus, PublishedArticle
from articles.workflow.events import CLIP_LICENCE_ENDED


def usable_fallback(clip: Clip, *, now) -> Clip | None:
    return fallback_if_shown(clip, lambda fallback: clip_problems(fallback, now=now))


def swap_in_body(html: str, clip_id: int, fallback: Clip | None) -> str:
    """`html` with the clip's figure naming the fallback instead, or gone."""
    figure = re.compile(rf'<figure data-clip="{int(clip_id)}"[^>]*>.*?</figure>', re.S)
    return figure.sub(figure_html(fallback.pk) if fallback else "", html or "")


def replace_expired_clip(clip: Clip, *, now=None) -> int:
    """Take `clip` out of every live story (see the module's doc); how many were changed."""
    now = now or timezone.now()
    with transaction.atomic():
        fallback = usable_fallback(clip, now=now)
        showing = PublishedArticle.objects.select_for_update().select_related("article")
        showing = list(showing.filter(clips__contains=[{"id": clip.pk}], status=PublicStatus.LIVE))
        instead = f"“{fallback}”" if fallback else "nothing in its place"
        for snapshot in showing:
            article = snapshot.article
            kept = [item for item in snapshot.clips if item["id"] != clip.pk]
            if fallback and not any(item["id"] == fallback.pk for item in kept):
                kept.append(clip_data(fallback))
            snapshot.clips = kept
            snapshot.body_html = swap_in_body(snapshot.body_html, clip.pk, fallback)
            Article.objects.filter(pk=article.pk).update(
                body=swap_in_body(article.body, clip.pk, fallback)
            )
            note = (
                f"The licence of the video or sound “{clip}” ended: the public story now plays "
                f"{instead}."
            )
            story_changed(
                snapshot, ["clips", "body_html"], action=CLIP_LICENCE_ENDED, note=note,
                fallback=fallback, now=now,
            )  # fmt: skip
        return len(showing)


@task()
def expire_clip_licence(clip_id: int) -> int:
    """The queued task: replace the clip if its licence has ended (not if it was renewed)."""
    now = timezone.now()
    clip = Clip.objects.filter(pk=clip_id).first()
    if clip is None or not licence_ended(clip, now=now):
        return 0
    return replace_expired_clip(clip, now=now)


def expire_overdue(*, now=None) -> int:
    """Every clip whose licence has ended and that a live story still plays."""
    now = now or timezone.now()
    overdue = Clip.objects.filter(licence_expires_at__lte=now)
    return sum(replace_expired_clip(clip, now=now) for clip in overdue)


def schedule_expiry(clip: Clip) -> None:
    schedule(clip, expire_clip_licence)
