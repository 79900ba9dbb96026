"""The byline on a new story starts with the writer (their author profile), and its position
is a hidden field set by dragging the rows."""

import pytest
from django.urls import reverse

from articles.models import Article
from authors.models import Author
from tests.conftest import story_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita_author(reporter):
    return Author.objects.create(name="Rita Reyes", slug="rita-reyes", user=reporter)


def byline_rows(page):
    formset = next(
        f.formset
        for f in page.context["inline_admin_formsets"]
        if f.formset.prefix == "author_links"
    )
    return formset


def test_a_new_story_opens_with_the_writer_in_the_byline(client, reporter, rita_author):
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_add"))
    formset = byline_rows(page)
    assert [form.initial.get("author") for form in formset.forms] == [rita_author.pk]
    html = page.content.decode()
    assert f'<option value="{rita_author.pk}" selected>Rita Reyes</option>' in html
    # The position is written by dragging, not typed: a hidden input.
    assert 'type="hidden" name="author_links-0-position"' in html


def test_saving_the_new_story_as_it_opened_keeps_the_writer_in_the_byline(
    client, reporter, rita_author, section
):
    client.force_login(reporter)
    url, data, _ = story_form_data(client, Article(headline="Night buses return", section=section))
    data.update(
        {
            "slug": "night-buses-return",
            "author_links-TOTAL_FORMS": 1,
            "author_links-0-author": rita_author.pk,
            "author_links-0-position": 0,
        }
    )
    assert client.post(url, data).status_code == 302
    story = Article.objects.get(slug="night-buses-return")
    assert [link.author for link in story.author_links.all()] == [rita_author]


def test_a_writer_without_an_author_profile_gets_an_empty_byline(client, reporter):
    client.force_login(reporter)
    formset = byline_rows(client.get(reverse("admin:articles_article_add")))
    assert formset.forms == []


def test_an_inactive_author_profile_is_not_put_in_the_byline(client, reporter, rita_author):
    rita_author.is_active = False
    rita_author.save()
    client.force_login(reporter)
    formset = byline_rows(client.get(reverse("admin:articles_article_add")))
    assert formset.forms == []


def test_an_existing_story_keeps_its_own_byline(client, reporter, rita_author, make_article):
    story = make_article("Ferry fares", created_by=reporter)
    client.force_login(reporter)
    formset = byline_rows(client.get(reverse("admin:articles_article_change", args=[story.pk])))
    assert [form.instance.author.name for form in formset.forms] == ["Rosa Park-Lindqvist"]
