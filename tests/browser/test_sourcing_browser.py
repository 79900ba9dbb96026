"""An editor sources a story in the admin in real Chromium: picks a registry source by its
alias, creates a new source from the attribution inline, records an anonymous source with its
grant, a request for comment, and sees the standards findings change."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, ArticleAuthor, Section
from articles.workflow.permissions import ensure_role_groups
from authors import bylines
from sources.models import Attribution, CommentRequest, ConfidentialAccess, Source

BODY = (
    "<p>The ferry board will vote on Tuesday, according to a board aide.</p>"
    "<p>“We cannot keep patching this pier forever,” said Councilwoman Odile Brandt "
    "(D-Ward 5).</p>"
)


@pytest.fixture
def desk(make_user, transactional_db):
    ensure_role_groups()  # transactional tests flush the migration's groups
    editor = make_user("vera", groups=["Editors"], first_name="Vera", last_name="Lind")
    editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    section = Section.objects.create(name="City", slug="city")
    author = bylines.ensure_author(editor)  # the account's own byline, "Vera Lind"
    article = Article.objects.create(
        headline="Ferry board to vote on pier repairs",
        slug="ferry-board-vote",
        body=BODY,
        section=section,
        created_by=editor,
    )
    ArticleAuthor.objects.create(article=article, author=author)
    workflow.submit_for_review(editor, article)  # in review: the panel lists the findings
    Source.objects.create(
        name="Odile Brandt", descriptor="D-Ward 3", aliases=["Councilwoman Brandt"]
    )
    return editor, article


def pick(page, select_id, typed, choice):
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.fill(".select2-container--open .select2-search__field", typed)
    page.click(f".select2-results__option:has-text('{choice}')")


@pytest.mark.django_db(transaction=True)
def test_editor_sources_a_story_in_the_admin(log_in, browser, live_server, desk, screenshot):
    editor, article = desk
    page = log_in("vera")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    # A named quote: the registry source found by its alias.
    page.locator("#attributions-group .add-row a").click()
    page.select_option("#id_attributions-0-kind", "quoted")
    pick(page, "id_attributions-0-source", "Councilwoman", "Odile Brandt")
    page.fill("#id_attributions-0-quote", "We cannot keep patching this pier forever")
    page.fill("#id_attributions-0-descriptor_as_written", "D-Ward 5")

    # An anonymous aide, a source new to the registry, created from the inline.
    page.locator("#attributions-group .add-row a").click()
    page.select_option("#id_attributions-1-kind", "paraphrased")
    with page.expect_popup() as popup_info:
        page.click("#add_id_attributions-1-source")
    popup = popup_info.value
    popup.fill("#id_name", "Ferry board aide (vote timing)")
    popup.click("input[name=_save]")
    expect(page.locator("#id_attributions-1-source")).to_have_value(
        str(Source.objects.get(name="Ferry board aide (vote timing)").pk)
    )
    page.check("#id_attributions-1-anonymous")
    page.fill("#id_attributions-1-public_descriptor", "a board aide")
    page.fill("#id_attributions-1-anonymity_reason", "because the vote has not been announced")
    page.fill("#id_attributions-1-internal_justification", "Aide would lose their job.")
    page.select_option("#id_attributions-1-approved_by", str(editor.pk))
    page.fill("#id_attributions-1-approved_at_0", "2026-11-20")
    page.fill("#id_attributions-1-approved_at_1", "10:00:00")
    # "Editors who know" is a two-box chooser: pick the editor, then move them across.
    page.select_option("#id_attributions-1-editors_who_know_from", str(editor.pk))
    page.click("#id_attributions-1-editors_who_know_add")
    expect(page.locator("#id_attributions-1-editors_who_know_to option")).to_have_count(1)
    screenshot(page, "sourcing-inline-filled")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("successfully")

    quoted = Attribution.objects.get(article=article, kind="quoted")
    assert quoted.source.name == "Odile Brandt" and quoted.descriptor_as_written == "D-Ward 5"
    aide = Attribution.objects.get(article=article, anonymous=True)
    assert aide.approved_by == editor
    assert list(aide.confidential.editors_who_know.all()) == [editor]
    assert aide.confidential.internal_justification == "Aide would lose their job."
    assert CommentRequest.objects.count() == 0

    # The descriptor written in the story differs from the registry: the editor is told.
    findings = page.locator(".standards-findings")
    expect(findings).to_contain_text("D-Ward 5")
    expect(findings).to_contain_text("D-Ward 3")
    expect(findings.locator("li", has_text="D-Ward 5")).to_have_count(1)
    screenshot(page, "sourcing-findings")

    # Opening the new source's page shows its (empty) confidential record area, logged only
    # once a record exists; the story page, reopened after saving, showed the aide's grant
    # record, and that view is logged.
    page.goto(f"{live_server.url}/admin/sources/source/{aide.source_id}/change/")
    expect(page.locator("body")).to_contain_text("access is logged")
    assert ConfidentialAccess.objects.filter(attribution=None).count() == 0
    assert ConfidentialAccess.objects.filter(attribution=aide, user=editor).exists()
