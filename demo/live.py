"""The demo's live story: its coverage started and its entries filed, sourced and published
by the demo editor through the service editors use (`articles.live`), spread in time between
the story's publication and now, with key events and a pinned entry as the story file says."""

from django.utils import timezone

from articles.live import coverage as live_coverage
from articles.live import entries as live_entries
from articles.models import Article, LiveCoverage


def load_live_coverage(stories: list[dict], *, editor, now=None) -> str:
    """File the `live` entries of each demo story that has them, unless its coverage exists."""
    now = now or timezone.now()
    made = []
    for story in stories:
        if not story.get("live"):
            continue
        article = Article.objects.filter(slug=story["slug"], snapshot__isnull=False).first()
        if article is None or LiveCoverage.objects.filter(article=article).exists():
            continue
        _run(article, story["live"], editor=editor, now=now)
        made.append(article.slug)
    return (
        f"Live coverage: {len(made)} demo stories made live." if made else "Live coverage: there."
    )


def _run(article: Article, live: dict, *, editor, now) -> None:
    started = article.snapshot.published_at
    coverage = live_coverage.make_live(user=editor, article=article)
    live_coverage.move(user=editor, coverage=coverage, action=live_coverage.START, now=started)
    items = live["entries"]
    step = (now - started) / (len(items) + 1)
    for number, item in enumerate(items, start=1):
        entry = live_entries.file_entry(
            user=editor,
            coverage=coverage,
            headline=item.get("headline", ""),
            body=f"<p>{item['body']}</p>",
            sources=item.get("sources", []),
            publish=True,
            now=started + step * number,
        )
        if item.get("key_event"):
            live_entries.set_key_event(user=editor, entry=entry, key_event=True)
        if item.get("pinned"):
            live_entries.set_pinned(user=editor, entry=entry, pinned=True)
