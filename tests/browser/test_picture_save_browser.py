"""Pictures are part of Save, in real Chromium (issue 26): a picture chosen with its alt text,
credit and caption is kept by the story's own Save button, not only by the upload button;
without alt text, Save is refused with the reason and everything typed (the picture too)
stays in the page. No CSP violation."""

import io

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, ArticleAuthor
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author
from tests.browser.test_csp_browser import Violations
from tests.browser.test_editor_desk_browser import story_url

pytestmark = pytest.mark.django_db(transaction=True)

ALT = "Three cranes on the quay at dawn"
CREDIT = "Rhea Moss/Newsroom"
CAPTION = "The cranes came in on the morning tide."
DEK = "Three cranes came in on the morning tide."


@pytest.fixture
def draft(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    rhea = Author.objects.update_or_create(
        user=reporter, defaults={"name": "Rhea Moss", "slug": "rhea-moss"}
    )[0]
    story = make_article("Harbor cranes arrive", created_by=reporter, lead_image=None)
    ArticleAuthor.objects.create(article=story, author=rhea, position=1)
    return story


@pytest.fixture
def cranes_png(tmp_path):
    path = tmp_path / "cranes.png"
    picture = PILImage.new("RGB", (800, 450), (40, 90, 160))
    out = io.BytesIO()
    picture.save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def save(page):
    page.locator("input[name=_continue]").first.click()


def test_save_keeps_a_chosen_picture_with_its_words(
    log_in, live_server, draft, cranes_png, screenshot
):
    page = log_in("rhea")
    seen = Violations(page)
    seen.visit(story_url(live_server, draft))
    field = page.locator("[data-lead-image]")
    expect(field.locator("[data-lead-image-none]")).to_be_visible()

    field.locator("input[type=file]").set_input_files(str(cranes_png))
    expect(field.locator("[data-image-drop-preview]")).to_be_visible()
    page.get_by_label("Alt text (required)").fill(ALT)
    page.get_by_label("Credit (required)").fill(CREDIT)
    page.get_by_label("Caption", exact=True).fill(CAPTION)
    screenshot(page, "picture-save-1-chosen")
    save(page)  # Save, not "Upload and use as lead image"

    expect(page.locator(".messagelist")).to_be_visible()
    saved = Article.objects.select_related("lead_image").get(pk=draft.pk)
    assert saved.lead_image is not None, "Save dropped the chosen picture"
    picture = saved.lead_image
    assert (picture.alt_text, picture.credit, picture.caption) == (ALT, CREDIT, CAPTION)
    assert picture.uploaded_by == draft.created_by
    expect(field.locator("[data-lead-image-alt]")).to_have_text(ALT)
    expect(field.locator(".lead-image-thumb")).to_be_visible()
    expect(field.locator("[data-lead-image-none]")).to_be_hidden()
    screenshot(page, "picture-save-2-saved")
    assert seen.on_page() == []


def test_save_without_alt_text_is_refused_with_the_reason_and_keeps_everything(
    log_in, live_server, draft, cranes_png, screenshot
):
    page = log_in("rhea")
    seen = Violations(page)
    seen.visit(story_url(live_server, draft))
    field = page.locator("[data-lead-image]")

    page.fill("#id_dek", DEK)
    field.locator("input[type=file]").set_input_files(str(cranes_png))
    page.get_by_label("Credit (required)").fill(CREDIT)
    page.get_by_label("Caption", exact=True).fill(CAPTION)
    save(page)

    errors = field.locator("[data-image-drop-errors]")
    expect(errors).to_be_visible()
    expect(errors).to_contain_text("Not saved")
    expect(errors).to_contain_text("Write the alt text")
    expect(page.get_by_label("Alt text (required)")).to_be_focused()
    # Everything typed is still in the page, the picture too; nothing was saved.
    expect(page.locator("#id_dek")).to_have_value(DEK)
    expect(page.get_by_label("Credit (required)")).to_have_value(CREDIT)
    expect(page.get_by_label("Caption", exact=True)).to_have_value(CAPTION)
    expect(field.locator("[data-image-drop-preview]")).to_be_visible()
    fresh = Article.objects.get(pk=draft.pk)
    assert fresh.dek != DEK and fresh.lead_image_id is None
    screenshot(page, "picture-save-3-refused-no-alt")

    page.get_by_label("Alt text (required)").fill(ALT)
    save(page)
    expect(page.locator(".messagelist")).to_be_visible()
    fresh = Article.objects.select_related("lead_image").get(pk=draft.pk)
    assert fresh.dek == DEK and fresh.lead_image.alt_text == ALT
    expect(field.locator("[data-lead-image-alt]")).to_have_text(ALT)
    assert seen.on_page() == []
