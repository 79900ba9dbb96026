"""Pictures with their rights, in real Chromium: a photographer chooses an agency JPEG carrying
IPTC/XMP (written in the test with pyexiv2) on the story form and sees its caption and credit
filled in and what the file says about its rights; uploads it; finds the licence prefilled on
the picture's page. When that licence has ended, the editor's Publish is refused with the
reason, and nothing is published."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, ArticleAuthor, Image, PublishedArticle
from articles.workflow.permissions import ensure_role_groups
from authors import bylines
from tests.articles.images.conftest import agency_jpeg
from tests.browser.test_csp_browser import Violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(make_user, make_article, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    reporter = make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")
    make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    rhea = bylines.ensure_author(reporter)  # the account's own byline, "Rhea Moss"
    story = make_article("Harbor cranes arrive", created_by=reporter, lead_image=None)
    ArticleAuthor.objects.create(article=story, author=rhea, position=1)
    return story


def test_an_agency_picture_brings_its_words_and_rights_and_an_ended_licence_blocks_publishing(
    log_in, live_server, draft, screenshot
):
    page = log_in("rhea")
    violations = Violations(page)
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.set_input_files(
        "#id_lead_image_file",
        {"name": "northwire-cranes.jpg", "mimeType": "image/jpeg", "buffer": agency_jpeg()},
    )
    read = page.locator("[data-image-drop-read]")
    expect(read).to_be_visible()
    expect(read).to_contain_text("Northwire Photos")
    expect(read).to_contain_text("Editorial use only, no archive.")
    expect(read).to_contain_text("made by generative AI")
    expect(page.locator("#id_lead_image_caption")).to_have_value(
        "Three cranes unload the first ship at dawn."
    )
    expect(page.locator("#id_lead_image_credit")).to_have_value("Ana Ruiz/Northwire Photos")
    page.fill("#id_lead_image_alt", "Three cranes beside a cargo ship at dawn")
    page.fill("#id_lead_image_credit", "Ana Ruiz/Northwire")  # corrected before uploading
    screenshot(page, "picture-rights-1-read-from-the-file")

    page.get_by_role("button", name="Upload and use as lead image").click()
    expect(page.locator("[data-lead-image-alt]")).to_have_text(
        "Three cranes beside a cargo ship at dawn"
    )
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    image = Image.objects.get(alt_text="Three cranes beside a cargo ship at dawn")
    assert Article.objects.get(pk=draft.pk).lead_image == image
    assert image.credit == "Ana Ruiz/Northwire" and image.licensor == "Northwire Photos"

    page.goto(f"{live_server.url}/admin/articles/image/{image.pk}/change/")
    expect(page.locator("#id_licence_kind")).to_have_value("agency")
    expect(page.locator("#id_licensor")).to_have_value("Northwire Photos")
    expect(page.locator("#id_licence_terms")).to_have_value("Editorial use only, no archive.")
    expect(page.locator(".field-read_from_file")).to_contain_text("Northwire Photos")
    screenshot(page, "picture-rights-2-picture-page")
    assert violations.on_page() == []

    # The licence ends; the editor tries to publish.
    Image.objects.filter(pk=image.pk).update(licence_expires_at=timezone.now() - timedelta(hours=1))
    workflow.submit_for_review(draft.created_by, Article.objects.get(pk=draft.pk))
    editor_page = log_in("sam")
    editor_violations = Violations(editor_page)
    editor_page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    # Said beside the picture before anyone presses Publish.
    expect(editor_page.locator(".lead-image-current")).to_contain_text("ended on")
    editor_page.locator(".workflow-panel").get_by_role("button", name="Publish now").click()
    expect(editor_page.locator(".messagelist")).to_contain_text(
        "The licence of the picture “Three cranes beside a cargo ship at dawn” ended on"
    )
    screenshot(editor_page, "picture-rights-3-publish-refused")
    assert not PublishedArticle.objects.filter(article=draft).exists()
    assert editor_violations.on_page() == []
