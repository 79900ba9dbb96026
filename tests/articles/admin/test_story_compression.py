"""The story page's HTML is gzipped for people shown no confidential sourcing, and never for
those who are (BREACH: articles/admin/story/compression.py)."""

import gzip

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user):
    """An editor of the desk, without the confidential grant (unlike this folder's editor)."""
    return make_user("desk-editor", groups=["Editors"], first_name="Dana", last_name="Ruiz")


@pytest.fixture
def story(make_article, reporter):
    return make_article("Harbor cranes arrive", created_by=reporter)


def open_story(client, user, story, **headers):
    client.force_login(user)
    return client.get(reverse("admin:articles_article_change", args=[story.pk]), **headers)


def test_an_editor_gets_the_story_page_gzipped(client, editor, story):
    response = open_story(client, editor, story, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert story.headline in html and "csrfmiddlewaretoken" in html
    assert len(response.content) < len(html) / 3


def test_a_browser_that_asks_for_no_compression_gets_plain_html(client, editor, story):
    response = open_story(client, editor, story)
    assert not response.has_header("Content-Encoding")
    assert story.headline in response.content.decode()


def test_a_page_that_shows_confidential_sourcing_is_never_compressed(client, editor, story):
    editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    response = open_story(client, editor, story, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert story.headline in response.content.decode()


def test_the_approver_of_a_grant_on_the_story_gets_it_uncompressed(client, editor, story):
    from sources.models import Attribution, Source

    Attribution.objects.create(
        article=story,
        source=Source.objects.create(name="A port official"),
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a port official",
        anonymity_reason="because the contract is not signed",
        approved_by=editor,
    )
    response = open_story(client, editor, story, HTTP_ACCEPT_ENCODING="gzip")
    assert not response.has_header("Content-Encoding")
