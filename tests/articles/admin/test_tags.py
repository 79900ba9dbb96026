"""Tag suggestions in the story form."""

import pytest
from django.urls import reverse
from taggit.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def tags(db):
    for name in ["Harbor", "Harbor City Shipyard", "Port Authority", "Ferries", "Shipbuilding"]:
        Tag.objects.create(name=name)


def test_suggestions_put_prefix_matches_first(client, superuser, tags):
    client.force_login(superuser)
    response = client.get(reverse("admin:articles_article_tag_suggestions"), {"q": "ship"})
    assert response.json()["results"] == ["Shipbuilding", "Harbor City Shipyard"]


def test_suggestions_need_a_staff_login(client, tags):
    response = client.get(reverse("admin:articles_article_tag_suggestions"), {"q": "har"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_empty_term_suggests_nothing(client, superuser, tags):
    client.force_login(superuser)
    response = client.get(reverse("admin:articles_article_tag_suggestions"), {"q": "  "})
    assert response.json()["results"] == []


def test_story_form_tag_input_points_at_the_suggestions(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'data-suggest-url="/admin/articles/article/tag-suggestions/"' in html
    assert "js/admin-tags.js" in html
