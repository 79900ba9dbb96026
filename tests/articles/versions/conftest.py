"""Fixtures for the change log and signed versions: a live story the tests publish again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import PublishedArticle

BODY = (
    "<p>The harbor ferry will cost more from March, the transit board decided on Tuesday.</p>"
    "<p>Fares rise from $3.00 to $3.50, the first increase in ten years.</p>"
)


@pytest.fixture
def clock():
    """A fixed 'now' that tests move by hand: no sleeping."""
    return timezone.now().replace(microsecond=0) - timedelta(days=5)


@pytest.fixture
def live_story(make_article, editor, clock):
    """A story published at `clock` (version 1)."""
    article = make_article(body=BODY)
    workflow.submit_for_review(editor, article, now=clock)
    workflow.publish(editor, article, now=clock)
    article.refresh_from_db()
    return article


@pytest.fixture
def republish(editor):
    """Save `changes` to the story and publish it at `at` (with a `correction` if given);
    returns the new snapshot."""

    def again(article, *, at, correction=None, **changes):
        article.refresh_from_db()
        for name, value in changes.items():
            setattr(article, name, value)
        workflow.save_article(editor, article, expected_version=article.version, now=at)
        workflow.publish(editor, article, correction=correction, now=at)
        return PublishedArticle.objects.get(article=article)

    return again
