"""What the story page's "Sourcing assistant" panel shows of each pending proposal: who and
what was found, why (the rule and its trigger words, whole), and a small form to correct it
before accepting (`ProposalEditForm`), all read by proposals_panel.html and proposals_list.html.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from articles.models import Article
from sources.models import AttributionKind, AttributionProposal, ProposalStatus
from sources.permissions import can_change_sourcing
from sources.proposals import EDITABLE_FIELDS
from sources.story_sourcing import PROPOSAL_BUTTON, dismiss_reason_field

# How the story page names each of the assistant's rules (finders/<rule>.py).
RULE_LABELS = {
    "quotes": "a quotation and its speaker",
    "speech_verbs": "a speech verb",
    "participles": "a speech participle",
    "according_to": "“according to”",
    "outlets": "another outlet's reporting",
    "replies": "a decline or no response",
    "anonymity": "an unnamed source's reason",
    "quoted_as": "“quoted as” or “cites”",
}


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


def whole_trigger(trigger: str, evidence: str) -> str:
    """The trigger words as the text has them, widened to whole words: a trigger stored cut
    ("the plan was necessa") is shown as its words in the sentence ("the plan was necessary")."""
    trigger = " ".join(trigger.split())
    text = " ".join(evidence.split())
    start = text.find(trigger) if trigger else -1
    if start == -1:
        return trigger
    end = start + len(trigger)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def proposal_rule(proposal: AttributionProposal) -> str:
    """Why the assistant proposed it, in a line: the rule and the words that fired it."""
    if not proposal.rule:
        return ""
    rule = RULE_LABELS.get(proposal.rule, proposal.rule.replace("_", " "))
    trigger = whole_trigger(proposal.trigger, proposal.evidence).strip(" \t\n“”\"‘’'.,;:")
    if trigger:
        return f"Found by the rule for {rule}, on the words “{trigger}”."
    return f"Found by the rule for {rule}."


def confidence_label(proposal: AttributionProposal) -> str:
    """How sure the assistant is, in a word: it names the party itself in the sentence
    ("likely"), or reached it through a pronoun, a surname or "the company" ("check who")."""
    if proposal.confidence >= 80:
        return "likely"
    if proposal.confidence >= 60:
        return "probable: check who"
    if proposal.confidence > 0:
        return "uncertain: check who"
    return ""


def _words_in_text(proposal: AttributionProposal) -> str:
    if proposal.quote:
        return f"“{Truncator(proposal.quote).words(30)}”"
    return Truncator(proposal.evidence).words(30)


FIX_FIELDS = "correct the fields marked, then accept again."


class ProposalEditForm(forms.ModelForm):
    """The proposal's fields an editor may correct before accepting, those its kind uses."""

    class Meta:
        model = AttributionProposal
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 3}),
            "reported_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.instance.kind
        if kind != AttributionKind.QUOTED and not self.instance.quote:
            del self.fields["quote"]
        if kind != AttributionKind.REPORTED_BY:
            del self.fields["outlet"], self.fields["reported_on"]
        if not self.instance.anonymous:
            del self.fields["anonymous"], self.fields["anonymity_reason"]
        if self.instance.source_count < 2:
            del self.fields["source_count"]

    def overrides(self) -> dict:
        """What the editor changed, for `proposal_accept`'s overrides."""
        return {name: self.cleaned_data[name] for name in self.changed_data}


def edit_form(proposal: AttributionProposal, data=None) -> ProposalEditForm:
    return ProposalEditForm(data, instance=proposal, prefix=f"proposal-{proposal.pk}")


def posted_corrections(proposal: AttributionProposal, post) -> tuple[dict, dict]:
    """The corrections posted with an Accept from the proposal's Edit form, and the form's
    errors ({field: [sentences]}); nothing of either for a plain Accept."""
    if not any(key.startswith(f"proposal-{proposal.pk}-") for key in post):
        return {}, {}
    form = edit_form(proposal, post)
    if not form.is_valid():
        return {}, {name: list(errors) for name, errors in form.errors.items()}
    return form.overrides(), {}


def pending_proposals(article: Article) -> list[AttributionProposal]:
    """The story's proposals still waiting for a decision, in the order of the text."""
    return list(
        AttributionProposal.objects.filter(article=article, status=ProposalStatus.PENDING)
        .select_related("matched_source")
        .order_by("span_start", "pk")
    )


def proposal_rows(article: Article, user, proposals=None) -> list[dict]:
    """What the story page's side panel shows of each pending proposal.

    Accept and Dismiss answer in place (static/js/admin-proposals.js posts to `accept_url`
    and `dismiss_url`); without the script they are buttons of the story form
    (`form="article_form"`), which save everything typed before the step."""
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
                "confidence": confidence_label(proposal),
                "confidence_percent": proposal.confidence,
                # Dismissing a proposal of an anonymous source needs a reason: it holds the
                # publish until handled (sources.standards.text_checks)
                "reason_field": dismiss_reason_field(proposal.pk) if proposal.anonymous else "",
                "editable": editable,
                "button_name": PROPOSAL_BUTTON,
                "accept_url": reverse(
                    "admin:sources_attributionproposal_accept", args=[proposal.pk]
                ),
                "dismiss_url": reverse(
                    "admin:sources_attributionproposal_dismiss", args=[proposal.pk]
                ),
                "edit_form": edit_form(proposal) if editable else None,
            }
        )
    return rows
