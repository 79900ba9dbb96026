"""Proposals: refreshed from the text, accepted into attributions, dismissed for good."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sources.models import (
    Attribution,
    AttributionProposal,
    CommentOutcome,
    CommentRequest,
    ProposalStatus,
    Source,
)
from sources.proposals import ProposalError, proposal_accept, proposal_dismiss, proposals_refresh

pytestmark = pytest.mark.django_db


def by_kind(article, kind):
    return article.proposals.get(kind=kind)


def ap_credit(article):
    """The story's credit to the Associated Press (NTD, told a quote, is credited too)."""
    return article.proposals.get(kind="reported_by", name__icontains="Associated Press")


def test_refresh_stores_the_assistants_proposals_matched_to_the_registry(story):
    doe = Source.objects.create(name="Jane Doe", aliases=["Doe"], descriptor="D-Wash.")
    assert proposals_refresh(article=story) == 4
    quoted = by_kind(story, "quoted")
    assert (quoted.name, quoted.matched_source, quoted.outlet) == ("Jane Doe", doe, "NTD")
    assert quoted.descriptor_as_written == "D-Wash."
    assert ap_credit(story).reported_on.month == 11
    assert story.proposals.filter(kind="reported_by", name="NTD").exists()
    assert proposals_refresh(article=story) == 0


def test_handled_proposals_do_not_come_back_until_the_text_changes(story, reporter):
    proposals_refresh(article=story)
    proposal_dismiss(proposal=by_kind(story, "declined"), user=reporter)
    proposals_refresh(article=story)
    assert story.proposals.filter(kind="declined", status=ProposalStatus.PENDING).count() == 0

    story.body = story.body.replace("The White House declined", "The Pentagon declined")
    story.save()
    assert proposals_refresh(article=story) == 1
    assert story.proposals.get(kind="declined", status=ProposalStatus.PENDING).name == "Pentagon"


def test_refresh_drops_pending_proposals_the_text_no_longer_supports(story):
    proposals_refresh(article=story)
    story.body = "<p>The White House declined to comment.</p>"
    story.save()
    proposals_refresh(article=story)
    assert list(story.proposals.values_list("kind", flat=True)) == ["declined"]


def test_accept_creates_the_source_and_the_attribution(story, reporter):
    proposals_refresh(article=story)
    attribution = proposal_accept(proposal=by_kind(story, "quoted"), user=reporter)
    assert attribution.source.name == "Jane Doe"
    assert attribution.source.kind == "person"
    assert (attribution.kind, attribution.quote) == ("quoted", "was necessary.")
    assert attribution.descriptor_as_written == "D-Wash."
    proposal = by_kind(story, "quoted")
    assert (proposal.status, proposal.handled_by) == (ProposalStatus.ACCEPTED, reporter)


def test_accept_links_an_existing_source_instead_of_duplicating_it(story, reporter):
    ap = Source.objects.create(name="The Associated Press", kind="outlet", aliases=["AP"])
    proposals_refresh(article=story)
    attribution = proposal_accept(proposal=ap_credit(story), user=reporter)
    assert attribution.source == ap
    assert attribution.reported_on.day == 17
    assert Source.objects.filter(name__icontains="Associated Press").count() == 1


def test_accepting_a_decline_opens_a_comment_request_to_complete(story, reporter):
    proposals_refresh(article=story)
    attribution = proposal_accept(proposal=by_kind(story, "declined"), user=reporter)
    request = CommentRequest.objects.get(article=story)
    assert attribution.comment_request == request
    assert request.outcome == CommentOutcome.DECLINED
    assert request.source.name == "White House"


def test_edit_then_accept_uses_the_editors_corrections(story, editor):
    proposals_refresh(article=story)
    attribution = proposal_accept(
        proposal=by_kind(story, "quoted"),
        user=editor,
        overrides={"name": "Jane Q. Doe", "descriptor_as_written": "D-Wash."},
    )
    assert attribution.source.name == "Jane Q. Doe"


def test_a_proposal_is_handled_once(story, reporter):
    proposals_refresh(article=story)
    proposal = by_kind(story, "declined")
    proposal_accept(proposal=proposal, user=reporter)
    with pytest.raises(ProposalError) as error:
        proposal_dismiss(proposal=proposal, user=reporter)
    assert error.value.code == "already_handled"
    assert Attribution.objects.filter(article=story).count() == 1


def test_someone_who_cannot_edit_the_story_cannot_accept(story, make_user, role_groups):
    other = make_user("other", groups=["Reporters"])
    proposals_refresh(article=story)
    with pytest.raises(PermissionDenied):
        proposal_accept(proposal=by_kind(story, "declined"), user=other)
    assert not Attribution.objects.exists()


# --- Admin ---------------------------------------------------------------------------------


def test_story_page_lists_pending_proposals_with_their_buttons(client, story, reporter):
    proposals_refresh(article=story)
    proposal_dismiss(proposal=by_kind(story, "declined"), user=reporter)
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '>Sourcing assistant <span class="side-count">' in html
    assert "Jane Doe" in html and "The Associated Press" in html
    assert "Accept: White House" not in html  # dismissed: gone from the list
    # Accept is a button of the story form: it saves what was typed, then accepts.
    assert f'name="_proposal" value="accept:{by_kind(story, "quoted").pk}"' in html


def test_accept_and_dismiss_buttons_work_and_return_to_the_story(client, story, reporter):
    proposals_refresh(article=story)
    client.force_login(reporter)
    story_url = reverse("admin:articles_article_change", args=[story.pk])
    quoted = by_kind(story, "quoted")
    response = client.post(
        reverse("admin:sources_attributionproposal_accept", args=[quoted.pk]) + f"?next={story_url}"
    )
    assert response.status_code == 302 and response["Location"] == story_url
    assert story.attributions.get().source.name == "Jane Doe"
    declined = by_kind(story, "declined")
    client.post(reverse("admin:sources_attributionproposal_dismiss", args=[declined.pk]))
    declined.refresh_from_db()
    assert declined.status == ProposalStatus.DISMISSED


def test_edit_page_accepts_with_changes_on_save(client, story, editor):
    proposals_refresh(article=story)
    proposal = ap_credit(story)
    client.force_login(editor)
    url = reverse("admin:sources_attributionproposal_change", args=[proposal.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "reported_by",
            "name": "Associated Press",
            "descriptor_as_written": "",
            "anonymity_reason": "",
            "outlet": "",
            "reported_on": "2024-11-18",
            "quote": "",
            "source_count": "1",
        },
    )
    assert response.status_code == 302
    attribution = story.attributions.get()
    assert (attribution.source.name, str(attribution.reported_on)) == (
        "Associated Press",
        "2024-11-18",
    )
    assert AttributionProposal.objects.get(pk=proposal.pk).status == ProposalStatus.ACCEPTED


def test_refresh_button_finds_new_sources(client, story, reporter):
    client.force_login(reporter)
    response = client.post(reverse("admin:sources_attributionproposal_refresh", args=[story.pk]))
    assert response.status_code == 302
    assert story.proposals.count() == 4
