"""The story page's side panel: save buttons that post the story form from outside it, the
assistant's proposals with why each was proposed, and findings linked to the proposal that
fixes them."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sources.models import AttributionKind, AttributionProposal
from sources.proposals import proposals_refresh
from sources.standards import Finding, check_article, proposal_fixing

pytestmark = pytest.mark.django_db

QUOTE_BODY = (
    "<p>The ferry will run again in April, the authority said.</p>"
    "<p>“We found the cracks early and the repairs are nearly done,” said Dana Whitlock, "
    "the authority's director of marine operations.</p>"
)


@pytest.fixture
def quoted_story(make_article, reporter):
    article = make_article("Ferry to resume in April", body=QUOTE_BODY, created_by=reporter)
    proposals_refresh(article=article)
    return article


def story_page(client, user, article) -> str:
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return response.content.decode()


def side_panel(html: str) -> str:
    match = re.search(r'<aside class="story-side".*?</aside>', html, re.S)
    assert match, "the story page has no side panel"
    return match.group()


def test_the_side_panel_saves_the_story_form_from_outside_it(client, reporter, quoted_story):
    html = story_page(client, reporter, quoted_story)
    panel = side_panel(html)
    assert re.search(
        r'<input type="submit" form="article_form" name="_continue" value="Save"', panel
    )
    assert 'form="article_form" name="_save" value="Save and close"' in panel
    # One save zone: no submit rows at the top or bottom of the form, and no app sidebar.
    assert 'class="submit-row"' not in html.split("</aside>", 1)[1]
    assert 'id="nav-sidebar"' not in html


def test_the_add_page_has_the_save_buttons_too(client, reporter):
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'form="article_form" name="_continue" value="Save"' in side_panel(html)


def test_proposals_show_in_the_panel_with_why_they_were_proposed(client, reporter, quoted_story):
    proposal = quoted_story.proposals.get(kind=AttributionKind.QUOTED)
    assert proposal.rule == "quotes"
    assert proposal.trigger
    panel = side_panel(story_page(client, reporter, quoted_story))
    item = re.search(rf'<li class="proposal" id="proposal-{proposal.pk}">.*?</li>', panel, re.S)
    assert item, "the quoted proposal is not in the panel"
    assert "Dana Whitlock" in item.group()
    assert "Why this was proposed:" in item.group()
    assert "a quotation and its speaker" in item.group()
    assert (
        f'form="article_form" class="button proposal-accept" name="_proposal" value="accept:{proposal.pk}"'
        in item.group()
    )


def test_a_reader_who_may_not_edit_sees_proposals_without_buttons(
    client, other_reporter, quoted_story
):
    panel = side_panel(story_page(client, other_reporter, quoted_story))
    assert "Dana Whitlock" in panel
    assert "proposal-accept" not in panel
    assert 'name="_continue"' not in panel


def test_an_unattributed_quote_finding_links_the_proposal_that_fixes_it(
    client, editor, quoted_story
):
    proposal = quoted_story.proposals.get(kind=AttributionKind.QUOTED)
    html = story_page(client, editor, quoted_story)
    fix = re.search(r'<p class="finding-fix">.*?</p>', html, re.S)
    assert fix, "the unattributed-quote finding offers no fix"
    assert f'href="#proposal-{proposal.pk}"' in fix.group()
    assert f'name="_proposal" value="accept:{proposal.pk}"' in fix.group()
    assert ">Accept it</button>" in fix.group()


def test_accepting_from_the_finding_settles_it(client, editor, quoted_story):
    from tests.conftest import story_form_data

    proposal = quoted_story.proposals.get(kind=AttributionKind.QUOTED)
    assert any(f.code == "quote_unattributed" for f in check_article(quoted_story))
    client.force_login(editor)
    url, data, _ = story_form_data(
        client, quoted_story, dek="Typed before accepting.", _proposal=f"accept:{proposal.pk}"
    )
    assert client.post(url, data).status_code == 302
    quoted_story.refresh_from_db()
    assert quoted_story.dek == "Typed before accepting."
    assert not any(f.code == "quote_unattributed" for f in check_article(quoted_story))


def test_proposal_fixing_matches_the_quotation_not_any_quote():
    finding = Finding(
        "quote_unattributed", "blocking", "body", "…", quoted="We will rebuild the pier by May"
    )
    other = AttributionProposal(kind=AttributionKind.QUOTED, name="A", quote="Nothing to add here")
    match = AttributionProposal(
        kind=AttributionKind.QUOTED, name="B", quote="We will rebuild the pier by May."
    )
    paraphrase = AttributionProposal(
        kind=AttributionKind.PARAPHRASED, name="C", quote="We will rebuild the pier by May"
    )
    assert proposal_fixing(finding, [other, paraphrase, match]) is match
    assert proposal_fixing(finding, [other, paraphrase]) is None
    assert proposal_fixing(Finding("byline_missing", "blocking", "authors", "…"), [match]) is None


def test_an_editor_who_may_approve_is_not_told_to_ask_themselves(client, editor, make_article):
    from sources.models import Attribution, Source

    story = make_article("Depot plan leaks early", body="<p>An official said so.</p>")
    Attribution.objects.create(
        article=story,
        source=Source.objects.create(name="Depot clerk"),
        kind="paraphrased",
        anonymous=True,
        public_descriptor="an official",
        anonymity_reason="because the plan is not final",
    )
    html = story_page(client, editor, story)
    assert "You may approve it" in html
    assert "ask Edna Ives" not in html


def test_the_story_lists_date_drilldown_reads_no_dates_row_by_row(client, editor, make_article):
    """The drill-down offers years, a year's months and a month's days without a DISTINCT
    over every story (that scan cost 300 ms a page at a million stories)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article("Ferry fares rise", created_by=editor)
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    year = timezone.now().year
    for query in ("", f"?updated_at__year={year}", f"?updated_at__year={year}&updated_at__month=3"):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url + query).content.decode()
        assert not any("DISTINCT DATE_TRUNC" in q["sql"] for q in captured.captured_queries)
        assert 'class="toplinks"' in html  # the drill-down is there
    march = client.get(f"{url}?updated_at__year={year}&updated_at__month=3").content.decode()
    assert "March 31" in march and "updated_at__day=31" in march
