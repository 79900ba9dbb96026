"""Editorial timings at the archive's size: the admin's story list with each filter, the
review queue, the start page, and publishing a story (the workflow's publish, cache purge
included). In-process through the test client, logged in as a superuser; printed and
recorded like the public rows.

Publishing makes new stories in the benchmark database (drafts written, submitted and
published through `articles.workflow.transitions`), so the archive grows by `publishes` stories.
"""

import time

from .generate import progress_bar
from .report import timing_row

ADMIN_PAGES = {
    "admin: story list": "/admin/articles/article/",
    "admin: list, published": "/admin/articles/article/?state__exact=published",
    "admin: list, a section": "/admin/articles/article/?section__id__exact={section}",
    "admin: list, search": "/admin/articles/article/?q=budget",
    "admin: list, my stories": "/admin/articles/article/?whose=mine",
    "admin: review queue": "/admin/articles/reviewqueueitem/",
    "admin: start page": "/admin/",
}


def _timed(client, path: str, requests: int, label: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm
    times, queries = [], 0
    with progress_bar() as bar:
        task = bar.add_task(label[:20], total=requests)
        for _ in range(requests):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
            queries = max(queries, len(captured))
            bar.update(task, advance=1)
    return timing_row(times, queries)


def _editor():
    """An editor (the Editors group; no confidential access, so no second factor to type)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.workflow.permissions import ensure_role_groups

    ensure_role_groups()
    User = get_user_model()
    user, _ = User.objects.update_or_create(
        username="bench-editor",
        defaults={"is_staff": True, "is_superuser": False, "first_name": "Bench"},
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def admin_rows(requests: int) -> dict:
    from django.test import Client

    from articles.models import Section

    client = Client()
    client.force_login(_editor())
    section = Section.objects.order_by("pk").values_list("pk", flat=True).first()
    rows = {}
    for label, path in ADMIN_PAGES.items():
        rows[label] = _timed(client, path.format(section=section), requests, label)
    return rows


def publish_row(publishes: int) -> dict:
    """Median time of `workflow.publish` on fresh stories in review (purges included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import workflow
    from articles.models import Article, ArticleAuthor, Section
    from authors.models import Author

    editor = _editor()
    section = Section.objects.order_by("pk").first()
    author = Author.objects.order_by("pk").first()
    stamp = int(time.time())
    times, queries = [], 0
    with progress_bar() as bar:
        task = bar.add_task("publish", total=publishes)
        for n in range(publishes):
            article = Article.objects.create(
                headline=f"Benchmark publish {stamp} number {n}",
                slug=f"bench-publish-{stamp}-{n}",
                dek="A story made to time publishing.",
                body="<p>The council met on Tuesday and voted on the budget.</p>",
                section=section,
                created_by=editor,
            )
            ArticleAuthor.objects.create(article=article, author=author, position=0)
            workflow.submit_for_review(editor, article)
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                workflow.publish(editor, article)
                times.append(time.perf_counter() - start)
            queries = max(queries, len(captured))
            bar.update(task, advance=1)
    return timing_row(times, queries)
