"""A reader reports an error with JavaScript off; an editor makes it a correction.

The reader's whole path is plain HTML (a link at the story's foot, a form, a thank-you); the
editor finds the report on the start page, corrects the story from the report's page, and
the correction reaches readers with the next publish; the reader is told by mail.
"""

import pytest
from django.core import mail
from playwright.sync_api import expect

from articles import workflow
from sources.models import ReaderReport, ReaderReportStatus
from sources.public import reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_story(make_article, editor):
    article = make_article("Ferry pier to close for six weeks of repairs")
    workflow.submit_for_review(editor, article)
    workflow.publish(editor, article)
    article.refresh_from_db()
    return article


def test_a_reader_without_javascript_reports_an_error_and_it_becomes_a_correction(
    browser, live_server, in_flight, log_in, screenshot, live_story, monkeypatch
):
    monkeypatch.setattr(reports, "MIN_SECONDS", 1)
    reader_context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    try:
        reader = reader_context.new_page()
        reader.goto(live_server.url + live_story.snapshot.url_path)
        reader.get_by_role("link", name="Report an error in this story").click()
        expect(reader.get_by_role("heading", name="Report an error")).to_be_visible()
        reader.get_by_label("What is wrong?").fill("The repairs take eight weeks, not six.")
        reader.get_by_label("The words in the story it is about").fill("six weeks")
        reader.get_by_label("Your email").fill("reader@example.org")
        screenshot(reader, "reader-report-form")
        reader.wait_for_timeout(1200)  # a person takes longer than the form's minimum time
        reader.get_by_role("button", name="Send the report").click()
        expect(reader.get_by_role("heading", name="Thank you")).to_be_visible()
        screenshot(reader, "reader-report-sent")
    finally:
        reader_context.close()
        in_flight.wait_until_idle()

    report = ReaderReport.objects.get()
    assert report.status == ReaderReportStatus.NEW

    editor = log_in("edna")
    desk = editor.locator(".desk-reader-reports")
    expect(desk).to_contain_text("Ferry pier to close for six weeks of repairs")
    expect(desk).to_contain_text("eight weeks, not six")
    screenshot(editor, "reader-report-start-page")
    desk.get_by_role("link", name="Ferry pier to close for six weeks of repairs").click()
    editor.get_by_label("What readers will read with the story").fill(
        "An earlier version said the repairs would take six weeks; they will take eight."
    )
    editor.get_by_role("button", name="Make it a correction").click()
    expect(editor.locator(".messagelist")).to_contain_text("readers see it with the story")
    screenshot(editor, "reader-report-corrected")

    report.refresh_from_db()
    assert report.status == ReaderReportStatus.CORRECTED
    workflow.publish(report.handled_by, live_story)  # the editor's next "Publish update"
    public = editor.context.new_page()
    public.goto(live_server.url + live_story.snapshot.url_path)
    expect(public.locator(".story-footer")).to_contain_text("they will take eight")
    assert [m.to for m in mail.outbox if "Your report" in m.subject] == [["reader@example.org"]]
