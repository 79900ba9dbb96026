"""Versions for stories published before versions were signed: their live text, as version 1.

Run once after the migration (`manage.py record_story_versions`), and safe to run again: a
story that already has a version is left alone. A version's statement names its time; for
these it is the story's last publish (`updated_at`), the moment readers got that text.
"""

from django.db import transaction
from django.utils import timezone

from articles.models import PublicStatus, PublishedArticle
from articles.versions import canonical, record
from articles.versions.classify import FIRST

BACKFILLED = "Recorded as it stood when signed versions began"


def stories_without_versions(*, now=None):
    now = now or timezone.now()
    return (
        PublishedArticle.objects.filter(status=PublicStatus.LIVE, published_at__lte=now)
        .filter(article__versions__isnull=True)
        .select_related("article")
        .order_by("pk")
    )


def backfill(*, progress=None, now=None) -> int:
    """Record version 1 of each live story without one; `progress(done)` after each. Returns
    how many were recorded."""
    now = now or timezone.now()
    done = 0
    for snapshot in stories_without_versions(now=now).iterator(chunk_size=200):
        with transaction.atomic():
            record.sign_and_save(
                article=snapshot.article,
                number=1,
                kind=FIRST,
                changes=[BACKFILLED],
                lines=canonical.story_lines(
                    headline=snapshot.headline, dek=snapshot.dek, body_text=snapshot.body_text
                ),
                headline=canonical.normalise_line(snapshot.headline),
                dek=canonical.normalise_line(snapshot.dek),
                corrections=len(snapshot.corrections or []),
                published_at=max(snapshot.published_at, snapshot.updated_at),
                url_path=snapshot.url_path,
                now=now,
            )
        done += 1
        if progress:
            progress(done)
    return done
