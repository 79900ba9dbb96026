"""Pictures and bylines on the story form in real Chromium, as a reporter uses them: a PNG is
dropped on the lead image field, refused until it has alt text and credit (nothing typed on
the story is lost), given a focal point by a click, uploaded and saved with the story, which
then shows its thumbnail; byline rows are put in order by dragging. No CSP violation."""

import base64
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.admin.image_chooser import NO_ALT_TEXT, NO_CREDIT
from articles.images.renditions import crop_renditions
from articles.models import ArticleAuthor
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)

RED, BLUE = (210, 30, 30), (30, 30, 210)


def red_left_blue_right_png(size=(960, 400)) -> bytes:
    picture = PILImage.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


# Drops a file on an element as a person dragging it from their desktop would.
DROP_FILE = """([selector, name, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const file = new File([bytes], name, {type: "image/png"});
  const transfer = new DataTransfer();
  transfer.items.add(file);
  const zone = document.querySelector(selector);
  for (const type of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: transfer}));
  }
}"""


@pytest.fixture
def draft(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    rhea = Author.objects.update_or_create(
        user=reporter, defaults={"name": "Rhea Moss", "slug": "rhea-moss"}
    )[0]
    story = make_article("Harbor cranes arrive", created_by=reporter)
    ArticleAuthor.objects.create(article=story, author=rhea, position=1)
    return story


def test_a_reporter_drops_a_picture_sets_its_focal_point_and_orders_the_byline(
    log_in, live_server, draft, screenshot
):
    page = log_in("rhea")
    seen = Violations(page)

    # A new story starts with the writer in its byline.
    seen.visit(f"{live_server.url}/admin/articles/article/add/")
    first_author = page.locator("#author_links-0 .field-author")
    expect(first_author).to_contain_text("Rhea Moss")
    expect(page.locator("#author_links-0 input[name$='-position']")).to_be_hidden()

    seen.visit(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.wait_for_load_state("networkidle")
    field = page.locator("[data-lead-image]")
    expect(field.locator("[data-lead-image-alt]")).to_have_text("A ferry at dusk")
    expect(field.locator(".lead-image-thumb")).to_be_visible()
    page.fill("#id_dek", "Three cranes came in on the morning tide.")

    png = base64.b64encode(red_left_blue_right_png()).decode()
    page.evaluate(DROP_FILE, ["[data-image-drop-zone]", "cranes.png", png])
    preview = field.locator("[data-image-drop-preview]")
    expect(preview).to_be_visible()

    # Without alt text and credit the picture is refused, in words, beside the drop zone.
    field.get_by_role("button", name="Upload and use as lead image").click()
    errors = field.locator("[data-image-drop-errors]")
    expect(errors).to_contain_text(NO_ALT_TEXT)
    expect(errors).to_contain_text(NO_CREDIT)
    expect(page.locator("#id_dek")).to_have_value("Three cranes came in on the morning tide.")
    screenshot(page, "story-image-drop-refused")

    field.get_by_label("Alt text (required)").fill("Three cranes on a barge at dawn")
    field.get_by_label("Credit (required)").fill("Ana Ruiz/Newsroom")
    # The cranes are on the right: click there to keep them in the link-preview crop.
    box = preview.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.3)
    expect(field.locator("[data-focal-text]")).to_contain_text("85% across, 30% down")
    screenshot(page, "story-image-drop-focal-point")
    assert seen.on_page() == []
    # The field and the byline, drop zone open, have no serious or critical accessibility fault.
    # (axe's own injected styles are blocked by the CSP: its console messages are not ours.)
    found = (
        Axe()
        .run(page, context={"include": [["[data-lead-image]"], ["#author_links-group"]]})
        .response["violations"]
    )
    assert [v["id"] for v in found if v.get("impact") in ("serious", "critical")] == []
    seen.console.clear()
    field.get_by_role("button", name="Upload and use as lead image").click()
    expect(field.locator("[data-lead-image-alt]")).to_have_text("Three cranes on a barge at dawn")
    expect(errors).to_be_hidden()
    expect(field.locator("[data-image-drop-details]")).to_be_hidden()

    # Rhea's name is dragged above Rosa's.
    rows = page.locator("#author_links-group tbody tr.form-row:not(.empty-form)")
    expect(rows.nth(0)).to_contain_text("Rosa Park-Lindqvist")
    rows.nth(1).locator(".byline-handle").drag_to(rows.nth(0), target_position={"x": 40, "y": 4})
    expect(rows.nth(0)).to_contain_text("Rhea Moss")
    # The handle moves a row with the keyboard too, and says where it went.
    rows.nth(0).locator(".byline-handle").press("ArrowDown")
    expect(rows.nth(1)).to_contain_text("Rhea Moss")
    expect(page.locator(".byline-order-status")).to_have_text("Rhea Moss is now name 2 of 2.")
    rows.nth(1).locator(".byline-handle").press("ArrowUp")
    expect(rows.nth(0)).to_contain_text("Rhea Moss")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()

    # After the save: the new picture's thumbnail and words, the byline in its new order.
    thumb = page.locator("[data-lead-image] .lead-image-thumb")
    expect(thumb).to_be_visible()
    assert (
        page.evaluate("document.querySelector('[data-lead-image] .lead-image-thumb').naturalWidth")
        > 0
    )
    expect(page.locator("[data-lead-image-alt]")).to_have_text("Three cranes on a barge at dawn")
    expect(rows.nth(0)).to_contain_text("Rhea Moss")
    expect(rows.nth(1)).to_contain_text("Rosa Park-Lindqvist")
    screenshot(page, "story-image-saved")

    draft.refresh_from_db()
    assert draft.dek == "Three cranes came in on the morning tide."
    image = draft.lead_image
    assert (image.alt_text, image.credit, image.uploaded_by.username) == (
        "Three cranes on a barge at dawn",
        "Ana Ruiz/Newsroom",
        "rhea",
    )
    assert image.focal_x == pytest.approx(0.85, abs=0.02)
    assert image.focal_y == pytest.approx(0.3, abs=0.02)
    assert [link.author.name for link in draft.author_links.all()] == [
        "Rhea Moss",
        "Rosa Park-Lindqvist",
    ]
    # The link-preview crop is cut around the focal point: blue (the right half) at its centre.
    social = crop_renditions(image)["social"]
    with social.file.open("rb") as handle:
        picture = PILImage.open(handle).convert("RGB")
    red, _, blue = picture.getpixel((picture.width // 2, picture.height // 2))
    assert blue > 160 and red < 80

    # The library shows the pictures she may choose as thumbnails with their alt text.
    page.get_by_text("Choose a picture already uploaded").click()
    choice = page.locator(".lead-image-choice")
    expect(choice).to_have_count(1)
    expect(choice).to_contain_text("Three cranes on a barge at dawn")
    assert page.evaluate("document.querySelector('.lead-image-choice img').naturalWidth") > 0
    screenshot(page, "story-image-library")
    assert seen.on_page() == []

    # Later, on the Image page, a click on the left of the picture moves the focal point and
    # the crop is cut again: red at its centre.
    seen.visit(f"{live_server.url}/admin/articles/image/{image.pk}/change/")
    picture_on_page = page.locator(".focal-picker img")
    box = picture_on_page.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.5)
    expect(page.locator("#id_focal_x")).to_have_value("0.100")
    screenshot(page, "image-page-focal-point")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    social = crop_renditions(image)["social"]
    with social.file.open("rb") as handle:
        picture = PILImage.open(handle).convert("RGB")
    red, _, blue = picture.getpixel((picture.width // 2, picture.height // 2))
    assert red > 160 and blue < 80
    assert seen.on_page() == []
