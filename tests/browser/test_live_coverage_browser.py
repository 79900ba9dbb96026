"""Live coverage, start to finish in Chromium: an editor makes a story live, two reporters
file entries with their sources (one named, one anonymous), the editor approves the
anonymity and publishes them and one of their own (typed before those buttons and kept
through them, a picture, a video with its caption, Publish), pins,
marks a key event and corrects an entry; a reader's open page offers the new entries (the
video a facade, its player only on a click) without a reload
and without moving anything, the page reads whole without JavaScript (oldest first too), a
single entry's permalink opens, an entry breaks out into a draft story, and the coverage ends
with a closing note."""

import re

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import LiveEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.fixture
def story(make_article, editor):
    article = make_article("Nor’easter floods downtown streets")
    workflow.submit_for_review(editor, article)
    workflow.publish(editor, article)
    article.refresh_from_db()
    return article


def test_an_editor_runs_live_coverage_and_a_reader_follows_it(
    browser, live_server, in_flight, log_in, screenshot, story, reporter, other_reporter, settings
):
    settings.LIVE_POLL_SECONDS = 2
    admin_url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    editor = log_in("edna")
    editor.goto(admin_url)
    editor.get_by_role("button", name="Make this story live").click()
    editor.get_by_role("button", name="Start the coverage").click()
    expect(editor.locator("#live")).to_contain_text("No entries yet")

    reader_context = browser.new_context(viewport={"width": 900, "height": 1000})
    try:
        reader = reader_context.new_page()
        reader.goto(live_server.url + story.snapshot.url_path)
        expect(reader.locator(".live")).to_contain_text("No updates yet")

        newsdesk = log_in("rita")
        newsdesk.goto(admin_url)
        expect(newsdesk.locator("#live button[value=publish]")).to_have_count(0)
        newsdesk.get_by_label("New entry").fill("Water is over the seawall on Front Street.")
        composer = newsdesk.locator(".live-composer")
        composer.get_by_text("Source", exact=True).click()
        composer.get_by_label("Source (from the registry, or a new one)").fill("Mara Quint")
        composer.get_by_label("Used as").select_option("paraphrased")
        newsdesk.get_by_role("button", name="File for an editor").click()
        expect(newsdesk.locator("#live")).to_contain_text("Paraphrased: Mara Quint")

        second = log_in("omar")  # the second reporter's source is anonymous
        second.goto(admin_url)
        second.get_by_label("New entry").fill("The pier is cracked, a harbor official said.")
        composer = second.locator(".live-composer")
        composer.get_by_text("Source", exact=True).click()
        composer.get_by_label("Used as").select_option("paraphrased")
        composer.get_by_label("Anonymous (an editor approves").check()
        composer.get_by_label("How readers see the source").fill("a harbor official")
        composer.get_by_label("Why anonymous").fill("because they were not authorized to speak")
        second.get_by_role("button", name="File for an editor").click()
        expect(second.locator("#live")).to_contain_text("waits for an editor's approval")
        screenshot(second, "live-composer-anonymous-source")

        editor.goto(admin_url)
        # The editor starts their own entry, then approves and publishes the reporters': what
        # was typed in the composer outlives the other buttons' page loads.
        typed = "Power is back for 12,000 homes, the utility said."
        editor.get_by_label("New entry").fill(typed)
        editor.get_by_role("button", name="Approve anonymity — I know who this is").click()
        expect(editor.locator(".messagelist")).to_contain_text("You approved the anonymity")
        filed = editor.locator("#live .live-row-filed")
        for left in (1, 0):  # the two filed entries, the oldest last in the list
            filed.last.get_by_role("button", name="Publish").click()
            expect(filed).to_have_count(left)
        expect(editor.get_by_label("New entry")).to_have_value(typed)
        # The editor's own entry: a picture, a video with its caption, Publish.
        editor.locator(".live-composer").get_by_text("Picture", exact=True).click()
        pictures = editor.locator(".live-composer select[name=image]")
        shown, box = pictures.bounding_box(), editor.locator("#live").bounding_box()
        assert shown["x"] + shown["width"] <= box["x"] + box["width"]  # no wider than its box
        pictures.select_option(label="A ferry at dusk (Staff photo)")
        composer = editor.locator(".live-composer")
        composer.get_by_text("Embed", exact=True).click()
        composer.get_by_label("Embed (address").fill("https://youtu.be/aqz-KE-bpKQ")
        composer.get_by_label("Its caption").fill("The utility's crews at the substation.")
        editor.locator("#live .live-composer").get_by_role("button", name="Publish").click()
        expect(editor.locator(".messagelist")).to_contain_text("Entry published.")
        first = LiveEntry.objects.order_by("id").first()
        row = editor.locator(f"#live-entry-{first.pk}")
        row.get_by_role("button", name="Key event").click()
        editor.locator(f"#live-entry-{first.pk}").get_by_role("button", name="Pin").click()
        # The editor corrects the reporter's entry: Edit, the text and what was wrong, publish.
        row = editor.locator(f"#live-entry-{first.pk}")
        row.get_by_text("Edit", exact=True).click()
        row.get_by_label("Text").fill("Water is over the seawall on Front and Dock streets.")
        row.get_by_label("Correction").fill("An earlier version named only Front Street.")
        row.get_by_role("button", name="Save and publish").click()
        expect(editor.locator(".messagelist")).to_contain_text("Entry saved and published")
        screenshot(editor, "live-composer")

        notice = reader.locator("[data-live-notice]")
        expect(notice).to_have_text("3 new updates: show them", timeout=15000)
        assert reader.evaluate(LAYOUT_SHIFT) == 0
        notice.click()
        stream = reader.locator("#live-stream")
        expect(stream).to_contain_text("Power is back for 12,000 homes")
        # The video's entry came by poll: its card offers the player without a reload.
        expect(stream.get_by_role("button", name=re.compile("^Play here"))).to_be_visible()
        expect(stream).to_contain_text("The utility's crews at the substation.")
        expect(stream).to_contain_text("Water is over the seawall")
        expect(stream).to_contain_text("Mara Quint")
        expect(stream.locator(".live-entry-picture img")).to_have_attribute(
            "alt", "A ferry at dusk"
        )
        expect(stream).to_contain_text(
            "A harbor official, who spoke on condition of anonymity because they were not"
        )
        reader.reload()
        expect(reader.locator(".live-key")).to_contain_text("Water is over the seawall")
        expect(reader.locator(".live-pinned")).to_contain_text("Water is over the seawall")
        expect(reader.locator(".live-pinned .live-correction")).to_have_text(
            "Correction: An earlier version named only Front Street."
        )
        expect(reader.locator(".live-pinned .updated")).to_contain_text("Updated")
        screenshot(reader, "live-reader")
        # The entry's video is a facade: a link, the player only on a click (its permalink).
        expect(reader.locator("#live-stream .embed-card .embed-link")).to_have_attribute(
            "href", "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
        )

        # Without JavaScript the page is whole, and the reader may read it oldest first.
        plain_context = browser.new_context(java_script_enabled=False)
        plain = plain_context.new_page()
        plain.goto(live_server.url + story.snapshot.url_path)
        expect(plain.locator("#live-stream")).to_contain_text("Power is back for 12,000 homes")
        expect(plain.locator("#live-stream .embed-link")).to_be_visible()
        plain.get_by_role("link", name="Oldest first").click()
        expect(plain.locator("#live-stream .live-entry").first).to_contain_text("Front and Dock")
        plain_context.close()

        reader.locator("#live-stream .live-entry-time").first.click()
        newest = LiveEntry.objects.order_by("-id").first()
        expect(reader).to_have_url(re.compile(rf"/entries/{newest.pk}/$"))
        expect(reader.locator("meta[property='og:title']")).to_have_attribute(
            "content", story.headline
        )
        expect(reader.locator(".live-single")).to_contain_text("Power is back")
        reader.locator(".live-single").get_by_role("button", name=re.compile("^Play here")).click()
        expect(reader.locator(".live-single iframe.embed-frame")).to_have_attribute(
            "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/aqz-KE-bpKQ")
        )

        editor.locator(f"#live-entry-{first.pk}").get_by_role("button", name="Break out").click()
        expect(editor.locator(".messagelist")).to_contain_text("A draft story now carries")
        editor.locator("#live").get_by_text("End the coverage…").click()
        editor.get_by_label("Closing note for readers").fill("Our coverage continues tomorrow.")
        editor.get_by_role("button", name="End the coverage now").click()
        expect(editor.locator(".messagelist")).to_contain_text("Coverage ended")

        reader.go_back()
        reader.reload()  # a reader coming back asks again (the page lives a minute in browsers)
        expect(reader.locator(".live")).to_contain_text("Coverage ended")
        expect(reader.locator(".live-closing")).to_have_text("Our coverage continues tomorrow.")
    finally:
        reader_context.close()
        in_flight.wait_until_idle()
