"""The gate reads the text as well as the records (issue 23): a story whose only sources are
unnamed in its words is refused until they are recorded; a pending proposal of an anonymous
source holds the publish until accepted or dismissed with a reason; a story without body text
is never published nor scheduled. Every path that publishes runs these checks: publish,
schedule, publish an update, update the scheduled copy."""

from datetime import timedelta

import pytest
from django.contrib import messages
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import PublishedArticle
from sources import story_sourcing
from sources.anonymity import approve_anonymity
from sources.models import Attribution, AttributionProposal, ProposalStatus
from sources.proposals import ProposalError, proposal_accept, proposal_dismiss, proposals_refresh
from sources.standards import check_article

pytestmark = pytest.mark.django_db

BOARD = (
    "<p>The Harbor Bank board will replace its chairman at Friday's meeting.</p>"
    "<p>Two people with knowledge of the board's deliberations, who spoke on condition of "
    "anonymity because the talks are private, said the vote had been close.</p>"
)
BOARD_SENTENCE = (
    "Two people with knowledge of the board's deliberations, who spoke on condition of "
    "anonymity because the talks are private, said the vote had been close."
)


def codes(article):
    return {f.code for f in check_article(article)}


@pytest.fixture
def board_story(make_article):
    return make_article("Harbor Bank board to replace its chairman", body=BOARD)


def record_people(article, editor, **fields):
    attribution = Attribution.objects.create(
        article=article,
        kind="paraphrased",
        anonymous=True,
        public_descriptor="people with knowledge of the board's deliberations",
        anonymity_reason="because the talks are private",
        source_count=2,
        position=0,
        **fields,
    )
    approve_anonymity(user=editor, attribution=attribution)
    return attribution


# --- words of anonymity with no record ------------------------------------------------------


def test_a_story_sourced_only_by_anonymous_words_is_refused_naming_the_sentence(
    board_story, editor
):
    with pytest.raises(workflow.StandardsBlocked) as raised:
        workflow.publish(editor, board_story)
    assert BOARD_SENTENCE.rstrip(".") in str(raised.value)
    assert "on condition of anonymity" in str(raised.value)
    assert not PublishedArticle.objects.filter(article=board_story).exists()


def test_scheduling_it_is_refused_too(board_story, editor):
    with pytest.raises(workflow.StandardsBlocked) as raised:
        workflow.publish(editor, board_story, at=timezone.now() + timedelta(hours=3))
    assert "anon_words_unrecorded" in {f.code for f in raised.value.findings}
    assert not PublishedArticle.objects.filter(article=board_story).exists()


def test_it_publishes_once_the_anonymous_source_is_recorded_and_approved(board_story, editor):
    record_people(board_story, editor)
    assert "anon_words_unrecorded" not in codes(board_story)
    workflow.publish(editor, board_story)
    assert PublishedArticle.objects.filter(article=board_story).exists()


def test_an_anonymous_source_described_otherwise_does_not_answer_the_sentence(board_story, editor):
    attribution = record_people(board_story, editor)
    Attribution.objects.filter(pk=attribution.pk).update(
        public_descriptor="a harbor pilot", anonymity_reason="fear of losing their license"
    )
    assert "anon_words_unrecorded" in codes(board_story)


def test_publishing_an_update_that_adds_unnamed_words_is_refused(make_article, editor):
    article = make_article("Harbor Bank names a new chairman")
    workflow.publish(editor, article)
    article.refresh_from_db()
    article.body = BOARD
    workflow.save_article(editor, article, expected_version=article.version)
    with pytest.raises(workflow.StandardsBlocked) as raised:
        workflow.publish(editor, article)
    assert BOARD_SENTENCE.rstrip(".") in str(raised.value)
    assert "deliberations" not in PublishedArticle.objects.get(article=article).body_html


def test_updating_the_scheduled_copy_with_unnamed_words_is_refused(make_article, editor):
    article = make_article("Harbor Bank names a new chairman")
    workflow.publish(editor, article, at=timezone.now() + timedelta(hours=3))
    article.refresh_from_db()
    article.body = BOARD
    workflow.save_article(editor, article, expected_version=article.version)
    with pytest.raises(workflow.StandardsBlocked) as raised:
        workflow.update_scheduled_copy(editor, article)
    assert "anon_words_unrecorded" in {f.code for f in raised.value.findings}


# --- no body ----------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "<p> </p>", "<p><br></p>"])
def test_a_story_without_body_text_is_neither_published_nor_scheduled(make_article, editor, body):
    article = make_article("Ferry timetable changes", body=body, dek="")
    for at in (None, timezone.now() + timedelta(hours=2)):
        with pytest.raises(workflow.StandardsBlocked) as raised:
            workflow.publish(editor, article, at=at)
        assert "no body text" in str(raised.value)
    assert not PublishedArticle.objects.filter(article=article).exists()


# --- a pending anonymous proposal holds the publish -----------------------------------------


def test_a_pending_anonymous_proposal_holds_the_publish_until_handled(board_story, editor):
    proposals_refresh(article=board_story)
    proposal = board_story.proposals.get(anonymous=True)
    with pytest.raises(workflow.StandardsBlocked) as raised:
        workflow.publish(editor, board_story)
    assert {"anon_proposal_pending"} <= {f.code for f in raised.value.findings}
    assert "dismiss it with a reason" in str(raised.value)

    with pytest.raises(ProposalError) as refused:
        proposal_dismiss(proposal=proposal, user=editor, reason="  ")
    assert refused.value.code == "reason_required"
    assert board_story.proposals.get(pk=proposal.pk).status == ProposalStatus.PENDING

    proposal_dismiss(
        proposal=proposal, user=editor, reason="The sentence quotes the bank's filing."
    )
    assert codes(board_story).isdisjoint({"anon_proposal_pending", "anon_words_unrecorded"})
    assert board_story.proposals.get(pk=proposal.pk).dismiss_reason.startswith("The sentence")


def test_an_accepted_anonymous_proposal_is_anonymous_plural_with_the_clause_as_reason(
    board_story, editor
):
    proposals_refresh(article=board_story)
    proposal = board_story.proposals.get(anonymous=True)
    assert proposal.source_count == 2 and proposal.confidence > 0
    attribution = proposal_accept(proposal=proposal, user=editor)
    assert attribution.anonymous  # never "On the record"
    assert attribution.anonymity_reason == "because the talks are private"
    assert attribution.source_count == 2
    approve_anonymity(user=editor, attribution=attribution)
    found = codes(board_story)
    assert found.isdisjoint(
        {"anon_plural_for_one", "anon_singular_for_many", "anon_words_unrecorded"}
    ), found
    assert "anon_proposal_pending" not in found


def test_accepting_officials_said_makes_a_plural_source_the_gate_accepts(make_article, editor):
    article = make_article(
        "Bridge to reopen in May",
        body="<p>Officials, who were not authorized to speak publicly, said the bridge "
        "would reopen in May.</p>",
    )
    proposals_refresh(article=article)
    proposal = article.proposals.get()
    assert proposal.anonymous and proposal.source_count >= 2
    attribution = proposal_accept(proposal=proposal, user=editor)
    assert attribution.source_count >= 2
    assert "anon_plural_for_one" not in codes(article)


def test_dismissing_in_place_without_a_reason_says_what_is_missing(client, board_story, editor):
    proposals_refresh(article=board_story)
    proposal = board_story.proposals.get(anonymous=True)
    client.force_login(editor)
    url = reverse("admin:sources_attributionproposal_dismiss", args=[proposal.pk])
    answer = client.post(url, HTTP_ACCEPT="application/json")
    assert answer.status_code == 400
    assert "Say why you dismiss" in answer.json()["error"]
    answer = client.post(
        url,
        {f"dismiss_reason_{proposal.pk}": "A filing, not a source."},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 200
    assert AttributionProposal.objects.get(pk=proposal.pk).status == ProposalStatus.DISMISSED


def test_the_story_form_carries_the_reason_typed_beside_dismiss(board_story, editor):
    proposals_refresh(article=board_story)
    proposal = board_story.proposals.get(anonymous=True)
    bare = story_sourcing.posted_proposal_step(QueryDict(f"_proposal=dismiss:{proposal.pk}"))
    refused = story_sourcing.proposal_step_in_save(user=editor, article=board_story, step=bare)
    assert refused.level == messages.ERROR and "Say why you dismiss" in refused.text

    posted = QueryDict(
        f"_proposal=dismiss:{proposal.pk}&dismiss_reason_{proposal.pk}=From+the+bank%27s+filing"
    )
    step = story_sourcing.posted_proposal_step(posted)
    assert step.reason == "From the bank's filing"
    done = story_sourcing.proposal_step_in_save(user=editor, article=board_story, step=step)
    assert done.level == messages.SUCCESS
    assert (
        AttributionProposal.objects.get(pk=proposal.pk).dismiss_reason == "From the bank's filing"
    )


def test_a_reason_too_long_is_refused_with_its_length(board_story, editor):
    proposals_refresh(article=board_story)
    proposal = board_story.proposals.get(anonymous=True)
    with pytest.raises(ProposalError) as refused:
        proposal_dismiss(proposal=proposal, user=editor, reason="x" * 301)
    assert refused.value.code == "reason_too_long" and "301" in str(refused.value)
