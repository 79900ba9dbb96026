"""Accept, Edit and Dismiss on the story page, answered in place: the story page's script
(static/js/admin-proposals.js, through newsroom-fetch.js) posts to the proposal's accept or
dismiss address asking for JSON, and gets back a sentence and the panels to redraw (the
proposals, the story's sources, the standards findings). The story form is never posted, so
whatever is typed in it stays there, unsaved, and no revision is written
(`sources.proposals.proposal_accept_in_place`).

Who may use it: whoever may change the story's sourcing (`can_change_sourcing`, checked in the
services); anyone else gets 403 with a sentence. What a user controls: the proposal's id (read
by `parse_id` in the admin's view) and, for Edit, the proposal's fields, each bounded by its
model field's length (a body over Django's upload limits is refused before it is read).
"""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.template.loader import render_to_string

from articles import workflow
from sources.admin.proposal_rows import FIX_FIELDS, posted_corrections
from sources.admin.story_panels import FindingsPanel, ProposalsPanel, SourcesPanel
from sources.models import AttributionProposal
from sources.permissions import can_change_sourcing
from sources.proposals import ProposalError, proposal_accept_in_place, proposal_dismiss
from sources.story_sourcing import posted_dismiss_reason

TEMPLATES = {
    "proposals": "admin/articles/article/proposals_list.html",
    "sources": "admin/articles/article/sources_panel.html",
    "findings": "admin/articles/article/findings_panel.html",
}


def panels_html(request, article) -> dict[str, str]:
    """The panels an accept or dismiss changes, drawn as the story page draws them."""
    context = {
        "has_change_permission": can_change_sourcing(request.user, article),
        "workflow_actions": workflow.allowed_actions(request.user, article),
    }
    for panel in (ProposalsPanel(), SourcesPanel(), FindingsPanel()):
        context.update(panel.context(request, article))
    return {
        name: render_to_string(template, context, request=request)
        for name, template in TEMPLATES.items()
    }


def _refused(error) -> JsonResponse:
    status = 403 if isinstance(error, PermissionDenied) else 400
    text = "; ".join(getattr(error, "messages", None) or [str(error)])
    if isinstance(error, PermissionDenied):
        text = str(error) or "You may not change the sourcing of this story."
    return JsonResponse({"error": text}, status=status)


def accept(request, proposal: AttributionProposal) -> JsonResponse:
    """Accept `proposal`, with the corrections of its Edit form when they were posted."""
    overrides, errors = posted_corrections(proposal, request.POST)
    if errors:
        return JsonResponse(
            {"error": f"Not accepted yet: {FIX_FIELDS}", "errors": errors}, status=400
        )
    try:
        attribution = proposal_accept_in_place(
            proposal=proposal, user=request.user, overrides=overrides
        )
    except (ProposalError, PermissionDenied) as error:
        return _refused(error)
    who = attribution.public_descriptor if attribution.anonymous else attribution.source.name
    kind = attribution.get_kind_display()
    message = f"Accepted: {who} ({kind}). It is in the story's sources."
    return JsonResponse(
        {
            "message": message,
            "panels": panels_html(request, proposal.article),
            # Said under "Attributions", whose rows are the form's: the new one joins them
            # when the page is next drawn.
            "attribution": f"Accepted from a proposal: {kind} — {who}. Saved; it shows "
            "here with the other attributions the next time the story is opened or saved.",
        }
    )


def dismiss(request, proposal: AttributionProposal) -> JsonResponse:
    try:
        proposal_dismiss(
            proposal=proposal,
            user=request.user,
            reason=posted_dismiss_reason(request.POST, proposal.pk),
        )
    except (ProposalError, PermissionDenied) as error:
        return _refused(error)
    message = f"Dismissed: {proposal.name} ({proposal.get_kind_display()})."
    return JsonResponse({"message": message, "panels": panels_html(request, proposal.article)})
