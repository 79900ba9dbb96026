"""A gallery in real Chromium: an editor picks three pictures in the library, makes a gallery of
them, puts them in order with a caption, places it as a story's lead and publishes; a reader
pages through it with the keyboard (the strip's arrow keys, then a "Next" link), with no
script on the page and no CSP violation."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from articles.models import Gallery, Image, PublishedArticle
from articles.workflow.permissions import ensure_role_groups
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_csp_browser import Violations
from tests.conftest import jpeg_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("small_renditions")]


@pytest.fixture
def pictures(make_user, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    made = []
    for number, colour in enumerate([(200, 60, 40), (40, 140, 70), (40, 70, 180)], start=1):
        image = Image(alt_text=f"Flooded street, day {number}", credit="Ana Ruiz/Newsroom")
        image.caption = f"Day {number} of the flood."
        image.file.save("flood.jpg", ContentFile(jpeg_bytes((900, 600), colour)), save=True)
        made.append(image)
    return made


def shot(page, name: str) -> None:
    # The window only: a full-page capture resizes the viewport, and the strip snaps again.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def settled(page, slide: int) -> None:
    """Wait for the strip to come to rest with picture `slide` (from 0) in its window."""
    page.wait_for_function(
        "n => { const strip = document.querySelector('.gallery-strip');"
        " const left = strip.children[n].getBoundingClientRect().left;"
        " return Math.abs(left - strip.getBoundingClientRect().left) < 2; }",
        arg=slide,
    )


def test_an_editor_builds_a_gallery_and_a_reader_pages_through_it_with_the_keyboard(
    log_in, live_server, pictures, make_article, page, screenshot
):
    story = make_article("The flood, day by day", lead_image=pictures[0])
    editor = log_in("sam")
    editor.goto(f"{live_server.url}/admin/articles/image/")
    for image in pictures:
        editor.locator(f"input[name=_selected_action][value='{image.pk}']").check()
    editor.select_option("select[name=action]", "make_gallery_action")
    editor.get_by_role("button", name="Go").click()
    expect(editor.locator(".messagelist")).to_contain_text("Gallery made")

    editor.fill("#id_title", "Three days of water")
    # The list shows the newest first; day 1 goes first in the gallery.
    rows = {editor.input_value(f"#id_items-{n}-image"): n for n in range(3)}
    for day, image in enumerate(pictures, start=1):
        editor.fill(f"#id_items-{rows[str(image.pk)]}-position", str(day))
    editor.fill(f"#id_items-{rows[str(pictures[1].pk)]}-caption", "Day two: the water recedes.")
    screenshot(editor, "gallery-1-pictures-in-order")
    editor.get_by_role("button", name="Save and continue editing").click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")

    editor.get_by_role("link", name="Place in a story…").click()
    editor.get_by_role("button", name="As the lead of “The flood, day by day”").click()
    expect(editor.locator(".messagelist")).to_contain_text("is placed in “The flood, day by day”")
    expect(editor.locator(".field-lead_gallery")).to_contain_text("Three days of water")
    editor.locator(".workflow-panel").get_by_role("button", name="Publish now").click()
    expect(editor.locator(".messagelist")).to_contain_text("ublished")
    snapshot = PublishedArticle.objects.get(article=story)
    gallery = Gallery.objects.get()

    violations = Violations(page)
    violations.visit(f"{live_server.url}{snapshot.url_path}")
    strip = page.locator(".gallery-strip")
    slides = page.locator(".gallery-slide")
    expect(slides).to_have_count(3)
    expect(slides.nth(0)).to_contain_text("1 of 3 Day 1 of the flood.")
    expect(slides.nth(0)).to_be_in_viewport(ratio=0.9)
    assert page.locator("script:not([type='application/ld+json'])").count() == 0

    strip.focus()  # the strip is one Tab stop; the arrow keys scroll it a picture at a time
    page.keyboard.press("ArrowRight")
    settled(page, 1)
    expect(slides.nth(1)).to_be_in_viewport(ratio=0.9)
    expect(slides.nth(1)).to_contain_text("2 of 3 Day two: the water recedes.")
    shot(page, "gallery-2-reader-second-picture")

    page.get_by_role("link", name="Next picture (3 of 3)").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{snapshot.url_path}#gallery-{gallery.pk}-3")
    settled(page, 2)
    expect(slides.nth(2)).to_be_in_viewport(ratio=0.9)
    expect(slides.nth(0)).not_to_be_in_viewport()
    shot(page, "gallery-3-reader-third-picture")
    assert violations.on_page() == []
