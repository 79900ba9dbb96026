"""Fixtures for the public site: snapshots built directly, as the publish step would write them."""

import itertools
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, PublicStatus, PublishedArticle, Section
from articles.workflow.snapshot import snapshot_from_data
from authors.models import Author

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with a cold page cache (locmem is shared by the whole process)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sections(db):
    return {
        "city": Section.objects.get_or_create(
            slug="city",
            defaults={"name": "City", "description": "News from the city.", "position": 1},
        )[0],
        "science": Section.objects.get_or_create(
            slug="science", defaults={"name": "Science", "position": 2}
        )[0],
    }


@pytest.fixture
def writers(db):
    return {
        "mara": Author.objects.create(
            name="Mara Okonkwo",
            slug="mara-okonkwo",
            job_title="City hall reporter",
            bio="Covers the council and the budget.",
            email="mara@example.com",
        ),
        "teo": Author.objects.create(
            name="Teo Lindgren", slug="teo-lindgren", job_title="Science editor"
        ),
    }


@pytest.fixture
def make_story(sections, writers):
    """Create a PublishedArticle (and its working copy) the way publishing would."""

    def make(
        headline: str = "Council approves a new budget for the river parks",
        *,
        dek: str = "The vote was 7 to 2 after a long night of public comment.",
        body: str = "The council voted late on Tuesday to pay for new river parks.",
        section: str = "city",
        authors=("mara",),
        tags=(("Budget", "budget"),),
        published_at=None,
        status: str = PublicStatus.LIVE,
        notice: str = "",
        lead_image: dict | None = None,
        corrections=(),
        sourcing: dict | None = None,
        dateline: str = "RIVERTON",
        render: bool = True,
        **extra,
    ) -> PublishedArticle:
        number = next(_numbers)
        now = timezone.now()
        published_at = published_at or now - timedelta(hours=number)
        slug = extra.pop("slug", f"{slugify(headline)[:80]}-{number}")
        sec = sections[section]
        article = Article.objects.create(
            headline=headline, slug=slug, section=sec, state="published"
        )
        byline = [
            {
                "name": writers[key].name,
                "slug": writers[key].slug,
                "job_title": writers[key].job_title,
                "url": f"/authors/{writers[key].slug}/",
            }
            for key in authors
        ]
        snapshot = snapshot_from_data(
            article,
            section=sec,
            byline=byline,
            tags=[{"name": n, "slug": s} for n, s in tags],
            published_at=published_at,
            updated_at=extra.pop("updated_at", published_at),
            render=render,
            status=status,
            notice=notice,
            headline=headline,
            slug=slug,
            dek=dek,
            body_html="".join(f"<p>{p}</p>" for p in body.split("\n\n")),
            body_text=body,
            dateline=dateline,
            lead_image=lead_image or {},
            corrections=list(corrections),
            sourcing=sourcing or {},
            **extra,
        )
        snapshot.save()
        snapshot.refresh_search_vector()
        return snapshot

    return make


@pytest.fixture
def people(make_user):
    """A reporter and an editor in their role groups (a transactional test may flush them)."""
    from articles.workflow.permissions import ensure_role_groups

    ensure_role_groups()
    return {
        "reporter": make_user("rhea", groups=["Reporters"]),
        "editor": make_user("eli", groups=["Editors"]),
    }


@pytest.fixture
def publish_through_workflow(people, make_article, django_capture_on_commit_callbacks):
    """Write a story as the reporter and publish it as the editor: (article, snapshot)."""
    from articles import workflow

    def publish(headline: str, **fields):
        article = make_article(headline, created_by=people["reporter"], **fields)
        article.tags.set(["Transit"])
        with django_capture_on_commit_callbacks(execute=True):
            workflow.submit_for_review(people["reporter"], article)
            snapshot = workflow.publish(people["editor"], article)
        return article, snapshot

    return publish
