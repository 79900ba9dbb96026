"""The stored findings counts stay true through every save path (the one save pipeline).

The lists and the start page's "With findings to fix" read `findings_to_fix` and
`findings_to_weigh` from the story's row; each save path (the story form, an accepted or
dismissed proposal, an attribution edited or deleted on its own page, a picture changed)
must leave them equal to what the standards checks find now.
"""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article
from sources import standards
from sources.models import Attribution
from sources.proposals import proposal_accept, proposal_dismiss, proposals_refresh
from tests.sources.assistant.conftest import STORY_BODY

pytestmark = pytest.mark.django_db


def stored_and_found(article: Article) -> tuple[tuple[int, int], tuple[int, int]]:
    """(the counts stored on the row, the counts the checks find now)."""
    fresh = Article.objects.get(pk=article.pk)
    findings = standards.check_article(fresh)
    blocking = len(standards.blocking_findings(findings))
    return (fresh.findings_to_fix, fresh.findings_to_weigh), (blocking, len(findings) - blocking)


@pytest.fixture
def saved_story(make_article, reporter):
    story = make_article(headline="Plan approved", body=STORY_BODY, created_by=reporter)
    workflow.save_article(reporter, story, expected_version=story.version)
    proposals_refresh(article=story)
    stored, found = stored_and_found(story)
    assert stored == found
    return story


def test_accepting_a_proposal_updates_the_counts(saved_story, reporter):
    before, _ = stored_and_found(saved_story)

    proposal_accept(proposal=saved_story.proposals.get(kind="quoted"), user=reporter)

    stored, found = stored_and_found(saved_story)
    assert stored == found
    assert stored != before  # the accepted quote settled a finding


def test_dismissing_a_proposal_keeps_the_counts_true(saved_story, reporter):
    proposal_dismiss(proposal=saved_story.proposals.get(kind="quoted"), user=reporter)

    stored, found = stored_and_found(saved_story)
    assert stored == found


def test_accept_and_dismiss_buttons_of_the_story_page_keep_the_counts_true(
    client, saved_story, reporter
):
    client.force_login(reporter)
    for step, kind in (("accept", "quoted"), ("dismiss", "declined")):
        proposal = saved_story.proposals.get(kind=kind)
        saved_story.refresh_from_db()
        response = client.post(
            reverse(f"admin:sources_attributionproposal_{step}", args=[proposal.pk])
        )
        assert response.status_code == 302
        stored, found = stored_and_found(saved_story)
        assert stored == found, step


def test_editing_and_deleting_an_attribution_on_its_page_keep_the_counts_true(
    client, saved_story, reporter
):
    attribution = proposal_accept(proposal=saved_story.proposals.get(kind="quoted"), user=reporter)
    settled, _ = stored_and_found(saved_story)
    client.force_login(reporter)
    url = reverse("admin:sources_attribution_change", args=[attribution.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        source=attribution.source_id or "",
        # Anonymous without a public descriptor or a reason: the checks block that.
        anonymous="on",
        public_descriptor="",
        anonymity_reason="",
        comment_request="",
        reported_on="",
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    stored, found = stored_and_found(saved_story)
    assert stored == found
    assert stored != settled

    response = client.post(
        reverse("admin:sources_attribution_delete", args=[attribution.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Attribution.objects.filter(pk=attribution.pk).exists()
    stored, found = stored_and_found(saved_story)
    assert stored == found
