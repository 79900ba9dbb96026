"""The demo content loads, covers the sourcing cases, and loads only once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import (
    Article,
    Image,
    LiveCoverage,
    LiveEntry,
    PublishedArticle,
    Section,
    WorkflowEvent,
)
from authors.models import Author
from demo.loader import load_demo
from sources.models import (
    Attribution,
    AttributionConfidential,
    CommentRequest,
    Correction,
    Source,
    SourceConfidential,
)

pytestmark = pytest.mark.django_db


def test_demo_content_is_rich_enough():
    load_demo()
    assert Article.objects.count() >= 12
    assert Section.objects.filter(articles__isnull=False).distinct().count() >= 4
    assert Author.objects.count() >= 6
    stories = Article.objects.filter(plan__isnull=True)  # a draft just started has no picture yet
    assert stories.filter(lead_image__isnull=False).count() == stories.count()
    assert Article.objects.values("state").distinct().count() >= 3
    anonymous = Attribution.objects.filter(anonymous=True).exclude(anonymity_reason="")
    assert anonymous.exists()
    assert Attribution.objects.filter(kind="reported_by", reported_on__isnull=False).exists()
    assert Attribution.objects.filter(kind="quoted", source__descriptor__gt="").exists()
    assert Attribution.objects.filter(kind="declined", comment_request__outcome="declined").exists()
    assert CommentRequest.objects.exists()


def _everything() -> dict:
    """Every row the demo writes, field by field."""
    models = (
        Article,
        PublishedArticle,
        WorkflowEvent,
        Section,
        Author,
        Image,
        Source,
        SourceConfidential,
        Attribution,
        AttributionConfidential,
        CommentRequest,
        Correction,
        LiveCoverage,
        LiveEntry,
        get_user_model(),
    )
    return {model: list(model.objects.order_by("pk").values()) for model in models}


def test_demo_content_loads_once(capsys):
    first = load_demo()
    before = _everything()
    call_command("load_demo")
    again = capsys.readouterr().out
    assert first == {"created": 17, "existing": 0, "skipped": 0, "failed": 0}
    assert "[17/17] storm-cleanup-live-updates: already there" in again
    assert "Demo content: 0 stories created, 17 already there" in again
    assert _everything() == before


def test_the_demo_reporter_writes_as_a_byline_author(client):
    load_demo()
    reporter = get_user_model().objects.get(username="demo-reporter")
    assert reporter.author_profile.name == "Jonah Perrault"
    client.force_login(reporter)
    page = client.get("/admin/articles/article/add/").content.decode()
    jonah = reporter.author_profile.pk
    assert f'<option value="{jonah}" selected>Jonah Perrault</option>' in page


def test_the_demo_has_a_live_story_readers_can_follow(client):
    """Its entries are published, sourced, with key events first and a pinned entry."""
    load_demo()
    story = PublishedArticle.objects.get(article__slug="storm-cleanup-live-updates")
    entries = LiveEntry.objects.filter(coverage__article_id=story.article_id)
    assert entries.count() == entries.filter(status="published").count() == 6
    assert entries.filter(key_event=True).count() == 2 and entries.filter(pinned=True).count() == 1
    assert Attribution.objects.filter(entry__in=entries).count() == 4
    times = list(entries.order_by("id").values_list("published_at", flat=True))
    assert times == sorted(times) and story.published_at < times[0]
    html = client.get(story.url_path).content.decode()
    assert "What we know" in html and "About 11,000 still without power" in html
    assert '"@type": "LiveBlogPosting"' in html
    load_demo()  # a second load files nothing twice
    assert entries.count() == 6
