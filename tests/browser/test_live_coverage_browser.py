"""Live coverage, start to finish in Chromium: an editor makes a story live, a reporter files
an entry, the editor publishes it and one of their own (typed, Publish), pins and marks a key
event; a reader's open page offers the new entries without a reload and without moving
anything, a single entry's permalink opens, an entry breaks out into a draft story, and
the coverage ends with a closing note."""

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
    browser, live_server, in_flight, log_in, screenshot, story, reporter, settings
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
        newsdesk.get_by_role("button", name="File for an editor").click()
        expect(newsdesk.locator("#live")).to_contain_text("Filed")

        editor.goto(admin_url)
        editor.locator("#live .live-row-filed").get_by_role("button", name="Publish").click()
        # The editor's own entry: type it, press Publish.
        editor.get_by_label("New entry").fill("Power is back for 12,000 homes, the utility said.")
        editor.locator("#live .live-composer").get_by_role("button", name="Publish").click()
        expect(editor.locator(".messagelist")).to_contain_text("Entry published.")
        first = LiveEntry.objects.order_by("id").first()
        row = editor.locator(f"#live-entry-{first.pk}")
        row.get_by_role("button", name="Key event").click()
        editor.locator(f"#live-entry-{first.pk}").get_by_role("button", name="Pin").click()
        screenshot(editor, "live-composer")

        notice = reader.locator("[data-live-notice]")
        expect(notice).to_have_text("2 new updates: show them", timeout=15000)
        assert reader.evaluate(LAYOUT_SHIFT) == 0
        notice.click()
        stream = reader.locator("#live-stream")
        expect(stream).to_contain_text("Power is back for 12,000 homes")
        expect(stream).to_contain_text("Water is over the seawall")
        reader.reload()
        expect(reader.locator(".live-key")).to_contain_text("Water is over the seawall")
        expect(reader.locator(".live-pinned")).to_contain_text("Water is over the seawall")
        screenshot(reader, "live-reader")

        reader.locator("#live-stream .live-entry-time").first.click()
        newest = LiveEntry.objects.order_by("-id").first()
        expect(reader).to_have_url(re.compile(rf"/entries/{newest.pk}/$"))
        expect(reader.locator("meta[property='og:title']")).to_have_attribute(
            "content", story.headline
        )
        expect(reader.locator(".live-single")).to_contain_text("Power is back")

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
