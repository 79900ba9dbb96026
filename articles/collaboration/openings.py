"""When each person last opened a story, for "Since you last opened it" on the diff page.

The story page records an opening each time a person opens it (`record_opening`, a GET of
the page): the opening before it moves to `previous_opened_at`. The diff page, opened from
that page, asks `opened_before_this_visit`: the moment of the opening before the current one,
so the comparison shows what others (and they) changed since they last had the story open.
One row per person and story, updated in place; nobody else reads it.
"""

from datetime import datetime

from django.utils import timezone

from articles.models import Article, StoryOpening


def record_opening(user, article: Article, *, now: datetime | None = None) -> StoryOpening | None:
    """`user` opened `article`'s page now; None for nobody signed in."""
    if user is None or not user.is_authenticated or article.pk is None:
        return None
    now = now or timezone.now()
    opening, created = StoryOpening.objects.get_or_create(
        article=article, user=user, defaults={"opened_at": now}
    )
    if not created:
        StoryOpening.objects.filter(pk=opening.pk).update(
            previous_opened_at=opening.opened_at, opened_at=now
        )
    return opening


def opened_before_this_visit(user, article: Article) -> datetime | None:
    """When `user` had last opened `article` before the opening of this visit, if ever."""
    if user is None or not user.is_authenticated:
        return None
    return (
        StoryOpening.objects.filter(article=article, user=user)
        .values_list("previous_opened_at", flat=True)
        .first()
    )
