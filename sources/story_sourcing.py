"""Saving a story with a sourcing step: a proposal accepted or dismissed, anonymity approved.

Accept, Dismiss and "Look for sources again" (the assistant's proposals), and "Approve
anonymity — I know who this is" and "Ask an editor to approve" (an anonymous attribution)
are buttons of the story form: the story is saved with everything typed in it, and the step
is done in the same save, so its revision holds both and no unsaved word is lost.

The story admin reads which button was pressed (`posted_proposal_step`,
`posted_approval_step`), saves the story through `workflow.save_article` and, inside that
save, calls `proposal_step_in_save` or `approval_step_in_save`; after it, `proposals_after_save`
lets the assistant read a new or changed text. Each returns an `Outcome`: what to tell the
editor, and the revision's comment. A refused step (the proposal is gone, this user may not
approve) is an error message in a savepoint: it never undoes the story's save.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from articles.models import Article
from newsroom.ids import parse_id
from sources.anonymity import approve_anonymity, request_approval
from sources.models import AttributionProposal
from sources.proposals import (
    ProposalError,
    accepted_proposal_comment,
    proposal_accept,
    proposal_dismiss,
    proposals_refresh,
)

# The buttons' names (templates/admin/articles/article/proposals_panel.html, findings_panel.html
# and templates/admin/sources/attribution/stacked.html).
PROPOSAL_BUTTON = "_proposal"
APPROVE_BUTTON = "_approve_anonymity"
ASK_APPROVAL_BUTTON = "_ask_approval"

DISMISSED_COMMENT = "Saved, dismissing one of the sourcing assistant's proposals"
# Who approved a grant is for Standards editors only (the approver is one of the editors who
# know the source); the history, which every staff member reads, says only "Saved".
APPROVED_COMMENT = "Saved"
ASKED_COMMENT = "Saved, asking an editor to approve an anonymous source"


@dataclass(frozen=True)
class Outcome:
    """What a step did: a message for the editor (a `django.contrib.messages` level and the
    text), and the comment the story's revision keeps ("" for the save's own)."""

    level: int
    text: str
    revision_comment: str = ""


@dataclass(frozen=True)
class ProposalStep:
    """ "accept" or "dismiss" one proposal (`proposal_id`), or "refresh" (the assistant
    reads the saved text again). `reason`: why a proposal of an anonymous source is dismissed."""

    verb: str
    proposal_id: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class ApprovalStep:
    """Approve one anonymous attribution's grant, or (`asking`) ask the editors who may."""

    attribution_id: int
    asking: bool = False


def posted_proposal_step(post) -> ProposalStep | None:
    """The proposal button pressed ("accept:<id>", "dismiss:<id>" or "refresh"), or None."""
    verb, _, pk = post.get(PROPOSAL_BUTTON, "").partition(":")
    if verb == "refresh":
        return ProposalStep("refresh")
    proposal_id = parse_id(pk)
    if verb in ("accept", "dismiss") and proposal_id is not None:
        return ProposalStep(verb, proposal_id, posted_dismiss_reason(post, proposal_id))
    return None


def dismiss_reason_field(proposal_id: int) -> str:
    """The name of the "Why dismiss it?" box of one proposal (proposals_list.html)."""
    return f"dismiss_reason_{proposal_id}"


def posted_dismiss_reason(post, proposal_id: int) -> str:
    """The reason typed for dismissing the proposal, from the story form or posted alone."""
    reason = post.get(dismiss_reason_field(proposal_id)) or post.get("dismiss_reason") or ""
    return reason if isinstance(reason, str) else ""


def posted_approval_step(post) -> ApprovalStep | None:
    """The attribution whose approve or ask button was pressed, or None."""
    asking = bool(post.get(ASK_APPROVAL_BUTTON))
    pk = parse_id(post.get(APPROVE_BUTTON, "") or post.get(ASK_APPROVAL_BUTTON, ""))
    return ApprovalStep(pk, asking=asking) if pk is not None else None


def proposal_step_in_save(*, user, article: Article, step: ProposalStep) -> Outcome | None:
    """Accept or dismiss one of `article`'s proposals while the story is being saved (None
    for "refresh", which runs after the save: `proposals_after_save`)."""
    if step.verb == "refresh":
        return None
    proposal = AttributionProposal.objects.filter(pk=step.proposal_id, article=article).first()
    if proposal is None:
        return Outcome(
            messages.ERROR,
            "That proposal is no longer on this story's list: the text it came from changed.",
            _refused_comment(step),
        )
    try:
        with transaction.atomic():
            if step.verb == "accept":
                # The story's save keeps the revision, with the acceptance as its comment.
                proposal_accept(proposal=proposal, user=user, record_revision=False)
            else:
                proposal_dismiss(proposal=proposal, user=user, reason=step.reason)
    except (ProposalError, PermissionDenied) as error:
        return Outcome(messages.ERROR, _message(error), _refused_comment(step))
    done = "Accepted" if step.verb == "accept" else "Dismissed"
    return Outcome(
        messages.SUCCESS,
        f"{done}: {proposal.name} ({proposal.get_kind_display()}).",
        accepted_proposal_comment(proposal.pk) if step.verb == "accept" else DISMISSED_COMMENT,
    )


def _refused_comment(step: ProposalStep) -> str:
    # A refused accept leaves the save's own comment; a dismiss says what was asked for.
    return DISMISSED_COMMENT if step.verb == "dismiss" else ""


def approval_step_in_save(*, user, article: Article, step: ApprovalStep) -> Outcome:
    """Approve one of the story's anonymous attributions (or ask the editors to) while the
    story is saved."""
    comment = ASKED_COMMENT if step.asking else APPROVED_COMMENT
    attribution = article.attributions.filter(pk=step.attribution_id, entry=None).first()
    if attribution is None:
        return Outcome(messages.ERROR, "That attribution is no longer on this story.", comment)
    try:
        with transaction.atomic():
            if step.asking:
                asked = request_approval(user=user, attribution=attribution)
            else:
                approve_anonymity(user=user, attribution=attribution)
    except (ValidationError, PermissionDenied) as error:
        return Outcome(messages.ERROR, _message(error), comment)
    who = attribution.public_descriptor or "the anonymous source"
    if not step.asking:
        return Outcome(
            messages.SUCCESS,
            f"You approved anonymity for {who} and are recorded as an editor who knows who "
            "the source is.",
            comment,
        )
    if not asked:
        return Outcome(
            messages.SUCCESS,
            "Nobody can approve anonymity yet: ask an admin to add an editor.",
            comment,
        )
    editors = "editors" if asked != 1 else "editor"
    return Outcome(messages.SUCCESS, f"Asked {asked} {editors} to approve {who}, by mail.", comment)


def proposals_after_save(
    *, article: Article, step: ProposalStep | None, created: bool, body_changed: bool
) -> Outcome | None:
    """After the save: the assistant reads the text again when asked to ("refresh"), or
    when the story is new or its body changed (a message only if it found something)."""
    if step is not None and step.verb == "refresh":
        return Outcome(messages.SUCCESS, found_message(proposals_refresh(article=article)))
    if created or body_changed:
        found = proposals_refresh(article=article)
        if found:
            return Outcome(
                messages.INFO,
                f"The sourcing assistant proposes {attributions(found)} below.",
            )
    return None


def attributions(count: int) -> str:
    """ "1 new attribution", "8 new attributions"."""
    return f"{count} new attribution{'' if count == 1 else 's'}"


def found_message(count: int) -> str:
    """What "Look for sources again" says it found."""
    if not count:
        return "The assistant found no new attributions to propose."
    return f"The assistant found {attributions(count)} to propose."


def _message(error) -> str:
    return "; ".join(getattr(error, "messages", None) or [str(error)])
