"""The "Updated" stamp readers see on a story page."""

from datetime import timedelta

import pytest

from articles import workflow
from articles.models import PublishedArticle

pytestmark = pytest.mark.django_db


def _republish(article, editor, *, at, correction=None):
    article.dek = "A sharper dek."
    workflow.save_article(editor, article, expected_version=article.version, now=at)
    workflow.publish(editor, article, correction=correction, now=at)
    return PublishedArticle.objects.get(article=article)


def test_a_correction_published_minutes_after_the_story_shows_the_updated_stamp(
    client, story_in, editor, clock
):
    article = story_in("published")  # live since `clock`
    snapshot = _republish(
        article,
        editor,
        at=clock + timedelta(minutes=3),
        correction={"kind": "correction", "text": "The fare is $3.25, not $3.50."},
    )
    page = client.get(snapshot.url_path).content.decode()
    assert "The fare is $3.25, not $3.50." in page
    assert '<span class="updated"> · Updated <time' in page


def test_a_quick_fix_without_a_correction_adds_no_updated_stamp(client, story_in, editor, clock):
    article = story_in("published")
    snapshot = _republish(article, editor, at=clock + timedelta(minutes=3))
    page = client.get(snapshot.url_path).content.decode()
    assert "A sharper dek." in page
    assert "Updated <time" not in page
