"""A source is retracted: the editor finds the three live stories citing it and corrects each."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import PublishedArticle
from sources.models import Attribution, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def three_live(make_article, editor):
    study = Source.objects.create(kind="document", name="Harbor Institute silt study")
    stories = []
    for n in range(1, 4):
        article = make_article(f"Dredging story {n}")
        Attribution.objects.create(article=article, source=study, kind="paraphrased")
        workflow.submit_for_review(editor, article)
        workflow.publish(editor, article)
        stories.append(article)
    return study, stories


def test_a_retracted_source_finds_its_three_stories_and_each_gets_its_correction(
    live_server, log_in, screenshot, three_live
):
    study, stories = three_live
    page = log_in("edna")
    page.goto(f"{live_server.url}/admin/sources/source/{study.pk}/change/")
    page.get_by_label("Standing").select_option("retracted")
    page.get_by_label("What happened").fill("Its journal withdrew it on 3 March.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("link", name="The live stories citing it, to correct").click()
    sections = page.locator(".citing-story")
    expect(sections).to_have_count(3)
    screenshot(page, "source-retracted-citing-stories")
    for _ in range(3):
        page.locator(".citing-story form").first.get_by_role(
            "button", name="Publish with this correction"
        ).click()
        expect(page.locator(".messagelist")).to_contain_text("Published with its correction")
    expect(page.locator(".citing-done")).to_have_count(3)
    screenshot(page, "source-retracted-all-corrected")
    for article in stories:
        public = PublishedArticle.objects.get(article=article)
        page.goto(live_server.url + public.url_path)
        expect(page.locator(".story-footer")).to_contain_text("which has since been retracted")
