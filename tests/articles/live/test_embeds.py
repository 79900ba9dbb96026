"""An outside player in a live entry: the composer's Embed field reads an address through the
allow-list, readers get the facade (the player's origin allowed by the page's policy), feeds
and ninjs a plain link, and nothing unpublished leaks."""

import pytest
from django.urls import reverse

from articles.live import entries
from articles.live.errors import LiveError
from articles.models import EntryStatus, LiveEntry

VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
PLAYER = "https://www.youtube-nocookie.com"


def live_url(article):
    return reverse("admin:articles_article_live", args=[article.pk])


def entry_url(article, entry):
    return reverse("admin:articles_article_live_entry", args=[article.pk, entry.pk])


def frame_src(response) -> list[str]:
    policy = response["Content-Security-Policy"].split(";")
    return next(d.split()[1:] for d in policy if d.split()[:1] == ["frame-src"])


def test_a_youtube_address_becomes_a_facade_in_the_entry(client, live_story, post):
    article, coverage = live_story
    entry = post(coverage, "The moment the bridge opened.", embed=VIDEO)
    response = client.get(article.snapshot.url_path)
    html = response.content.decode()
    assert "The moment the bridge opened." in html
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in html  # works without script
    assert f'id="entry-{entry.pk}-embed-1"' in html
    assert "<iframe" not in html and "data-embed-id" not in html  # no player until a click
    assert "js/embed-facade.js" in html
    # A live page allows every allowed player (an entry arriving by poll may carry one).
    assert PLAYER in frame_src(response) and "https://player.vimeo.com" in frame_src(response)
    assert PLAYER in response["Permissions-Policy"]
    # The entry's own page allows exactly its player.
    permalink = client.get(f"{article.snapshot.url_path}entries/{entry.pk}/")
    assert "Watch on YouTube" in permalink.content.decode()
    assert frame_src(permalink) == [PLAYER]


def test_feeds_and_ninjs_carry_a_plain_link_not_the_player(client, live_story, post):
    article, coverage = live_story
    post(coverage, "Footage from the harbor.", embed="https://vimeo.com/76979871")
    rss = client.get(article.snapshot.url_path + "entries/feed/rss/").content.decode()
    assert "https://vimeo.com/76979871" in rss and "data-embed" not in rss
    item = client.get(f"/api/stories/{article.pk}/").json()
    (entry,) = [v for k, v in item["associations"].items() if k.startswith("entry-")]
    assert 'href="https://vimeo.com/76979871"' in entry["body_html"]
    assert "data-embed" not in entry["body_html"] and "player.vimeo" not in entry["body_html"]


@pytest.mark.parametrize(
    "address, words",
    [
        ("javascript:alert(1)", "Only web addresses"),
        ("data:text/html,<script>alert(1)</script>", "Only web addresses"),
        ("https://www.youtube.com.evil.example/watch?v=aqz-KE-bpKQ", "not one of the providers"),
        ("https://www.yоutube.com/watch?v=aqz-KE-bpKQ", "look-alike"),  # a Cyrillic о
        ('<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ">', "embed code"),
        ("https://www.youtube.com/watch?v=short", "does not point at one video"),
        ("https://user@www.youtube.com/watch?v=aqz-KE-bpKQ", "user name or a port"),
    ],
)
def test_a_refused_address_says_why_and_keeps_what_was_typed(
    client, live_story, editor, address, words
):
    article, _ = live_story
    client.force_login(editor)
    response = client.post(
        live_url(article),
        {"live_action": "publish", "text": "Typed under pressure.", "embed": address},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The embed:" in html and words in html
    assert "Typed under pressure." in html
    assert not LiveEntry.objects.exists()


def test_an_embed_is_edited_kept_and_taken_off(
    client, live_story, post, editor, django_capture_on_commit_callbacks
):
    article, coverage = live_story
    entry = post(coverage, "Crowds at the square.", embed=VIDEO)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert f'value="{VIDEO}"'.encode() in page  # the edit form shows the address, not markup
    # A save without the field (another form) keeps the player.
    entries.edit_entry(user=editor, entry=entry, body="Crowds at the main square.")
    entry.refresh_from_db()
    assert 'data-embed="youtube"' in entry.body_html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            entry_url(article, entry),
            {"live_action": "save_publish", "text": "Crowds at the main square.", "embed": ""},
        )
    entry.refresh_from_db()
    assert "data-embed" not in entry.public_html
    reader = client.get(article.snapshot.url_path).content.decode()
    assert "Crowds at the main square." in reader and "Watch on YouTube" not in reader


def test_an_unpublished_embed_is_nowhere_public(client, live_story, post, reporter, editor):
    article, coverage = live_story
    entry = post(coverage, "Published words.")
    entries.file_entry(
        user=reporter, coverage=coverage, body="Filed only.", embed="https://vimeo.com/111"
    )
    entries.edit_entry(user=editor, entry=entry, body="Published words.", embed=VIDEO)
    assert LiveEntry.objects.filter(status=EntryStatus.FILED).exists()
    path = article.snapshot.url_path
    for url in (
        path,
        f"{path}entries/{entry.pk}/",
        f"{path}entries/feed/rss/",
        f"{path}entries/feed/atom/",
        f"/api/stories/{article.pk}/",
        f"/live/{article.pk}/updates/?after=0",
    ):
        body = client.get(url).content.decode()
        assert "vimeo" not in body.lower() and "aqz-KE-bpKQ" not in body, url


def test_a_figure_typed_into_the_text_is_dropped(live_story, post):
    _, coverage = live_story
    entry = post(
        coverage,
        'Text.</p><figure data-embed="youtube" data-embed-id="aqz-KE-bpKQ"></figure><p>',
    )
    assert "data-embed" not in entry.body_html


def test_a_blank_embed_is_none_and_a_hostile_one_is_a_message(live_story, editor):
    _, coverage = live_story
    entry = entries.file_entry(user=editor, coverage=coverage, body="Words.", embed=" \x00 ")
    assert "figure" not in entry.body_html
    for hostile in ("https://youtu.be/\u0661\u0662", "https://[::1", "http://:99999/"):
        with pytest.raises(LiveError) as refused:
            entries.file_entry(user=editor, coverage=coverage, body="Words.", embed=hostile)
        assert refused.value.message.startswith("The embed:")


def test_an_embed_carries_its_caption_and_credit_to_readers_and_feeds(
    client, live_story, editor, django_capture_on_commit_callbacks
):
    article, _ = live_story
    client.force_login(editor)
    typed = {
        "live_action": "publish",
        "text": "The bridge opened at noon.",
        "embed": VIDEO,
        "embed_caption": "The first cars cross the new span.",
        "embed_credit": "Harbor Police via YouTube",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(live_url(article), typed)
    entry = LiveEntry.objects.get()
    reader = client.get(article.snapshot.url_path).content.decode()
    assert "The first cars cross the new span." in reader
    assert '<span class="credit">Harbor Police via YouTube</span>' in reader
    rss = client.get(article.snapshot.url_path + "entries/feed/rss/").content.decode()
    assert "The first cars cross the new span." in rss and "Harbor Police via YouTube" in rss
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert b'value="The first cars cross the new span."' in page  # the edit form has them
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            entry_url(article, entry),
            {**typed, "live_action": "save_publish", "embed_caption": "Cars cross the span."},
        )
    reader = client.get(article.snapshot.url_path).content.decode()
    assert "Cars cross the span." in reader and "The first cars" not in reader
    assert "Harbor Police via YouTube" in reader


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"embed_caption": "Police footage."}, "a caption or a credit but no address"),
        ({"embed": VIDEO, "embed_credit": "x" * 201}, "credit is too long: at most 200"),
    ],
)
def test_an_embed_caption_or_credit_refused_says_why_and_keeps_it(
    client, live_story, editor, fields, words
):
    article, _ = live_story
    client.force_login(editor)
    response = client.post(
        live_url(article),
        {"live_action": "publish", "text": "Typed under pressure.", **fields},
        follow=True,
    )
    html = response.content.decode()
    assert words in html and "Typed under pressure." in html
    assert f'value="{next(iter(fields.values()))}"' in html
    assert not LiveEntry.objects.exists()
