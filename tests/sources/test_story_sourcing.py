"""Saving a story with a sourcing step (sources.story_sourcing): which button was pressed,
and what each step says and leaves as the revision's comment. The whole save through the
story page is tested in tests/articles/admin (test_story_side_panel, test_admin_ux)."""

import pytest
from django.contrib import messages
from django.http import QueryDict

from sources import story_sourcing
from sources.story_sourcing import ApprovalStep, ProposalStep

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("posted", "step"),
    [
        ("_proposal=accept:12", ProposalStep("accept", 12)),
        ("_proposal=dismiss:7", ProposalStep("dismiss", 7)),
        ("_proposal=refresh", ProposalStep("refresh")),
        ("_proposal=accept:%C2%B2", None),  # "²": isdigit() says yes, int() refuses
        ("_proposal=accept:%D9%A1%D9%A2", None),  # Arabic-Indic digits are no id of ours
        ("_proposal=accept:99999999999999999999", None),
        ("_proposal=publish:1", None),
        ("", None),
    ],
)
def test_the_proposal_button_pressed(posted, step):
    assert story_sourcing.posted_proposal_step(QueryDict(posted)) == step


@pytest.mark.parametrize(
    ("posted", "step"),
    [
        ("_approve_anonymity=5", ApprovalStep(5)),
        ("_ask_approval=5", ApprovalStep(5, asking=True)),
        ("_approve_anonymity=%C2%B2", None),
        ("_ask_approval=-1", None),
        ("", None),
    ],
)
def test_the_approval_button_pressed(posted, step):
    assert story_sourcing.posted_approval_step(QueryDict(posted)) == step


def test_a_proposal_no_longer_on_the_story_is_an_error_and_a_dismiss_says_so(
    make_article, reporter
):
    story = make_article(created_by=reporter)
    accept = story_sourcing.proposal_step_in_save(
        user=reporter, article=story, step=ProposalStep("accept", 999)
    )
    dismiss = story_sourcing.proposal_step_in_save(
        user=reporter, article=story, step=ProposalStep("dismiss", 999)
    )
    assert accept.level == dismiss.level == messages.ERROR
    assert "no longer on this story's list" in accept.text
    assert accept.revision_comment == ""
    assert dismiss.revision_comment == story_sourcing.DISMISSED_COMMENT


def test_approving_an_attribution_not_on_the_story_is_an_error(make_article, editor):
    story = make_article()
    outcome = story_sourcing.approval_step_in_save(
        user=editor, article=story, step=ApprovalStep(999, asking=True)
    )
    assert (outcome.level, outcome.text) == (
        messages.ERROR,
        "That attribution is no longer on this story.",
    )
    assert outcome.revision_comment == story_sourcing.ASKED_COMMENT


def test_the_assistant_reads_a_new_or_changed_text_and_says_so_only_if_it_found_something(
    make_article,
):
    story = make_article(body="<p>“We will reopen in May,” said Dana Whitlock, the director.</p>")
    found = story_sourcing.proposals_after_save(
        article=story, step=None, created=True, body_changed=False
    )
    assert found.level == messages.INFO and "proposes 1 new attribution below" in found.text
    # Nothing new in the same text: no message; unchanged and not asked: nothing read.
    assert (
        story_sourcing.proposals_after_save(
            article=story, step=None, created=False, body_changed=True
        )
        is None
    )
    asked = story_sourcing.proposals_after_save(
        article=story, step=ProposalStep("refresh"), created=False, body_changed=False
    )
    assert asked.text == "The assistant found no new attributions to propose."
