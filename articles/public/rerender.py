"""Re-rendering published stories when the site's frame around them changes.

A published story's page is stored markup (`article_html`, `head_html`, made at publish by
`articles.public.rendering`), so serving it is one read. What the markup shows of the site itself
changes without a publish: a section is renamed, or the story templates change in a deploy.
Then the stored markup (and the stored page, `articles.public.stored.pages`) is made again, in the background (the `rerender_snapshots` task on
the task queue), and the public caches are purged. Renaming a section queues it for that
section's stories; `manage.py rerender_snapshots` does it for all (after a template change).
The story's own words stay as they were published: only the frame is renewed.
"""

from django.db import transaction
from django_tasks import task

from articles.models import PublicStatus, PublishedArticle, Section
from articles.public import cache, edge
from articles.public.rendering import render_article_html, render_head_html
from articles.public.stored import pages as stored_pages

BATCH = 500


def live_snapshots(section_id: int | None = None):
    queryset = PublishedArticle.objects.filter(status=PublicStatus.LIVE)
    if section_id is not None:
        queryset = queryset.filter(article__section_id=section_id)
    return queryset.order_by("pk")


def rerender(snapshots, *, progress=None) -> int:
    """Make the stored markup of `snapshots` again, with their section's current name.
    `progress(done)` is called after each batch. Returns how many were re-rendered."""
    sections = {s.pk: s for s in Section.objects.all()}
    done = 0
    batch = []
    for snapshot in snapshots.select_related("article").iterator(chunk_size=BATCH):
        section = sections.get(snapshot.article.section_id)
        if section is not None:
            snapshot.section_name = section.name
        snapshot.article_html = render_article_html(snapshot)
        snapshot.head_html = render_head_html(snapshot)
        batch.append(snapshot)
        if len(batch) == BATCH:
            done += _save(batch)
            batch = []
            if progress:
                progress(done)
    done += _save(batch)
    if progress:
        progress(done)
    return done


def _save(batch) -> int:
    PublishedArticle.objects.bulk_update(batch, ["section_name", "article_html", "head_html"])
    # Their stored pages, made from the old markup, no longer hold: made again at once.
    stored_pages.store([snapshot.pk for snapshot in batch])
    return len(batch)


@task()
def rerender_snapshots(section_id: int | None = None) -> int:
    """The task: re-render a section's live stories (or all), then purge the caches."""
    count = rerender(live_snapshots(section_id))
    cache.invalidate_public_cache()
    # Every story page names its section's key, so purging the sections' keys reaches them.
    sections = (
        Section.objects.all() if section_id is None else Section.objects.filter(pk=section_id)
    )
    keys = [edge.section_key(slug) for slug in sections.values_list("slug", flat=True)]
    edge.purge([*keys, "front"] if section_id is None else keys)
    return count


def rerender_section_on_commit(section: Section) -> None:
    """Queue the re-render of `section`'s stories once the rename is committed."""
    transaction.on_commit(lambda: rerender_snapshots.enqueue(section.pk))
