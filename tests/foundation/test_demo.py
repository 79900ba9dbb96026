"""The demo content loads, covers the sourcing cases, and loads only once."""

import pytest

from articles.demo import load_demo
from articles.models import Article, Section
from authors.models import Author
from sources.models import Attribution, CommentRequest

pytestmark = pytest.mark.django_db


def test_demo_content_is_rich_enough():
    load_demo()
    assert Article.objects.count() >= 12
    assert Section.objects.filter(articles__isnull=False).distinct().count() >= 4
    assert Author.objects.count() >= 6
    assert Article.objects.filter(lead_image__isnull=False).count() == Article.objects.count()
    assert Article.objects.values("state").distinct().count() >= 3
    anonymous = Attribution.objects.filter(anonymous=True).exclude(anonymity_reason="")
    assert anonymous.exists()
    assert Attribution.objects.filter(kind="reported_by", reported_on__isnull=False).exists()
    assert Attribution.objects.filter(kind="quoted", source__descriptor__gt="").exists()
    assert Attribution.objects.filter(kind="declined", comment_request__outcome="declined").exists()
    assert CommentRequest.objects.exists()


def test_demo_content_loads_once():
    first = load_demo()
    counts = {
        model: model.objects.count()
        for model in (Article, Section, Author, Attribution, CommentRequest)
    }
    second = load_demo()
    assert first["created"] >= 12
    assert second["created"] == 0 and second["existing"] == first["created"] + first["failed"]
    assert counts == {model: model.objects.count() for model in counts}
