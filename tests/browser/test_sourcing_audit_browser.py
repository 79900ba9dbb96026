"""A standards editor audits the demo newsroom's sourcing: counts, the chart, a narrower scope, CSV.

The figures are the hand count in tests/sources/test_audit.py (demo/stories/*.yaml).
"""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import Section
from demo.loader import load_demo
from tests.sources.conftest import grant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_newsroom(make_user, transactional_db, small_renditions):
    """The demo newsroom, one small JPEG per picture: the audit shows no picture, and
    AVIF renditions of every width were most of this test's time."""
    load_demo(stdout=io.StringIO())
    stella = make_user("stella", first_name="Stella", last_name="Marsh")
    grant(
        stella,
        "sources.view_confidential_source",
        "sources.view_source",
        "sources.view_attribution",
    )


def test_a_standards_editor_reads_the_audit_narrows_it_and_takes_the_csv(
    live_server, log_in, screenshot, demo_newsroom
):
    page = log_in("stella", width=1280)
    page.goto(f"{live_server.url}/admin/sources/source/")
    page.get_by_role("link", name="Sourcing audit").click()

    expect(page.locator(".audit-summary strong")).to_have_text("11")
    chart = page.get_by_role("img", name="How the stories are sourced")
    expect(chart).to_be_visible()
    expect(page.locator(".audit-table").first).to_contain_text("With an anonymous source")
    expect(page.get_by_text("Declined to comment: 2. Did not respond: 2.")).to_be_visible()
    outlets = page.locator(".audit-table", has_text="Stories crediting it")
    expect(outlets.get_by_role("row", name="Metro Public Radio")).to_contain_text("3")
    screenshot(page, "sourcing-audit")

    # One section: fewer stories, and the CSV is that section's.
    section = Section.objects.filter(articles__snapshot__isnull=False).distinct().first()
    page.get_by_label("Section").select_option(label=section.name)
    page.get_by_role("button", name="Show").click()
    narrowed = int(page.locator(".audit-summary strong").inner_text())
    assert 0 < narrowed < 11
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the stories as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == narrowed
