"""Wire copy in an editor's hands (issue 24): an imported wire story cannot go out under a
staff byline unchanged; rewritten in the newsroom's words it goes out, crediting the wire."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from articles.models import ArticleAuthor, PublishedArticle, Section
from articles.wire.ingest import import_story, parse_file
from authors.models import Author

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIRE = [
    "The harbour authority closed the north pier on Tuesday after divers found cracks in two of its piles.",
    "Ferries will dock at the south pier until repairs are done, the authority said.",
    "Repairs are expected to take six weeks and cost about $2 million.",
]
OURS = [
    "Divers inspecting the north pier found two cracked piles, and the harbour shut it.",
    "Our reporter watched ferries queue at the south pier through the afternoon.",
    "The harbour master told us the work would take about six weeks.",
]


@pytest.fixture
def wire_story(tmp_path, editor):
    text = tmp_path / "pier.txt"
    text.write_text("North pier closed\n\n" + "\n".join(WIRE) + "\n", encoding="utf-8")
    meta = {"publisher": "Harbour Wire Service", "url": "https://wire.example/pier",
            "licence": "CC BY 4.0", "date": "2026-11-30"}  # fmt: skip
    (tmp_path / "pier.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    article = import_story(parse_file(text)).article
    article.section = Section.objects.create(name="Harbour", slug="harbour")
    article.save()
    # The editor signs it as the newsroom's own, dropping the agency's byline.
    article.author_links.all().delete()
    staff = Author.objects.create(name="Jonah Perrault", slug="jonah-perrault")
    ArticleAuthor.objects.create(article=article, author=staff, position=0)
    return article


def test_wire_copy_is_refused_under_a_staff_byline_until_rewritten_then_credits_the_wire(
    log_in, live_server, screenshot, wire_story
):
    page = log_in("edna")
    page.goto(f"{live_server.url}/admin/articles/article/{wire_story.pk}/change/")
    expect(page.get_by_text("Where this copy came from")).to_be_visible()
    publish = page.locator("#workflow-form button.workflow-publish")
    publish.click()
    error = page.locator(".errornote, .messagelist .error").first
    expect(error).to_contain_text("100% of this text is still Harbour Wire Service's copy")
    expect(error).to_contain_text("With reporting from Harbour Wire Service")
    screenshot(page, "wire-copy-1-refused-under-a-staff-byline")
    assert not PublishedArticle.objects.filter(article=wire_story).exists()

    page.wait_for_load_state("networkidle")
    body = page.locator(".field-body .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(OURS[0])
    for line in OURS[1:]:
        page.keyboard.press("Enter")
        page.keyboard.type(line)
    expect(body).to_contain_text(OURS[-1])
    page.locator("#workflow-form button.workflow-publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published:")
    screenshot(page, "wire-copy-2-rewritten-and-published")

    snapshot = PublishedArticle.objects.get(article=wire_story)
    with urllib.request.urlopen(live_server.url + snapshot.url_path) as response:  # noqa: S310
        html = response.read().decode()
    assert "By <a" in html and "Jonah Perrault" in html
    assert "With reporting from Harbour Wire Service." in html
    assert OURS[1] in html and WIRE[1] not in html
