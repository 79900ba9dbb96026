"""Fixtures for live coverage: a published story made live, and entries filed on it."""

import pytest
from django.core.cache import cache

from articles import workflow
from articles.live import coverage as live_coverage
from articles.live import entries


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def live_story(make_article, reporter, editor, django_capture_on_commit_callbacks):
    """A published story whose live coverage has started: (article, coverage)."""
    article = make_article("Earthquake shakes the harbor district", created_by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(reporter, article)
        workflow.publish(editor, article)
        coverage = live_coverage.make_live(user=editor, article=article)
        live_coverage.move(user=editor, coverage=coverage, action=live_coverage.START)
    return article, coverage


@pytest.fixture
def post(editor, django_capture_on_commit_callbacks):
    """Publish an entry as the editor: post(text, **fields) -> LiveEntry."""

    def post(coverage, text, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return entries.file_entry(
                user=fields.pop("user", editor),
                coverage=coverage,
                body=f"<p>{text}</p>",
                publish=fields.pop("publish", True),
                **fields,
            )

    return post
