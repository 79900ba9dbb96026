"""Presence on the story page: who else has it open, newer saves told at once, taking over,
and the merge view that keeps a person's typed text (articles/presence.py, merge.py)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.collaboration import merge, presence
from articles.models import Article, StoryAutosave, StoryPresence, WorkflowEvent
from tests.conftest import story_form_data

pytestmark = pytest.mark.django_db


def beat_url(article) -> str:
    return reverse("admin:articles_article_presence", args=[article.pk])


def take_over_url(article) -> str:
    return reverse("admin:articles_article_take_over", args=[article.pk])


def merge_url(article) -> str:
    return reverse("admin:articles_article_merge", args=[article.pk])


def beat(client, article, version=None):
    return client.post(beat_url(article), {"version": version or article.version})


@pytest.fixture
def two_editors(client, editor, second_editor, story):
    from django.test import Client

    other = Client()
    client.force_login(editor)
    other.force_login(second_editor)
    return client, other


def test_each_editor_sees_who_else_has_the_story_open(two_editors, story, second_editor):
    edna, ezra = two_editors
    assert beat(edna, story).json()["others"] == []
    answer = beat(ezra, story).json()
    assert [other["name"] for other in answer["others"]] == ["Edna Ives"]
    assert answer["message"].startswith("Edna Ives is editing, since ")
    assert answer["can_take_over"] is True
    # And Edna sees Ezra (no full name: his username).
    assert beat(edna, story).json()["message"].startswith("ezra is editing, since ")


def test_people_gone_for_45_seconds_are_no_longer_shown(two_editors, story, editor):
    edna, ezra = two_editors
    beat(edna, story)
    StoryPresence.objects.filter(user=editor).update(
        last_seen=timezone.now() - presence.EXPIRES_AFTER - timedelta(seconds=1)
    )
    assert beat(ezra, story).json()["others"] == []
    assert not StoryPresence.objects.filter(user=editor).exists()  # expired rows are deleted


def test_closing_the_page_removes_the_person_at_once(two_editors, story):
    edna, ezra = two_editors
    beat(edna, story)
    assert edna.post(beat_url(story), {"leaving": "1"}).json() == {"left": True}
    assert beat(ezra, story).json()["others"] == []


def test_only_people_who_may_see_the_story_send_a_heartbeat(client, story, unprivileged):
    client.force_login(unprivileged)
    response = beat(client, story)
    assert response.status_code == 403
    assert "may not see this story" in response.json()["error"]
    assert not StoryPresence.objects.exists()
    client.logout()
    assert beat(client, story).status_code == 302  # to the login page


@pytest.mark.parametrize("version", ["", "abc", "-1", "0", "1 2", "99999999999", "٣", "1.5"])
def test_a_hostile_version_is_refused_with_a_message(client, editor, story, version):
    client.force_login(editor)
    response = client.post(beat_url(story), {"version": version})
    assert response.status_code == 400
    assert "version" in response.json()["error"]


def test_bad_addresses_and_methods_answer_with_a_message(client, editor, story):
    client.force_login(editor)
    assert client.get(beat_url(story)).status_code == 405
    for bad in ["abc", "99999999999999999999", "-1"]:
        response = client.post(f"/admin/articles/article/{bad}/presence/", {"version": "1"})
        assert response.status_code == 404
        assert response.json()["error"] == "There is no story at this address."


def test_a_newer_save_is_told_at_once_with_who_and_when(two_editors, story, editor):
    edna, ezra = two_editors
    opened_at = story.version
    assert beat(ezra, story, opened_at).json()["newer"] is None
    story.headline = "Ferry fares rise in March"
    workflow.save_article(editor, story, expected_version=opened_at)
    newer = beat(ezra, story, opened_at).json()["newer"]
    assert newer["version"] == opened_at + 1
    assert newer["by"] == "Edna Ives"
    assert newer["message"] == (
        f"Edna Ives saved a newer version at {newer['time']} — your text is kept; "
        "compare and merge."
    )
    # Edna's own page, reloaded at the new version, is told nothing.
    assert beat(edna, story, story.version).json()["newer"] is None


def test_taking_over_is_recorded_and_shown_to_the_other(two_editors, story, second_editor):
    edna, ezra = two_editors
    beat(edna, story)
    beat(ezra, story)
    response = ezra.post(take_over_url(story))
    assert response.status_code == 200
    assert response.json()["message"].startswith("You took over editing from Edna Ives at ")
    event = WorkflowEvent.objects.get(article=story, action=presence.TAKE_OVER)
    assert (event.actor, event.note) == (second_editor, "From Edna Ives.")
    assert event.from_state == event.to_state == story.state  # not a move
    taken = beat(edna, story).json()["taken_over"]
    assert taken["message"].startswith(f"ezra took over at {taken['time']}.")
    assert beat(ezra, story).json()["taken_over"] is None


def test_nothing_to_take_over_when_nobody_else_is_there(two_editors, story):
    edna, _ = two_editors
    beat(edna, story)
    response = edna.post(take_over_url(story))
    assert response.status_code == 409
    assert "Nobody else" in response.json()["error"]
    assert not WorkflowEvent.objects.filter(action=presence.TAKE_OVER).exists()


def test_only_those_who_may_edit_take_over(client, story, editor, other_reporter):
    client.force_login(editor)
    beat(client, story)
    with pytest.raises(workflow.WorkflowPermissionError):
        presence.take_over(other_reporter, story)
    assert not WorkflowEvent.objects.filter(action=presence.TAKE_OVER).exists()


# --- the merge view ----------------------------------------------------------------------


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


def _continue(client, article, kept_text, *, based_on, theirs_version, **choices):
    return client.post(
        merge_url(article),
        {
            **{f"mine_{name}": value for name, value in kept_text.items()},
            "based_on": based_on,
            "theirs_version": theirs_version,
            **choices,
            "continue": "1",
        },
    )


def test_merge_combines_their_headline_with_my_dek_and_the_save_goes_through(
    two_editors, story, editor, second_editor
):
    edna, ezra = two_editors
    opened = Article.objects.get(pk=story.pk)
    story.headline = "Ferry fares rise in March"
    workflow.save_article(editor, story, expected_version=opened.version)

    mine = typed(
        opened,
        dek="Ezra's new dek, typed and not saved.",
        body=opened.body + "<p>A paragraph Ezra typed.</p>",
    )
    page = ezra.post(merge_url(story), mine)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Edna Ives saved version" in html
    assert "A paragraph Ezra typed." in html and "Ferry fares rise in March" in html
    assert "Nothing clashes" in html
    # Every typed word is kept before anything is decided.
    kept = StoryAutosave.objects.get(user=second_editor, article=story)
    assert kept.text["dek"] == "Ezra's new dek, typed and not saved."
    # Only Edna changed the headline, only Ezra the dek and the body: nothing to choose.
    fields = {field.name: field for field in page.context["fields"]}
    assert [r.kind for r in fields["headline"].regions] == [merge.THEIRS_ONLY]
    assert [r.kind for r in fields["dek"].regions] == [merge.MINE_ONLY]
    assert not any(field.conflicts for field in fields.values())

    continued = _continue(
        ezra, story, kept.text, based_on=opened.version, theirs_version=story.version
    )
    assert continued.status_code == 302
    merged = StoryAutosave.objects.get(user=second_editor, article=story)
    assert merged.based_on_version == story.version
    assert merged.text["headline"] == "Ferry fares rise in March"
    assert merged.text["dek"] == "Ezra's new dek, typed and not saved."

    # The story page loads the merged text into the form, once.
    html = ezra.get(continued.url).content.decode()
    marker = '<script id="story-presence-merged" type="application/json">'
    loaded = json.loads(html.split(marker, 1)[1].split("</script>", 1)[0])
    assert loaded["body"].endswith("<p>A paragraph Ezra typed.</p>")
    assert marker not in ezra.get(continued.url).content.decode()

    # Saved against the new version, the merge goes through with both edits.
    fresh = Article.objects.get(pk=story.pk)
    fresh.headline, fresh.dek, fresh.body = (loaded[n] for n in ("headline", "dek", "body"))
    workflow.save_article(second_editor, fresh, expected_version=merged.based_on_version)
    saved = Article.objects.get(pk=story.pk)
    assert saved.headline == "Ferry fares rise in March"
    assert saved.dek == "Ezra's new dek, typed and not saved."


def _paragraphs(*texts) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_different_paragraphs_combine_and_a_clash_waits_for_a_choice(
    two_editors, story, editor, second_editor
):
    _, ezra = two_editors
    story.body = _paragraphs("One.", "Two.", "Three.", "Four.", "Five.")
    workflow.save_article(editor, story, expected_version=story.version)
    opened = Article.objects.get(pk=story.pk)
    story.body = _paragraphs("One, Edna.", "Two.", "Three, Edna.", "Four.", "Five.")
    workflow.save_article(editor, story, expected_version=opened.version)

    mine = _paragraphs("One.", "Two.", "Three, Ezra.", "Four.", "Five, Ezra.")
    page = ezra.post(merge_url(story), typed(opened, body=mine))
    [body] = [field for field in page.context["fields"] if field.name == "body"]
    [clash] = body.conflicts
    assert (clash.mine, clash.theirs) == (["<p>Three, Ezra.</p>"], ["<p>Three, Edna.</p>"])
    kept = StoryAutosave.objects.get(user=second_editor, article=story).text

    # No choice: asked for, and nothing decided.
    asked = _continue(ezra, story, kept, based_on=opened.version, theirs_version=story.version)
    assert asked.status_code == 400
    assert "Body (clash 1)" in asked.content.decode()
    assert StoryAutosave.objects.get(user=second_editor, article=story).text == kept

    _continue(
        ezra,
        story,
        kept,
        based_on=opened.version,
        theirs_version=story.version,
        choose_body_1="both",
    )
    merged = StoryAutosave.objects.get(user=second_editor, article=story).text["body"]
    assert merged == _paragraphs(
        "One, Edna.", "Two.", "Three, Ezra.", "Three, Edna.", "Four.", "Five, Ezra."
    )


def test_without_the_version_both_started_from_every_difference_is_a_choice(story):
    fields = merge.merge_fields(
        {"headline": "Mine", "body": _paragraphs("Same.", "Mine.")},
        {"headline": "Theirs", "body": _paragraphs("Same.", "Theirs.")},
        None,
    )
    assert merge.missing_choices(fields, {}) == ["Headline", "Body (clash 1)"]
    text = merge.merged_text(fields, {"choose_headline_1": "theirs", "choose_body_1": "mine"})
    assert text == {"headline": "Theirs", "body": _paragraphs("Same.", "Mine.")}


def test_a_link_or_bold_added_is_a_change_but_the_editor_rewriting_markup_is_not():
    base = {"body": '<p>The council voted.</p><p class="x">Two.</p>'}
    theirs = {"body": '<p>The council <a href="https://c.example/m">voted</a>.</p><p>Two.</p>'}
    mine = {"body": "<p>The council voted.</p>\n<p>Two <strong>now</strong>.</p>"}
    [body] = merge.merge_fields(mine, theirs, base)
    assert [r.kind for r in body.regions] == [merge.THEIRS_ONLY, merge.MINE_ONLY]
    assert merge.merged_text([body], {})["body"] == (
        '<p>The council <a href="https://c.example/m">voted</a>.</p><p>Two <strong>now</strong>.</p>'
    )


def test_merge_asks_again_when_saved_once_more_and_loses_nothing(
    two_editors, story, editor, second_editor
):
    _, ezra = two_editors
    opened = story.version
    mine = {"mine_headline": "Ezra's headline", "mine_dek": "Ezra's dek"}
    story.dek = "Edna's dek"
    workflow.save_article(editor, story, expected_version=opened)
    compared_with = story.version
    story.dek = "Edna's second dek"
    workflow.save_article(editor, story, expected_version=story.version)
    response = ezra.post(
        merge_url(story),
        {
            **mine,
            "based_on": opened,
            "theirs_version": compared_with,
            "choose_dek_1": "theirs",
            "continue": "1",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "saved again while you compared" in html
    dek = next(field for field in response.context["fields"] if field.name == "dek")
    [clash] = dek.conflicts
    assert (clash.mine, clash.theirs) == (["Ezra's dek"], ["Edna's second dek"])
    assert 'name="mine_dek" value="Ezra&#x27;s dek"' in html  # still carried by the page


@pytest.mark.parametrize(
    "post",
    [
        {"continue": "1"},  # no text at all
        {"continue": "1", "mine_headline": "x" * 30_000},
        {"continue": "1", "mine_dek": "Mine", "choose_dek_1": "\x00", "theirs_version": "abc"},
        {"continue": "1", "mine_dek": "Mine", "choose_dek_1": "both", "based_on": "-5"},
        {"continue": "1", "mine_dek": "Mine", "choose_dek_1": "²", "based_on": "²"},
    ],
)
def test_hostile_merge_posts_get_a_message_not_an_error(two_editors, story, editor, post):
    _, ezra = two_editors
    story.dek = "Edna's dek"  # a clash with any dek posted, whatever version it claims
    workflow.save_article(editor, story, expected_version=story.version)
    post = {**post, "based_on": post.get("based_on", 1)}
    response = ezra.post(merge_url(story), post)
    assert 400 <= response.status_code < 500
    assert b"errornote" in response.content


def test_merge_refused_to_those_who_may_not_edit(client, story, other_reporter):
    client.force_login(other_reporter)
    response = client.post(merge_url(story), {"headline": "Mine"})
    assert response.status_code == 403
    assert b"may not edit this story" in response.content


def test_after_a_refused_stale_save_the_page_offers_the_merge(client, story, reporter, editor):
    client.force_login(reporter)
    url, data, _ = story_form_data(client, story)
    opened = story.version
    theirs = Article.objects.get(pk=story.pk)
    theirs.headline = "Editor's headline"
    workflow.save_article(editor, theirs, expected_version=opened)

    data["body"] = "<p>My long paragraph that must not be lost.</p>"
    response = client.post(url, data)
    html = response.content.decode()
    assert "Compare and merge" in html and merge_url(story) in html
    # The form still holds the version it was opened at: the first heartbeat says who saved.
    assert f'name="expected_version" value="{opened}"' in html
    newer = beat(client, story, opened).json()["newer"]
    assert newer["message"].startswith("Edna Ives saved a newer version at ")
    # And the merge view, posted by that form, shows the typed paragraph beside theirs.
    page = client.post(merge_url(story), {**data, "_merge": "1"})
    assert "My long paragraph that must not be lost." in page.content.decode()
    assert "Editor&#x27;s headline" in page.content.decode()


def test_the_refused_save_says_it_once_and_offers_no_restore(client, story, reporter, editor):
    client.force_login(reporter)
    url, data, _ = story_form_data(client, story)
    theirs = Article.objects.get(pk=story.pk)
    theirs.headline = "Editor's headline"
    workflow.save_article(editor, theirs, expected_version=story.version)
    # An autosave of the reporter's typing exists: the form holds it already.
    client.post(
        reverse("admin:articles_article_autosave", args=[story.pk]),
        {"body": "<p>Typed.</p>", "expected_version": story.version},
    )

    data["body"] = "<p>Typed.</p>"
    html = client.post(url, data).content.decode()
    assert html.count('class="story-refused-save"') == 1
    assert "Edna Ives saved a newer version" in html
    assert 'class="errornote"' not in html and 'class="errorlist nonfield"' not in html
    assert "story-autosave-offer" not in html  # no Restore banner for the text in the form
    assert "&lt;p&gt;Typed.&lt;/p&gt;" in html  # the typed text, still in the form


# --- the short poll of the version -------------------------------------------------------


def version_url(article) -> str:
    return reverse("admin:articles_article_presence_version", args=[article.pk])


def test_the_poll_answers_the_saved_version_in_a_few_reads(
    client, story, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    client.get(version_url(story))  # the session and the login's first reads
    # The user (their permissions and second factor read with it:
    # newsroom.security.auth_backend; the session comes from the cache) and the story's
    # version: two reads, no write.
    with django_assert_max_num_queries(2):
        response = client.get(version_url(story))
    assert response.json() == {"version": story.version}
    assert "no-store" in response["Cache-Control"]
    story.dek = "A newer dek"
    workflow.save_article(editor, story, expected_version=story.version)
    assert client.get(version_url(story)).json() == {"version": story.version}


def test_the_poll_is_for_staff_who_may_see_stories_and_refuses_hostile_addresses(
    client, story, editor, unprivileged
):
    assert client.get(version_url(story)).status_code == 302  # to the login page
    client.force_login(unprivileged)
    assert client.get(version_url(story)).status_code == 403
    client.force_login(editor)
    assert client.post(version_url(story)).status_code == 405
    for bad in ["abc", "²", "99999999999999999999", "-1", "1%00", "9" * 2000]:
        response = client.get(f"/admin/articles/article/{bad}/presence/version/")
        assert response.status_code == 404, bad
