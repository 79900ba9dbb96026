"""Outside players in a story (articles.embeds.facade, the Embed… dialog's check, the gate):
readers get a facade that loads nothing from the provider, the page's policy allows exactly
its players' frames, a hostile figure is refused with the typed text kept, and an embed
without its caption or credit is not published."""

import re

import pytest
from django.urls import reverse

from articles import workflow
from articles.embeds import providers as embeds
from articles.models import StoredPage
from articles.workflow.errors import MediaNotPublishable
from tests.conftest import story_form_data

pytestmark = pytest.mark.django_db

NOCOOKIE = "https://www.youtube-nocookie.com"


def figure(address="https://youtu.be/aqz-KE-bpKQ", caption="The flood, filmed by a reader.",
           credit="Ana Ruiz", title="The river at noon") -> str:  # fmt: skip
    found = embeds.read_address(address)
    return embeds.figure_html(
        embeds.Embed(found.provider, found.id, title=title, caption=caption, credit=credit)
    )


def publish(editor, reporter, story):
    workflow.submit_for_review(reporter, story)
    return workflow.publish(editor, story)


def frame_src(response) -> list[str] | None:
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        if name == "frame-src":
            return values
    return None


def test_readers_get_a_facade_and_only_this_page_may_frame_the_player(
    client, make_article, reporter, editor
):
    body = f"<p>Before.</p>{figure()}<p>After.</p>"
    snapshot = publish(editor, reporter, make_article("Flood", created_by=reporter, body=body))
    response = client.get(snapshot.url_path)
    page = response.content.decode()

    facade = page.split('id="embed-1"', 1)[1].split("</figure>", 1)[0]
    assert "The river at noon" in facade and "The flood, filmed by a reader." in facade
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in facade  # without script
    assert "<iframe" not in page and "data-embed=" not in page
    # Nothing the browser loads by itself comes from the provider.
    loaded = re.findall(r'\s(?:src|srcset|poster|data)="([^"]*)"', page)
    assert loaded and not any("youtube" in url for url in loaded)
    assert "js/embed-facade" in page
    assert frame_src(response) == [NOCOOKIE]
    assert f'autoplay=(self "{NOCOOKIE}")' in response["Permissions-Policy"]
    again = client.get(snapshot.url_path)  # the page cache keeps the page's own policies
    assert frame_src(again) == [NOCOOKIE] and again.content == response.content
    assert not StoredPage.objects.filter(snapshot=snapshot).exists()

    plain = publish(editor, reporter, make_article("Dry", created_by=reporter, slug="dry"))
    other = client.get(plain.url_path)
    assert frame_src(other) is None and "embed-facade" not in other.content.decode()
    assert "autoplay=()" in other["Permissions-Policy"]


def test_the_dialog_check_builds_the_figure_or_says_what_is_wrong(client, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_embed_check")
    good = {"address": "https://vimeo.com/76979871", "caption": "The dam.", "credit": "Ana Ruiz"}
    answer = client.post(url, good).json()
    assert answer["attrs"] == {"provider": "vimeo", "id": "76979871", "title": "",
                               "caption": "The dam.", "credit": "Ana Ruiz"}  # fmt: skip
    assert 'data-embed="vimeo"' in answer["figure"]

    refused = client.post(url, {**good, "address": "javascript:alert(document.cookie)"})
    assert refused.status_code == 400
    assert refused.json()["field"] == "address"
    assert refused.json()["error"].startswith("Only web addresses (https://…) can be embedded")
    uncredited = client.post(url, {**good, "credit": "  "}).json()
    assert (uncredited["field"], uncredited["error"]) == (
        "credit",
        "Write a credit (who made it) for the embed.",
    )
    assert client.get(url).status_code == 405


def test_a_hostile_figure_in_a_saved_body_is_refused_and_the_text_kept(
    client, editor, make_article
):
    story = make_article("Flood", body="<p>Old.</p>")
    client.force_login(editor)
    hostile = (
        '<p>My new paragraph.</p><figure data-embed="youtube" '
        'data-embed-id="aqz-KE-bpKQ&quot;&gt;&lt;script&gt;" data-embed-caption="c" '
        'data-embed-credit="d"></figure>'
    )
    url, data, _ = story_form_data(client, story, body=hostile)
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Embed 1 is not from an allowed provider" in page
    assert "My new paragraph." in page  # the typed text is still in the form
    story.refresh_from_db()
    assert story.body == "<p>Old.</p>"


def test_an_embed_without_its_credit_is_not_published(make_article, reporter, editor):
    bare = '<figure data-embed="youtube" data-embed-id="aqz-KE-bpKQ" data-embed-caption="c"></figure>'  # fmt: skip
    story = make_article("Flood", created_by=reporter, body=f"<p>Text.</p>{bare}")
    with pytest.raises(MediaNotPublishable, match=r"Embed 1 \(YouTube\) needs a credit"):
        publish(editor, reporter, story)


def test_the_full_content_feed_links_to_the_video(client, make_article, reporter, editor):
    publish(
        editor, reporter, make_article("Flood", created_by=reporter, body=f"<p>Text.</p>{figure()}")
    )
    feed = client.get("/feeds/rss/").content.decode()
    assert "https://www.youtube.com/watch?v=aqz-KE-bpKQ" in feed
    assert "youtube-nocookie" not in feed
