"""@mentions (issue 26): first names and bylines reach the person, a name two people share is
refused naming both, and the staff-only suggestions and preview endpoints are bounded and never
fail on hostile input."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from articles import workflow
from articles.collaboration import comments, mentions
from articles.collaboration.comments import CommentError
from authors.models import Author

pytestmark = pytest.mark.django_db

BODY = "<p>Members voted 7-2 to approve the harbor budget after a long debate.</p>"
QUOTE = "voted 7-2 to approve the harbor budget"


@pytest.fixture
def story(make_article, reporter):
    article = make_article(body=BODY, created_by=reporter)
    workflow.save_article(reporter, article, expected_version=article.version)
    return article


@pytest.fixture
def jonah(make_user):
    """An editor whose account has no name: he is known by his byline."""
    person = make_user("jperrault", groups=["Editors"])
    Author.objects.create(name="Jonah Perrault", slug="jonah-perrault", user=person)
    return person


def test_a_byline_name_and_its_first_word_reach_the_authors_account(
    story, reporter, jonah, django_capture_on_commit_callbacks
):
    assert comments.find_mentions("@Jonah Perrault, and @Jonah again") == [jonah]
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(reporter, story, text="@Jonah can you check?", quote=QUOTE)
    assert [m.to for m in mail.outbox] == [["jperrault@example.com"]]


def test_a_first_name_two_people_share_is_refused_naming_both(
    story, reporter, jonah, make_user, django_capture_on_commit_callbacks
):
    make_user("jkim", groups=["Editors"], first_name="Jonah", last_name="Kim")
    with pytest.raises(CommentError) as refused:
        comments.add_comment(reporter, story, text="@jonah check?", quote=QUOTE)
    assert refused.value.code == "ambiguous_mention"
    assert "Jonah Kim (@jkim) or Jonah Perrault (@jperrault)" in str(refused.value)
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(reporter, story, text="@Jonah Kim check?", quote=QUOTE)
    assert [m.to for m in mail.outbox] == [["jkim@example.com"]]


def test_a_username_wins_over_someone_elses_first_name(reporter, make_user):
    edna = make_user("edna", groups=["Editors"])
    make_user("eives", groups=["Editors"], first_name="Edna", last_name="Ives")
    assert mentions.read_mentions("@edna look").people == [edna]


def test_suggestions_match_usernames_names_and_bylines(client, editor, jonah, make_user):
    make_user("joan", groups=["Reporters"], first_name="Joan", last_name="Ortiz")
    client.force_login(editor)
    url = reverse("admin:articles_storycomment_mentions")
    results = client.get(url, {"q": "@jo"}).json()["results"]
    assert [(r["name"], r["insert"]) for r in results] == [
        ("Joan Ortiz", "Joan Ortiz"),
        ("Jonah Perrault", "Jonah Perrault"),
    ]
    by_surname = client.get(url, {"q": "Perr"}).json()["results"]
    assert [r["detail"] for r in by_surname] == ["@jperrault"]
    assert client.get(url, {"q": "Joan O"}).json()["results"][0]["name"] == "Joan Ortiz"


def test_at_most_eight_suggestions(client, editor, make_user):
    for number in range(12):
        make_user(f"jo{number}", groups=["Reporters"])
    client.force_login(editor)
    results = client.get(reverse("admin:articles_storycomment_mentions"), {"q": "jo"})
    assert len(results.json()["results"]) == mentions.MAX_SUGGESTIONS == 8


@pytest.mark.parametrize("q", ["", "²", "\x00jo", "j" * 41, "%", "' OR 1=1 --", "jo\u202e"])
def test_hostile_prefixes_get_an_empty_list(client, editor, q):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_storycomment_mentions"), {"q": q})
    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_suggestions_are_for_staff_who_see_stories_only(client, make_user, editor):
    url = reverse("admin:articles_storycomment_mentions")
    assert client.get(url, {"q": "ed"}).status_code == 302  # to the login page
    outsider = get_user_model().objects.create_user("visitor", password="pw", is_staff=False)
    client.force_login(outsider)
    assert client.get(url, {"q": "ed"}).status_code == 302
    bare_staff = make_user("intern")  # staff, but no story permission
    client.force_login(bare_staff)
    assert client.get(url, {"q": "ed"}).status_code == 403
    assert client.post(url, {"q": "ed"}).status_code in (403, 405)


def test_the_preview_says_who_will_be_told_and_what_needs_a_choice(
    client, story, reporter, editor, jonah, make_user
):
    make_user("jkim", groups=["Editors"], first_name="Jonah", last_name="Kim")
    client.force_login(reporter)
    url = reverse("admin:articles_storycomment_notify", args=[story.pk])
    answer = client.post(url, {"text": "@Edna Ives and @jonah, see this"}).json()
    assert answer["notify"] == ["Edna Ives"]
    assert answer["ambiguous"] == [
        {
            "name": "jonah",
            "choices": [
                {"name": "Jonah Kim", "insert": "Jonah Kim"},
                {"name": "Jonah Perrault", "insert": "Jonah Perrault"},
            ],
        }
    ]
    # A long text of "@"s costs a bounded read; an unknown story is a 404.
    assert client.post(url, {"text": "@edna " * 2000}).json()["notify"] == ["Edna Ives"]
    assert client.post(reverse("admin:articles_storycomment_notify", args=["²"])).status_code == 404


def test_the_panel_says_whom_a_comment_notified(client, story, reporter, jonah):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_storycomment_story", args=[story.pk]),
        {"text": "@Jonah please check", "quote": QUOTE},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["done"] == "Comment added. Notified: Jonah Perrault."
