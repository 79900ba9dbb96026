"""Admin for the sourcing assistant's proposals: the list on the story page and the pages
behind its buttons.

On the story page each pending proposal has Accept, Edit and Dismiss, and the list has "Look
for sources again". Accept, Dismiss and Look again are buttons of the story form itself
(`name="_proposal"`, value "accept:<id>", "dismiss:<id>" or "refresh"): they save the story
with everything typed in it, then handle the proposal in the same request
(`sources.story_sourcing`, called by the story page's save), so no unsaved word is lost. Edit
opens the proposal's own change page, where saving accepts it with the corrections. The
accept, dismiss and refresh addresses below remain for a proposal handled on its own.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from articles.models import Article
from sources.models import AttributionProposal, ProposalStatus
from sources.permissions import can_change_sourcing
from sources.proposals import (
    EDITABLE_FIELDS,
    ProposalError,
    proposal_accept,
    proposal_dismiss,
    proposals_refresh,
)
from sources.story_sourcing import PROPOSAL_BUTTON


def _story_url(article_id: int) -> str:
    return reverse("admin:articles_article_change", args=[article_id])


def _who(proposal: AttributionProposal):
    parts = [format_html("<strong>{}</strong>", proposal.name or "—")]
    if proposal.descriptor_as_written:
        parts.append(format_html(" ({})", proposal.descriptor_as_written))
    if proposal.outlet:
        parts.append(format_html(" to {}", proposal.outlet))
    if proposal.reported_on:
        parts.append(format_html(", {}", proposal.reported_on.strftime("%b %-d, %Y")))
    if proposal.anonymous:
        reason = proposal.anonymity_reason or "no reason given in the text"
        parts.append(format_html("<br><em>Anonymous:</em> {}", reason))
    if proposal.matched_source_id:
        parts.append(format_html("<br>In the registry: {}", proposal.matched_source))
    return format_html_join("", "{}", ((part,) for part in parts))


# How the story page names each of the assistant's rules (finders/<rule>.py).
RULE_LABELS = {
    "quotes": "a quotation and its speaker",
    "speech_verbs": "a speech verb",
    "participles": "a speech participle",
    "according_to": "“according to”",
    "outlets": "another outlet's reporting",
    "replies": "a decline or no response",
    "anonymity": "an unnamed source's reason",
}


def proposal_rule(proposal: AttributionProposal) -> str:
    """Why the assistant proposed it, in a line: the rule and the words that fired it."""
    if not proposal.rule:
        return ""
    rule = RULE_LABELS.get(proposal.rule, proposal.rule.replace("_", " "))
    trigger = proposal.trigger.strip(" \t\n“”\"‘’'")
    if trigger:
        return f"Found by the rule for {rule}, on the words “{trigger}”."
    return f"Found by the rule for {rule}."


def _words_in_text(proposal: AttributionProposal) -> str:
    if proposal.quote:
        return f"“{Truncator(proposal.quote).words(30)}”"
    return Truncator(proposal.evidence).words(30)


def pending_proposals(article: Article) -> list[AttributionProposal]:
    """The story's proposals still waiting for a decision, in the order of the text."""
    return list(
        AttributionProposal.objects.filter(article=article, status=ProposalStatus.PENDING)
        .select_related("matched_source")
        .order_by("span_start", "pk")
    )


def proposal_rows(article: Article, user, proposals=None) -> list[dict]:
    """What the story page's side panel shows of each pending proposal.

    Accept, Dismiss and Look again are buttons of the story form (`form="article_form"`,
    though the panel sits outside it), so they save everything typed before the step."""
    editable = can_change_sourcing(user, article)
    rows = []
    for proposal in pending_proposals(article) if proposals is None else proposals:
        rows.append(
            {
                "proposal": proposal,
                "anchor": f"proposal-{proposal.pk}",
                "kind": proposal.get_kind_display(),
                "who": _who(proposal),
                "words": _words_in_text(proposal),
                "rule": proposal_rule(proposal),
                "editable": editable,
                "button_name": PROPOSAL_BUTTON,
                "edit_url": reverse("admin:sources_attributionproposal_change", args=[proposal.pk]),
            }
        )
    return rows


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
                "<int:pk>/accept/",
                wrap(self.accept_view),
                name="sources_attributionproposal_accept",
            ),
            path(
                "<int:pk>/dismiss/",
                wrap(self.dismiss_view),
                name="sources_attributionproposal_dismiss",
            ),
            path(
                "refresh/<int:article_id>/",
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

    def _handle(self, request, pk, service, done: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        proposal = get_object_or_404(AttributionProposal, pk=pk)
        try:
            service(proposal=proposal, user=request.user)
        except (ProposalError, PermissionDenied) as error:
            self.message_user(request, _message(error), messages.ERROR)
        else:
            self.message_user(request, f"{done}: {proposal.name} ({proposal.get_kind_display()}).")
        return HttpResponseRedirect(_next(request, _story_url(proposal.article_id)))

    def accept_view(self, request, pk):
        return self._handle(request, pk, proposal_accept, "Accepted")

    def dismiss_view(self, request, pk):
        return self._handle(request, pk, proposal_dismiss, "Dismissed")

    def refresh_view(self, request, article_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=article_id)
        if not can_change_sourcing(request.user, article):
            raise PermissionDenied
        created = proposals_refresh(article=article)
        self.message_user(request, f"The assistant found {created} new proposed attribution(s).")
        return HttpResponseRedirect(_story_url(article.pk))


def _message(error) -> str:
    return "; ".join(getattr(error, "messages", None) or [str(error)])


def _next(request, default: str) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


admin.site.register(AttributionProposal, AttributionProposalAdmin)
