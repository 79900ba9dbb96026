"""Addresses and form values no person would send get a clear answer, never a server error.

Each case here was a 500 before: non-numeric ids in the story admin's own pages, NUL
characters that PostgreSQL refuses in text, an impossible date in the story list's date
drill-down, and a non-numeric id posted in an autocomplete field.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles import workflow
from articles.models import EditorialNote, WorkflowEvent
from articles.workflow.permissions import ensure_role_groups
from articles.workflow.revisions import record_revision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def role_groups(db):
    ensure_role_groups()
    cache.clear()


@pytest.fixture
def reporter(make_user):
    return make_user("rita", groups=["Reporters"])


@pytest.fixture
def editor(make_user):
    return make_user("edna", groups=["Editors"])


@pytest.fixture
def story(make_article, reporter):
    article = make_article(created_by=reporter)
    record_revision(article, user=reporter, comment="Created")
    return article


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("object_id", ["abc", "1%00", "%ff%fe", "99999999", "99999999999999999999"])
@pytest.mark.parametrize("page", ["change", "reviewqueueitem-change"])
def test_a_story_address_with_a_bad_id_answers_404_for_staff(editor, object_id, page):
    model = "reviewqueueitem" if page.startswith("reviewqueueitem") else "article"
    response = client_for(editor).get(f"/admin/articles/{model}/{object_id}/change/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no story or page here" in html
    assert f'href="{reverse("admin:index")}"' in html  # the staff start page, not a reader's search


@pytest.mark.parametrize("object_id", ["abc", "1%00", "%ff%fe", "../../etc/passwd"])
@pytest.mark.parametrize(
    ("method", "page"),
    [
        ("get", "diff"),
        ("get", "preview"),
        ("post", "workflow"),
        ("post", "notes"),
        ("post", "share"),
        ("post", "restore/1"),
        ("post", "share/1/revoke"),
    ],
)
def test_the_story_pages_answer_404_for_a_bad_id(editor, object_id, method, page):
    client = client_for(editor)
    response = getattr(client, method)(f"/admin/articles/article/{object_id}/{page}/")
    assert response.status_code == 404


def test_a_nul_in_a_workflow_note_is_dropped_and_the_move_is_made(client, story, reporter):
    client.force_login(reporter)
    url = reverse("admin:articles_article_workflow", args=[story.pk])
    response = client.post(url, {"action": "submit", "submit_note": "Ready\x00 for you"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.state == "in_review"
    assert WorkflowEvent.objects.get(article=story, action="submit").note == "Ready for you"


def test_a_nul_in_an_editorial_note_is_dropped(client, story, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_note", args=[story.pk])
    assert client.post(url, {"text": "Check\x00 the quote"}).status_code == 302
    assert EditorialNote.objects.get(article=story).text == "Check the quote"


def test_a_nul_in_correction_text_is_dropped(client, story, reporter, editor):
    workflow.submit_for_review(reporter, story)
    workflow.publish(editor, story)
    story.dek = "A corrected dek."
    workflow.save_article(editor, story, expected_version=story.version)
    client.force_login(editor)
    url = reverse("admin:articles_article_workflow", args=[story.pk])
    response = client.post(
        url,
        {
            "action": "publish",
            "correction_kind": "correction",
            "correction_text": "An earlier version\x00 misstated the fare.",
        },
    )
    assert response.status_code == 302
    assert story.corrections.get().text == "An earlier version misstated the fare."


@pytest.mark.parametrize(
    "address",
    [
        "/admin/articles/article/tag-suggestions/?q=%00",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=section",
        "/admin/articles/article/?q=%00",
        "/admin/sources/source/?q=ferry%00",
    ],
)
def test_a_nul_in_a_search_or_lookup_is_ignored(editor, story, address):
    assert client_for(editor).get(address).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "updated_at__year=99999999999",
        "updated_at__year=9999&updated_at__month=12",
        "updated_at__year=9999",
        "updated_at__year=2025&updated_at__month=99999999999",
    ],
)
def test_an_impossible_date_in_the_story_list_shows_the_whole_list(editor, story, query):
    client = client_for(editor)
    response = client.get(f"/admin/articles/article/?{query}")
    assert response.status_code == 302 and response.url.endswith("?e=1")
    page = client.get(response.url)
    assert page.status_code == 200
    assert story.headline in page.content.decode()


def test_a_month_without_its_year_in_the_story_list_is_a_filter_not_a_server_error(editor, story):
    # Found by the URL fuzz: the date drill-down read the missing year as int(None).
    month = story.updated_at.month
    page = client_for(editor).get(f"/admin/articles/article/?updated_at__month={month}")
    assert page.status_code == 200
    assert story.headline in page.content.decode()


def test_a_non_numeric_id_in_an_autocomplete_field_is_a_form_error(client, editor, story):
    from tests.conftest import story_form_data

    client.force_login(editor)
    url, data, _ = story_form_data(client, story, section="abc", lead_image="x" * 300)
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Select a valid choice" in str(errors["section"])
    assert "Select a valid choice" in str(errors["lead_image"])
