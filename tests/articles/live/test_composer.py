"""The live box of the story page: from typing to published in two actions for an editor,
a refused entry comes back with its text and the reason, and the entry buttons."""

from django.urls import reverse

from articles.models import EntryStatus, LiveEntry


def live_url(article):
    return reverse("admin:articles_article_live", args=[article.pk])


def entry_url(article, entry):
    return reverse("admin:articles_article_live_entry", args=[article.pk, entry.pk])


def story_page(client, article):
    return client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()


def test_an_editor_makes_a_story_live_and_publishes_in_two_actions(
    client, make_article, editor, django_capture_on_commit_callbacks
):
    article = make_article("Storm reaches the coast")
    client.force_login(editor)
    assert "Make this story live" in story_page(client, article)
    client.post(live_url(article), {"live_action": "make_live"})
    client.post(live_url(article), {"live_action": "start"})
    page = story_page(client, article)
    assert 'id="live-text"' in page and 'value="publish"' in page
    # The two actions: type the text, press Publish.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            live_url(article), {"live_action": "publish", "text": "Winds at 90 km/h."}
        )
    assert response.status_code == 302 and response["Location"].endswith("#live")
    entry = LiveEntry.objects.get()
    assert entry.status == EntryStatus.PUBLISHED and entry.public_html == "<p>Winds at 90 km/h.</p>"


def test_a_refused_entry_keeps_its_text_and_says_why(client, live_story, reporter):
    article, _ = live_story
    client.force_login(reporter)
    page = story_page(client, article)
    assert 'value="publish"' not in page  # a reporter files; an editor publishes
    response = client.post(
        live_url(article),
        {"live_action": "publish", "text": "Typed under pressure.", "headline": "Kept <b>"},
        follow=True,
    )
    html = response.content.decode()
    assert "Typed under pressure." in html and "Kept &lt;b&gt;" in html
    assert "plain text" in html or "may not publish" in html
    assert not LiveEntry.objects.exists()


def test_a_reporter_files_and_the_editor_publishes_from_the_list(
    client, live_story, reporter, editor, django_capture_on_commit_callbacks
):
    article, _ = live_story
    client.force_login(reporter)
    client.post(live_url(article), {"live_action": "file", "text": "Roads closed north of town."})
    entry = LiveEntry.objects.get()
    assert entry.status == EntryStatus.FILED
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(entry_url(article, entry), {"live_action": "publish"})
        client.post(entry_url(article, entry), {"live_action": "pin"})
        client.post(entry_url(article, entry), {"live_action": "key"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED and entry.pinned and entry.key_event
    reader = client.get(article.snapshot.url_path).content.decode()
    assert "Roads closed north of town." in reader and "What we know" in reader


def test_the_editor_corrects_an_entry_and_readers_see_it_updated(
    client, live_story, post, editor, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    entry = post(coverage, "Four people hurt.")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            entry_url(article, entry),
            {
                "live_action": "save_publish",
                "text": "Three people hurt.",
                "correction": "An earlier version said four people were hurt.",
            },
        )
    reader = client.get(article.snapshot.url_path).content.decode()
    assert "Three people hurt." in reader and "Four people hurt." not in reader
    assert "An earlier version said four" in reader and "Updated" in reader


def test_breaking_out_makes_a_draft_that_links_back(client, live_story, post, editor):
    article, coverage = live_story
    entry = post(coverage, "The dam held overnight.", headline="Dam holds")
    client.force_login(editor)
    response = client.post(entry_url(article, entry), {"live_action": "break_out"}, follow=True)
    entry.refresh_from_db()
    story = entry.breakout
    assert story is not None and story.state == "draft" and story.headline == "Dam holds"
    assert article.snapshot.url_path in story.body
    assert "A draft story now carries this entry" in response.content.decode()


def test_a_published_story_is_linked_in_as_an_entry(
    client, live_story, make_article, editor, reporter, django_capture_on_commit_callbacks
):
    from articles import workflow

    article, _ = live_story
    other = make_article("Where to find shelter tonight", created_by=reporter)
    workflow.publish(editor, other)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            live_url(article),
            {
                "live_action": "publish",
                "text": "",
                "link": "http://testserver" + other.snapshot.url_path,
            },
        )
    reader = client.get(article.snapshot.url_path).content.decode()
    assert f'href="{other.snapshot.url_path}"' in reader
    refused = client.post(
        live_url(article), {"live_action": "publish", "link": "/no/such/story/"}, follow=True
    )
    assert "No published story is at" in refused.content.decode()


def test_ending_the_coverage_from_the_page(client, live_story, editor):
    article, coverage = live_story
    client.force_login(editor)
    client.post(
        live_url(article), {"live_action": "end", "closing_note": "Coverage continues here."}
    )
    coverage.refresh_from_db()
    assert coverage.state == "ended" and coverage.closing_note == "Coverage continues here."
    assert 'id="live-text"' not in story_page(client, article)


def test_hostile_addresses_and_actions_never_fail(client, live_story, editor):
    article, _ = live_story
    client.force_login(editor)
    base = reverse("admin:articles_article_change", args=[article.pk])
    for bad in ("١٢", "99999999999999999999999", "%00", "x"):
        assert client.post(f"{base}live/entries/{bad}/", {"live_action": "pin"}).status_code == 404
    assert client.post(live_url(article), {"live_action": "<script>"}).status_code == 400
    assert client.get(live_url(article)).status_code == 405
