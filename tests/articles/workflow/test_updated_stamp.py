"""The "Updated" stamp readers see on a story page."""

from datetime import timedelta

import pytest

from articles import workflow
from articles.models import PublishedArticle

pytestmark = pytest.mark.django_db


def _republish(article, editor, *, at, correction=None, dek="A sharper dek."):
    article.dek = dek
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


def test_a_typo_fix_adds_no_updated_stamp(client, story_in, editor, clock):
    article = story_in("published")  # dek: "Commuters will pay 50 cents more from March."
    fixed = "Commuters wil pay 50 cents more from March"  # two characters: a typo fix
    snapshot = _republish(article, editor, at=clock + timedelta(hours=3), dek=fixed)
    page = client.get(snapshot.url_path).content.decode()
    assert fixed in page
    assert "Updated <time" not in page


def test_a_new_dek_minutes_after_the_story_shows_the_updated_stamp(client, story_in, editor, clock):
    article = story_in("published")
    snapshot = _republish(article, editor, at=clock + timedelta(minutes=3))
    page = client.get(snapshot.url_path).content.decode()
    assert "A sharper dek." in page
    assert '<span class="updated"> · Updated <time' in page
    assert "Summary changed" in page
