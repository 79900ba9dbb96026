"""An embed in real Chromium: an editor embeds a YouTube video from the body's Embed… button
(a hostile address is refused in the dialog with what was typed kept), publishes; the reader's
page makes no request to YouTube until the reader clicks, then loads the privacy-enhanced
player in a sandboxed frame, with no CSP violation."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles.models import PublishedArticle
from articles.workflow.permissions import ensure_role_groups
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = ".field-body .ProseMirror[contenteditable=true]"


def test_an_embed_loads_its_player_only_when_the_reader_clicks(
    log_in, live_server, make_user, make_article, page, screenshot
):
    ensure_role_groups()
    make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    story = make_article("The river rises", body="<p>The water came at noon.</p>")
    editor = log_in("sam")
    editor.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    editor.locator(EDITOR).click()
    editor.locator("[title='Embed…']").click()
    dialog = editor.get_by_role("dialog", name="Embed a video or post")
    dialog.get_by_label("Address of the video or post").fill("javascript:alert(document.cookie)")
    dialog.get_by_label("Caption (required)").fill("The river at noon, filmed by a reader.")
    dialog.get_by_label("Credit (required: who made it)").fill("Ana Ruiz")
    dialog.get_by_role("button", name="Embed").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Only web addresses (https://…)")
    expect(dialog.get_by_label("Caption (required)")).to_have_value(
        "The river at noon, filmed by a reader."
    )
    screenshot(editor, "embed-1-hostile-address-refused")
    dialog.get_by_label("Address of the video or post").fill("https://youtu.be/aqz-KE-bpKQ")
    dialog.get_by_label("Title (optional: what it is)").fill("The river at noon")
    dialog.get_by_role("button", name="Embed").click()
    expect(editor.locator(f"{EDITOR} figure[data-embed='youtube']")).to_contain_text(
        "The river at noon"
    )
    screenshot(editor, "embed-2-placed-in-the-body")
    editor.get_by_role("button", name="Save", exact=True).first.click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    editor.locator(".workflow-panel").get_by_role("button", name="Publish now").click()
    expect(editor.locator(".messagelist")).to_contain_text("ublished")
    snapshot = PublishedArticle.objects.get(article=story)

    outside = []  # every request the reader's page makes beyond our own server

    def watch(route):
        if urlsplit(route.request.url).hostname not in ("localhost", "127.0.0.1"):
            outside.append(route.request.url)
            return route.abort()  # no network here; whether it was asked for is what counts
        return route.continue_()

    page.route("**/*", watch)
    violations = Violations(page)
    violations.visit(f"{live_server.url}{snapshot.url_path}")
    card = page.locator(".embed")
    expect(card).to_contain_text("Video on YouTube")
    expect(card.get_by_role("link", name="Watch on YouTube: The river at noon")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert outside == [] and page.locator("iframe").count() == 0
    screenshot(page, "embed-3-reader-facade")

    with page.expect_request(lambda request: "youtube-nocookie" in request.url):
        card.get_by_role("button", name="Play here: The river at noon").click()
    frame = page.locator("iframe.embed-frame")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    )
    for name, value in (("referrerpolicy", "strict-origin-when-cross-origin"),
                        ("loading", "lazy"), ("title", "The river at noon")):  # fmt: skip
        expect(frame).to_have_attribute(name, value)
    assert "allow-scripts" in frame.get_attribute("sandbox")
    assert outside and all(url.startswith("https://www.youtube-nocookie.com/") for url in outside)
    assert violations.on_page() == []
