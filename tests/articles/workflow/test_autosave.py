"""Server autosave of the story form: kept for its writer only, offered back, never a save."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from articles import workflow
from articles.collaboration import autosave
from articles.models import Article, StoryAutosave
from articles.workflow.revisions import versions_of
from tests.conftest import story_form_data

pytestmark = pytest.mark.django_db


def autosave_url(article=None) -> str:
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def typed(article, **changes) -> dict:
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "expected_version": article.version,
    }
    data.update(changes)
    return data


def offers(client, url) -> list[dict]:
    """The drafts the story page offers back (its JSON data block), newest first."""
    html = client.get(url).content.decode()
    marker = '<script id="story-autosave-offers" type="application/json">'
    if marker not in html:
        return []
    return json.loads(html.split(marker, 1)[1].split("</script>", 1)[0])


def offered(client, url) -> dict | None:
    """The newest draft the story page offers back, if any."""
    found = offers(client, url)
    return found[0] if found else None


def test_autosave_keeps_the_text_without_saving_the_story(client, story, reporter):
    revisions_before = versions_of(story).count()
    client.force_login(reporter)
    response = client.post(
        autosave_url(story), typed(story, dek="A dek typed, not saved.", body="<p>Half a</p>")
    )
    assert response.status_code == 200
    assert response.json()["message"].startswith("Autosaved at ")
    kept = StoryAutosave.objects.get(user=reporter, article=story)
    assert kept.text["dek"] == "A dek typed, not saved."
    assert kept.based_on_version == story.version
    # Not a save: the story, its version and its history are as they were.
    fresh = Article.objects.get(pk=story.pk)
    assert (fresh.dek, fresh.body, fresh.version) == (story.dek, story.body, story.version)
    assert versions_of(story).count() == revisions_before


def test_the_story_page_offers_the_autosave_back_to_its_writer_only(
    client, story, reporter, editor
):
    client.force_login(reporter)
    client.post(autosave_url(story), typed(story, body="<p>The words I was typing.</p>"))
    page = reverse("admin:articles_article_change", args=[story.pk])
    offer = offered(client, page)
    assert offer["text"]["body"] == "<p>The words I was typing.</p>"
    assert offer["time"]
    editors_view = Client()
    editors_view.force_login(editor)
    assert offered(editors_view, page) is None


def test_a_real_save_replaces_the_autosave(client, story, reporter):
    client.force_login(reporter)
    client.post(autosave_url(story), typed(story, dek="Typed, then saved."))
    url, data, _ = story_form_data(client, story, dek="Typed, then saved.")
    assert client.post(url, data).status_code == 302
    assert not StoryAutosave.objects.filter(user=reporter).exists()
    assert offered(client, url) is None


def test_a_refused_stale_save_keeps_the_autosave_and_the_text(client, story, reporter, editor):
    client.force_login(reporter)
    client.post(autosave_url(story), typed(story, body="<p>Mine, not lost.</p>"))
    url, data, _ = story_form_data(client, story, body="<p>Mine, not lost.</p>")
    theirs = Article.objects.get(pk=story.pk)
    theirs.headline = "The editor saved first"
    workflow.save_article(editor, theirs, expected_version=story.version)

    response = client.post(url, data)
    assert response.status_code == 200
    assert "saved a newer version" in response.content.decode()
    assert "Mine, not lost." in response.content.decode()
    assert StoryAutosave.objects.get(user=reporter, article=story).text["body"] == (
        "<p>Mine, not lost.</p>"
    )
    # Reopened, the autosave is offered with a warning that the story moved on since.
    offer = offered(client, url)
    assert offer["based_on_version"] < offer["story_version"]


def test_autosave_holding_only_the_saved_text_is_not_offered(client, story, reporter):
    client.force_login(reporter)
    client.post(autosave_url(story), typed(story))
    page = reverse("admin:articles_article_change", args=[story.pk])
    assert offered(client, page) is None


def test_discard_drops_the_autosave(client, story, reporter):
    client.force_login(reporter)
    client.post(autosave_url(story), typed(story, dek="Never mind."))
    response = client.post(autosave_url(story), {"discard": "1"})
    assert response.json()["discarded"] is True
    assert not StoryAutosave.objects.filter(user=reporter).exists()


def test_a_new_story_is_autosaved_and_offered_on_the_new_story_page(client, reporter, section):
    client.force_login(reporter)
    response = client.post(
        autosave_url(), {"headline": "A story not saved yet", "body": "<p>First words.</p>"}
    )
    assert response.status_code == 200
    offer = offered(client, reverse("admin:articles_article_add"))
    assert offer["text"]["headline"] == "A story not saved yet"

    # Another tab's new story, with other words.
    client.post(autosave_url(), {"headline": "Another story", "draft": "tab-b"})

    article = Article(
        headline="A story not saved yet", slug="a-story-not-saved-yet", body="<p>First words.</p>"
    )
    article.section = section
    workflow.save_article(reporter, article, expected_version=None)
    # The draft the new story holds is gone; the other tab's is kept.
    kept = StoryAutosave.objects.filter(user=reporter).values_list("text__headline", flat=True)
    assert list(kept) == ["Another story"]


def test_only_who_may_edit_the_story_autosaves_it(client, story, story_in, other_reporter):
    client.force_login(other_reporter)
    response = client.post(autosave_url(story), typed(story, dek="Not my story."))
    assert response.status_code == 403
    assert "may not edit" in response.json()["error"]
    assert not StoryAutosave.objects.exists()


def test_late_keystrokes_on_a_story_moved_to_review_are_kept_for_their_writer(
    client, story_in, reporter, editor
):
    article = story_in("in_review")
    client.force_login(reporter)
    response = client.post(
        autosave_url(article), typed(article, dek="Typed while it moved.", draft="tab-1")
    )
    assert response.status_code == 200
    assert StoryAutosave.objects.get(user=reporter, article=article).text["dek"] == (
        "Typed while it moved."
    )
    # Read-only for the reporter now: the page shows it as their last typing, to them only.
    page = reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(page).content.decode()
    assert "Your last typing, not saved" in html and "Typed while it moved." in html
    editors_view = Client()
    editors_view.force_login(editor)
    assert "Typed while it moved." not in editors_view.get(page).content.decode()


def test_restore_it_to_a_new_draft_makes_a_story_of_the_kept_typing(
    client, story_in, reporter, other_reporter
):
    article = story_in("in_review")
    client.force_login(reporter)
    client.post(
        autosave_url(article),
        typed(article, headline="Fares rise again", body="<p>Late words.</p>", draft="tab-1"),
    )
    new_draft = reverse("admin:articles_article_autosave_new_draft", args=[article.pk])
    # Nobody else can turn it into anything: only the typist's own drafts are looked up.
    other = Client()
    other.force_login(other_reporter)
    refused = other.post(new_draft, {"draft": "tab-1"}, follow=True)
    assert "no longer kept" in refused.content.decode()
    assert Article.objects.count() == 1

    response = client.post(new_draft, {"draft": "tab-1"})
    new = Article.objects.exclude(pk=article.pk).get()
    assert response["Location"] == reverse("admin:articles_article_change", args=[new.pk])
    assert (new.headline, new.body, new.state) == (
        "Fares rise again",
        "<p>Late words.</p>",
        "draft",
    )
    assert new.created_by == reporter and versions_of(new).count() == 1
    assert Article.objects.get(pk=article.pk).body == article.body
    assert not StoryAutosave.objects.exists()


def test_the_new_draft_carries_the_storys_byline_and_tags(client, story_in, reporter):
    from articles.models import ArticleAuthor
    from authors.models import Author

    article = story_in("in_review")
    for position, name in enumerate(["Rita Reyes", "Lena Brandt"], start=10):
        author = Author.objects.create(name=name, slug=name.lower().replace(" ", "-"))
        ArticleAuthor.objects.create(article=article, author=author, position=position)
    names = [line.author.name for line in ArticleAuthor.objects.filter(article=article)]
    article.tags.add("harbor", "ferries")
    client.force_login(reporter)
    client.post(autosave_url(article), typed(article, body="<p>Late.</p>", draft="tab-1"))
    client.post(autosave_url(article), typed(article, tags="budget, harbor", draft="tab-2"))
    new_draft = reverse("admin:articles_article_autosave_new_draft", args=[article.pk])

    client.post(new_draft, {"draft": "tab-1"})
    first = Article.objects.exclude(pk=article.pk).get()
    byline = ArticleAuthor.objects.filter(article=first).order_by("position")
    assert [line.author.name for line in byline] == names
    assert names[-2:] == ["Rita Reyes", "Lena Brandt"]
    assert sorted(first.tags.names()) == ["ferries", "harbor"]
    client.post(new_draft, {"draft": "tab-2"})
    second = Article.objects.exclude(pk__in=[article.pk, first.pk]).get()
    assert sorted(second.tags.names()) == ["budget", "harbor"]  # the tags as typed
    assert second.authors.count() == len(names)


def test_restore_to_a_new_draft_answers_hostile_input_without_a_crash(client, story, reporter):
    client.force_login(reporter)
    new_draft = reverse("admin:articles_article_autosave_new_draft", args=[story.pk])
    assert client.get(new_draft).status_code == 405
    assert client.post("/admin/articles/article/²/autosave/new-draft/").status_code == 404
    bad = client.post(new_draft, {"draft": "x" * 5000}, follow=True)
    assert "draft name" in bad.content.decode()
    assert Article.objects.count() == 1


def test_each_page_keeps_its_own_draft_of_a_new_story(client, reporter):
    client.force_login(reporter)
    client.post(autosave_url(), {"headline": "Tram strike ends", "draft": "tab-a"})
    client.post(autosave_url(), {"headline": "Ferry timetable", "draft": "tab-b"})
    client.post(autosave_url(), {"headline": "Tram strike ends today", "draft": "tab-a"})
    found = offers(client, reverse("admin:articles_article_add"))
    assert [(one["draft"], one["first_words"]) for one in found] == [
        ("tab-a", "Tram strike ends today"),
        ("tab-b", "Ferry timetable"),
    ]
    client.post(autosave_url(), {"discard": "1", "draft": "tab-b"})
    assert [one["draft"] for one in offers(client, reverse("admin:articles_article_add"))] == [
        "tab-a"
    ]


def test_a_draft_name_the_page_never_makes_is_refused(client, story, reporter):
    client.force_login(reporter)
    for hostile in ("²", "x" * 41, "a b", "../1"):
        response = client.post(autosave_url(story), typed(story, dek="Hm.", draft=hostile))
        assert response.status_code == 400 and "draft name" in response.json()["error"]
    assert not StoryAutosave.objects.exists()


def test_a_person_keeps_at_most_so_many_drafts(client, reporter, monkeypatch):
    monkeypatch.setattr(autosave, "MAX_DRAFTS_PER_PERSON", 3)
    client.force_login(reporter)
    for number in range(5):
        client.post(autosave_url(), {"headline": f"Draft {number}", "draft": f"tab-{number}"})
    kept = StoryAutosave.objects.filter(user=reporter).values_list("text__headline", flat=True)
    assert sorted(kept) == ["Draft 2", "Draft 3", "Draft 4"]


def test_oversize_text_is_refused_with_a_clear_message(client, story, reporter):
    client.force_login(reporter)
    too_long = "x" * (autosave.MAX_OTHER_FIELD_CHARS + 1)
    response = client.post(autosave_url(story), typed(story, dek=too_long))
    assert response.status_code == 413
    assert "too long to autosave" in response.json()["error"]
    huge = "x" * (autosave.MAX_REQUEST_BYTES + 10)
    response = client.post(autosave_url(story), typed(story, body=huge))
    assert response.status_code == 413
    assert "too large to autosave" in response.json()["error"]
    assert not StoryAutosave.objects.exists()


def test_hostile_input_gets_a_clear_answer_not_a_crash(client, story, reporter):
    client.force_login(reporter)
    bad_version = client.post(autosave_url(story), typed(story, expected_version="abc"))
    assert bad_version.status_code == 400 and "version" in bad_version.json()["error"]
    nothing = client.post(autosave_url(story), {"unrelated": "1"})
    assert nothing.status_code == 400
    no_story = client.post("/admin/articles/article/abc/autosave/", typed(story))
    assert no_story.status_code == 404
    assert client.get(autosave_url(story)).status_code == 405
    with_nul = client.post(autosave_url(story), typed(story, dek="A\x00B"))
    assert with_nul.status_code == 200
    assert StoryAutosave.objects.get().text["dek"] == "AB"


def test_autosave_needs_the_csrf_token(story, reporter):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reporter)
    response = browser.post(autosave_url(story), typed(story, dek="Forged."))
    assert response.status_code == 403
    assert not StoryAutosave.objects.exists()


def test_autosave_is_for_staff_only(client, story):
    reader = get_user_model().objects.create_user("reader", "reader@example.com", "pw-reader")
    client.force_login(reader)
    response = client.post(autosave_url(story), typed(story, dek="Not staff."))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not StoryAutosave.objects.exists()
