"""Fixtures for fronts: the public site's snapshot factory, and the front editor's addresses."""

import pytest

from articles.fronts import curation
from articles.models import Front
from tests.articles.public.conftest import empty_cache, make_story, sections, writers

__all__ = ["empty_cache", "make_story", "sections", "writers"]


@pytest.fixture
def home(db, sections):
    curation.ensure_fronts()
    return Front.objects.get(slug="home")


@pytest.fixture
def city_front(home):
    return Front.objects.get(slug="city")


@pytest.fixture
def editor_page(client, editor, django_capture_on_commit_callbacks):
    """POST a change to a front's editor as the editor (running what waits for the commit:
    the page cache's reset, the edge purge); returns the response."""

    def post(front, **fields):
        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/admin/articles/front/{front.pk}/change/", fields)

    return post
