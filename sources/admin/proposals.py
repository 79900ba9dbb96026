"""Admin for the sourcing assistant's proposals: the pages behind the story page's buttons.

On the story page each pending proposal has Accept, Edit and Dismiss, and the list has "Look
for sources again". Accept, Edit and Dismiss answer in place: the page's script posts to the
accept and dismiss addresses below asking for JSON (`sources.admin.in_place`), and the story
form, with whatever is typed in it, is left alone. Without the script, Accept and Dismiss are
buttons of the story form itself (`name="_proposal"`, value "accept:<id>" or "dismiss:<id>"),
which save the story with everything typed in it and handle the proposal in the same save
(`sources.story_sourcing`); "Look for sources again" is always one, since the assistant reads
the saved text. The panel's rows are drawn by `sources.admin.proposal_rows`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from articles.models import Article
from newsroom.ids import parse_id
from newsroom.requests import wants_json
from sources.admin import in_place
from sources.admin.proposal_rows import (
    FIX_FIELDS,
    pending_proposals,
    posted_corrections,
    proposal_rows,
    proposal_rule,
)
from sources.models import AttributionProposal, ProposalStatus
from sources.permissions import can_change_sourcing
from sources.proposals import (
    EDITABLE_FIELDS,
    ProposalError,
    proposal_accept,
    proposal_dismiss,
    proposals_refresh,
)
from sources.story_sourcing import found_message, posted_dismiss_reason

__all__ = ["AttributionProposalAdmin", "pending_proposals", "proposal_rows", "proposal_rule"]


def _story_url(article_id: int) -> str:
    return reverse("admin:articles_article_change", args=[article_id])


class AttributionProposalAdmin(admin.ModelAdmin):
    """Saving a pending proposal's page accepts it, with the changes made on the page."""

    list_display = ["name", "kind", "article", "status", "handled_by", "handled_at"]
    list_filter = ["status", "kind", "anonymous"]
    search_fields = ["name", "quote", "article__headline"]
    list_select_related = ["article", "handled_by"]
    autocomplete_fields = ["matched_source"]
    fieldsets = [
        (
            None,
            {
                "description": "Correct what the assistant found, then save: saving accepts "
                "the proposal and adds the attribution to the story.",
                "fields": ["article", "evidence", "status"],
            },
        ),
        (
            "Attribution",
            {"fields": [*EDITABLE_FIELDS, "matched_source"]},
        ),
    ]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        base = ["article", "evidence", "status"]
        if obj is not None and obj.status != ProposalStatus.PENDING:
            return [*base, *EDITABLE_FIELDS, "matched_source"]
        return base

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<str:pk>/accept/",
                wrap(self.accept_view),
                name="sources_attributionproposal_accept",
            ),
            path(
                "<str:pk>/dismiss/",
                wrap(self.dismiss_view),
                name="sources_attributionproposal_dismiss",
            ),
            path(
                "refresh/<str:article_id>/",
                wrap(self.refresh_view),
                name="sources_attributionproposal_refresh",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        overrides = {f: form.cleaned_data[f] for f in EDITABLE_FIELDS if f in form.changed_data}
        if "matched_source" in form.changed_data and form.cleaned_data["matched_source"]:
            overrides["source"] = form.cleaned_data["matched_source"]
        try:
            proposal_accept(proposal=obj, user=request.user, overrides=overrides)
        except (ProposalError, PermissionDenied) as error:
            request._proposal_error = error
        else:
            request._proposal_error = None

    def response_change(self, request, obj):
        error = getattr(request, "_proposal_error", None)
        if error is not None:
            self.message_user(request, _message(error), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(request, f"Accepted: {obj.name} ({obj.get_kind_display()}).")
        return HttpResponseRedirect(_story_url(obj.article_id))

    def _proposal(self, request, pk) -> AttributionProposal:
        proposal_id = parse_id(pk)
        if proposal_id is None:
            raise Http404("No such proposal.")
        return get_object_or_404(
            AttributionProposal.objects.select_related("article"), pk=proposal_id
        )

    def _handle(self, request, proposal, service, done: str, **kwargs):
        try:
            service(proposal=proposal, user=request.user, **kwargs)
        except (ProposalError, PermissionDenied) as error:
            self.message_user(request, _message(error), messages.ERROR)
        else:
            self.message_user(request, f"{done}: {proposal.name} ({proposal.get_kind_display()}).")
        return HttpResponseRedirect(_next(request, _story_url(proposal.article_id)))

    def accept_view(self, request, pk):
        """Accept: in place for the story page's script (JSON); else, for a form posted
        without it, with a revision of its own, and back to the story."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        proposal = self._proposal(request, pk)
        if wants_json(request):
            return in_place.accept(request, proposal)
        overrides, errors = posted_corrections(proposal, request.POST)
        if errors:
            self.message_user(request, f"Not accepted yet: {FIX_FIELDS}", messages.ERROR)
            return HttpResponseRedirect(_next(request, _story_url(proposal.article_id)))
        return self._handle(request, proposal, proposal_accept, "Accepted", overrides=overrides)

    def dismiss_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        proposal = self._proposal(request, pk)
        if wants_json(request):
            return in_place.dismiss(request, proposal)
        reason = posted_dismiss_reason(request.POST, proposal.pk)
        return self._handle(request, proposal, proposal_dismiss, "Dismissed", reason=reason)

    def refresh_view(self, request, article_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article_pk = parse_id(article_id)
        if article_pk is None:
            raise Http404("No such story.")
        article = get_object_or_404(Article, pk=article_pk)
        if not can_change_sourcing(request.user, article):
            raise PermissionDenied
        self.message_user(request, found_message(proposals_refresh(article=article)))
        return HttpResponseRedirect(_story_url(article.pk))


def _message(error) -> str:
    return "; ".join(getattr(error, "messages", None) or [str(error)])


def _next(request, default: str) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


admin.site.register(AttributionProposal, AttributionProposalAdmin)
