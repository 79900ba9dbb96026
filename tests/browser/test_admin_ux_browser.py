"""The attribution form in real Chromium: each kind shows the fields it needs, ticking
"anonymous" opens the anonymity grant, saved attributions fold to one line, and a standards
finding about an attribution opens it."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, ArticleAuthor, Section
from articles.workflow.permissions import ensure_role_groups
from authors import bylines
from sources.models import Attribution, Source


@pytest.fixture
def story(make_user, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    editor = make_user("ivo", groups=["Editors"], first_name="Ivo", last_name="Rask")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    article = Article.objects.create(
        headline="Lighthouse keepers' cottages to become a museum",
        slug="lighthouse-cottages-museum",
        body="<p>The cottages will open to visitors next summer, a trust official said.</p>",
        section=Section.objects.create(name="Culture", slug="culture"),
        created_by=editor,
    )
    ArticleAuthor.objects.create(
        article=article,
        author=bylines.ensure_author(editor),  # the account's own byline
    )
    # Anonymous without a reason: a finding that points at this attribution.
    vague = Attribution.objects.create(
        article=article,
        source=Source.objects.create(name="Coastal trust staff member"),
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a trust official",
    )
    workflow.submit_for_review(editor, article)
    return editor, article, vague


@pytest.mark.django_db(transaction=True)
def test_attribution_form_shows_what_each_kind_needs(
    log_in, browser, live_server, story, screenshot
):
    editor, article, vague = story
    page = log_in("ivo", width=1400)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    # Saved attributions are one folded line each, with who and how.
    saved = page.locator(f"#attribution-{vague.pk}")
    expect(saved.locator("summary")).to_contain_text("a trust official")
    expect(saved.locator("summary")).to_contain_text("anonymous")
    expect(page.locator("#id_attributions-0-anonymity_reason")).to_be_hidden()

    # The finding names the attribution and opens it.
    finding = page.locator(
        ".standards-findings li", has=page.locator(f"a[href='#attribution-{vague.pk}']")
    )
    expect(finding.first).to_be_visible()
    finding.first.locator("a.finding-target").click()
    expect(page.locator("#id_attributions-0-anonymity_reason")).to_be_visible()

    # A new attribution: a quote shows the quoted words, nothing about outlets or anonymity.
    page.locator("#attributions-group .add-row a").click()
    row = "#id_attributions-1-"
    expect(page.locator(f"{row}kind")).to_have_value("quoted")
    expect(page.locator(f"{row}quote")).to_be_visible()
    expect(page.locator(f"{row}outlet_report")).to_be_hidden()
    expect(page.locator(f"{row}comment_request")).to_be_hidden()
    expect(page.locator(f"{row}public_descriptor")).to_be_hidden()
    expect(page.locator(f"{row}internal_justification")).to_be_hidden()

    # Reported by another outlet: the outlet's report and date appear, the quote box goes.
    page.select_option(f"{row}kind", "reported_by")
    expect(page.locator(f"{row}outlet_report")).to_be_visible()
    expect(page.locator(f"{row}reported_on")).to_be_visible()
    expect(page.locator(f"{row}quote")).to_be_hidden()

    # Declined: the request for comment.
    page.select_option(f"{row}kind", "declined")
    expect(page.locator(f"{row}comment_request")).to_be_visible()
    expect(page.locator(f"{row}outlet_report")).to_be_hidden()

    # Ticking "anonymous" opens the grant, confidential fields included for this editor.
    page.check(f"{row}anonymous")
    for name in ("public_descriptor", "anonymity_reason", "approved_by", "internal_justification"):
        expect(page.locator(f"{row}{name}")).to_be_visible()
    expect(page.locator(f"{row}editors_who_know_from")).to_be_visible()
    page.uncheck(f"{row}anonymous")
    expect(page.locator(f"{row}public_descriptor")).to_be_hidden()

    # Something typed is never hidden: a filled quote stays in view after the kind changes.
    page.select_option(f"{row}kind", "quoted")
    page.fill(f"{row}quote", "It will be a museum of the keepers' lives")
    page.select_option(f"{row}kind", "paraphrased")
    expect(page.locator(f"{row}quote")).to_be_visible()
    screenshot(page, "admin-ux-attribution-form")
