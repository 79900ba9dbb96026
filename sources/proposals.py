"""Services for the sourcing assistant's proposals: refresh them from a story's text, accept
one (creating or linking the Source, the Attribution and, for a decline, the comment request
to complete), or dismiss it.

Handled proposals are kept: their fingerprint (kind, name, quote and the sentence they came
from) stops them coming back on the next refresh. A dismissed one stays dismissed while its
sentence stays much the same (`same_sentence`: a one-word edit does not bring it back, a
rewritten sentence does), and nothing is proposed that repeats an attribution the story
already has (`repeats_attribution`: same source and kind).

Accepted on the story page (`proposal_accept_in_place`), a proposal adds its attribution and
a line in the story's history ("attribution accepted from a proposal") but no revision: the
story's text may hold unsaved edits, and its next save records the attribution with them.
"""

import re
from datetime import date
from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.workflow import events
from sources.assistant import (
    DECLINED,
    NO_RESPONSE,
    QUOTED,
    REPORTED_BY,
    RegistryEntry,
    guess_source_kind,
)
from sources.assistant import propose_attributions as assistant_proposals
from sources.lookup import search_sources
from sources.models import (
    Attribution,
    AttributionKind,
    AttributionProposal,
    CommentOutcome,
    CommentRequest,
    ProposalStatus,
    Source,
)
from sources.permissions import can_change_sourcing
from sources.standards.counts import store_findings_counts

EDITABLE_FIELDS = (
    "kind",
    "name",
    "descriptor_as_written",
    "anonymous",
    "anonymity_reason",
    "outlet",
    "reported_on",
    "quote",
    "source_count",
)


# How alike a dismissed sentence and a new one must be (difflib's ratio of their words) for
# the new one to count as the same sentence, still dismissed. A one-word edit of a sentence of
# six words or more stays above it; a rewritten sentence falls well below.
SAME_SENTENCE_RATIO = 0.8

_WORD = re.compile(r"\w+")
DISMISS_REASON_MAX = 300


class ProposalError(ValidationError):
    """A proposal that cannot be handled as asked (already handled, bad overrides)."""


def sentence_words(text: str) -> list[str]:
    """A sentence's words as the comparison reads them: lower case, no punctuation."""
    return _WORD.findall((text or "").lower())


def same_sentence(old: str, new: str) -> bool:
    """True when `new` is `old` with small edits: at most one word changed, added or removed,
    or a similarity of at least SAME_SENTENCE_RATIO. Each sentence is cut at 400 words, which
    bounds the comparison's cost whatever a story holds."""
    a, b = sentence_words(old)[:400], sentence_words(new)[:400]
    if a == b:
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    if max(len(a), len(b)) - kept <= 1:
        return True
    return matcher.ratio() >= SAME_SENTENCE_RATIO


def _names(source) -> set[str]:
    if source is None:
        return set()
    return {" ".join(n.lower().split()) for n in [source.name, *source.aliases] if n}


def repeats_attribution(
    *, kind: str, name: str, source_id, anonymous: bool, quote: str, attributions
) -> bool:
    """Whether a proposal (its kind, name, matched source, quote) repeats one of the story's
    `attributions`: the same kind and the same source (by registry id, by name or alias, or
    for an anonymous source by its description). A quotation no Quoted attribution of that
    source holds yet is not a repeat: each quotation must be attributed."""
    name = " ".join((name or "").lower().split())
    for attribution in attributions:
        if attribution.kind != kind:
            continue
        if anonymous or attribution.anonymous:
            same = (
                anonymous
                and attribution.anonymous
                and name == " ".join(attribution.public_descriptor.lower().split())
            )
        else:
            same = (source_id is not None and source_id == attribution.source_id) or (
                bool(name) and name in _names(attribution.source)
            )
        if not same:
            continue
        another_quote = (
            kind == QUOTED
            and quote.strip()
            and attribution.quote.strip()
            and not _quotes_overlap(quote, attribution.quote)
        )
        if not another_quote:  # else another quotation from the same speaker
            return True
    return False


def _quotes_overlap(a: str, b: str) -> bool:
    words_a, words_b = sentence_words(a), sentence_words(b)
    if not words_a or not words_b:
        return False
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    longest = matcher.find_longest_match(0, len(words_a), 0, len(words_b)).size
    return longest >= min(5, len(words_a), len(words_b))


def _story_attributions(article: Article) -> list[Attribution]:
    return list(article.attributions.filter(entry=None).select_related("source"))


def _still_dismissed(proposal, dismissed) -> bool:
    """Whether a found proposal is one dismissed before, its sentence barely edited since."""
    name = proposal.name.lower()
    return any(
        old.kind == proposal.kind
        and old.name.lower() == name
        and same_sentence(old.evidence, proposal.evidence)
        for old in dismissed
    )


def source_registry() -> list[RegistryEntry]:
    """The registry as the assistant sees it: active sources, names and aliases."""
    return [
        RegistryEntry(s.pk, s.name, tuple(s.aliases), s.descriptor, s.kind)
        for s in Source.objects.filter(is_active=True).only(
            "pk", "name", "aliases", "descriptor", "kind"
        )
    ]


@transaction.atomic
def proposals_refresh(*, article: Article, today: date | None = None) -> int:
    """Run the assistant on the story's body and store what is new. Returns how many new
    pending proposals there are. Pending proposals the text no longer supports are removed;
    accepted and dismissed ones stay, so they do not come back."""
    found = assistant_proposals(article.body or "", source_registry(), today=today)
    existing = set(article.proposals.values_list("fingerprint", flat=True))
    dismissed = list(
        article.proposals.filter(status=ProposalStatus.DISMISSED).only("kind", "name", "evidence")
    )
    attributions = _story_attributions(article)
    current = set()
    created = 0
    for proposal in found:
        fingerprint = proposal.fingerprint
        if fingerprint in current:
            continue
        if repeats_attribution(
            kind=proposal.kind,
            name=proposal.name,
            source_id=proposal.source_id,
            anonymous=proposal.anonymous,
            quote=proposal.quote,
            attributions=attributions,
        ):
            continue
        if fingerprint not in existing and _still_dismissed(proposal, dismissed):
            continue
        current.add(fingerprint)
        if fingerprint in existing:
            continue
        AttributionProposal.objects.create(
            article=article,
            kind=proposal.kind,
            name=proposal.name[:200],
            descriptor_as_written=proposal.descriptor[:200],
            anonymous=proposal.anonymous,
            anonymity_reason=proposal.anonymity_reason[:300],
            outlet=proposal.outlet[:200],
            reported_on=proposal.reported_on,
            quote=proposal.quote,
            evidence=proposal.evidence,
            span_start=proposal.span[0],
            span_end=proposal.span[1],
            matched_source_id=proposal.source_id,
            fingerprint=fingerprint,
            rule=proposal.rule[:40],
            trigger=_whole_words(proposal.trigger, 200),
            confidence=proposal.confidence,
            source_count=proposal.source_count,
        )
        created += 1
    article.proposals.filter(status=ProposalStatus.PENDING).exclude(
        fingerprint__in=current
    ).delete()
    return created


def proposals_prune(*, article: Article) -> int:
    """Remove the story's pending proposals that repeat one of its attributions (one added by
    hand, or accepted from another proposal). Returns how many went."""
    attributions = _story_attributions(article)
    if not attributions:
        return 0
    repeats = [
        proposal.pk
        for proposal in article.proposals.filter(status=ProposalStatus.PENDING)
        if repeats_attribution(
            kind=proposal.kind,
            name=proposal.name,
            source_id=proposal.matched_source_id,
            anonymous=proposal.anonymous,
            quote=proposal.quote,
            attributions=attributions,
        )
    ]
    if repeats:
        AttributionProposal.objects.filter(pk__in=repeats).delete()
    return len(repeats)


def _whole_words(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a space: never mid-word."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else text[:limit]
    return cut.rstrip()


def _lock_pending(proposal: AttributionProposal, user) -> AttributionProposal:
    locked = (
        AttributionProposal.objects.select_for_update()
        .select_related("article")
        .get(pk=proposal.pk)
    )
    if not can_change_sourcing(user, locked.article):
        raise PermissionDenied("You cannot change the sourcing of this story.")
    if locked.status != ProposalStatus.PENDING:
        raise ProposalError(
            f"This proposal was already {locked.get_status_display().lower()}.",
            code="already_handled",
        )
    return locked


def _source_for(values: dict, proposal: AttributionProposal) -> Source | None:
    """The registry source the attribution links to: chosen, matched, found or created."""
    if values.get("source") is not None:
        source = values["source"]
        return source if isinstance(source, Source) else Source.objects.get(pk=source)
    if values["anonymous"]:
        return None  # who they are is for the editor who knows, not the assistant
    name = " ".join(values["name"].split())
    if not name:
        raise ProposalError("Name the source before accepting.", code="name_required")
    if proposal.matched_source_id and name == proposal.name:
        return proposal.matched_source
    found = search_sources(query=name, exact=True).first()
    if found:
        return found
    source = Source(
        kind=guess_source_kind(name, values["kind"]),
        name=name,
        descriptor=values["descriptor_as_written"],
    )
    source.full_clean()
    source.save()
    return source


def accepted_revision_comment(kind: str, name: str) -> str:
    """The story revision's comment for an accepted proposal, e.g.
    "Accepted the assistant's proposal: Quoted — Ana Ruiz"."""
    label = AttributionKind(kind).label if kind in AttributionKind.values else kind
    return f"Accepted the assistant's proposal: {label} — {name or '(no name)'}"


def accepted_proposal_comment(pk: int) -> str:
    """`accepted_revision_comment` for the accepted proposal `pk` (as it was proposed)."""
    proposal = AttributionProposal.objects.get(pk=pk)
    return accepted_revision_comment(proposal.kind, proposal.name)


@transaction.atomic
def proposal_accept(
    *,
    proposal: AttributionProposal,
    user,
    overrides: dict | None = None,
    record_revision: bool = True,
) -> Attribution:
    """Turn a proposal into an attribution on its story, with `overrides` (the editor's
    corrections: any of EDITABLE_FIELDS, or `source`) applied first.

    The story gets a revision holding the new attribution (`workflow.touch_article`: a new
    version, and "live + draft" for a live story), commented "Accepted the assistant's
    proposal: …". `record_revision=False` is for a caller saving the story in the same
    transaction, whose own revision holds it (the story form's Accept button)."""
    proposal = _lock_pending(proposal, user)
    overrides = dict(overrides or {})
    unknown = set(overrides) - set(EDITABLE_FIELDS) - {"source"}
    if unknown:
        raise ProposalError(
            f"Cannot change {', '.join(sorted(unknown))} on a proposal.", code="bad_override"
        )
    values = {field: getattr(proposal, field) for field in EDITABLE_FIELDS} | overrides
    source = _source_for(values, proposal)
    article = proposal.article
    position = (
        article.attributions.filter(entry=None).aggregate(top=Max("position"))["top"] or 0
    ) + 1
    attribution = Attribution(
        article=article,
        source=source,
        kind=values["kind"],
        anonymous=values["anonymous"],
        public_descriptor=values["name"][:200] if values["anonymous"] else "",
        anonymity_reason=values["anonymity_reason"],
        quote=values["quote"],
        descriptor_as_written=values["descriptor_as_written"],
        outlet_report=proposal.evidence[:400] if values["kind"] == REPORTED_BY else "",
        reported_on=values["reported_on"],
        source_count=values["source_count"],
        position=position,
    )
    if values["kind"] in (DECLINED, NO_RESPONSE):
        # The request itself (how, when, deadline) is for the reporter to complete.
        request = CommentRequest(
            article=article,
            source=source,
            asked_by=article.created_by or user,
            outcome=CommentOutcome.DECLINED
            if values["kind"] == DECLINED
            else CommentOutcome.NO_RESPONSE,
            outcome_at=timezone.now(),
        )
        request.full_clean()
        request.save()
        attribution.comment_request = request
    attribution.full_clean()
    attribution.save()
    proposal.status = ProposalStatus.ACCEPTED
    proposal.handled_by = user
    proposal.handled_at = timezone.now()
    proposal.matched_source = source
    proposal.save(update_fields=["status", "handled_by", "handled_at", "matched_source"])
    if record_revision:
        workflow.touch_article(
            user, article, comment=accepted_revision_comment(values["kind"], values["name"])
        )
    return attribution


@transaction.atomic
def proposal_accept_in_place(
    *, proposal: AttributionProposal, user, overrides: dict | None = None
) -> Attribution:
    """Accept a proposal from the story page without saving the story's text (which may hold
    unsaved edits): the attribution is saved, the story's history says "attribution accepted
    from a proposal", the findings counts follow, and proposals repeating it go. No revision:
    the story's next save records the attribution, with whatever was typed meanwhile."""
    attribution = proposal_accept(
        proposal=proposal, user=user, overrides=overrides, record_revision=False
    )
    article = attribution.article
    events.record(
        user,
        article,
        events.PROPOSAL_ACCEPTED,
        article.state,
        note=accepted_revision_comment(attribution.kind, _accepted_name(attribution)),
        now=timezone.now(),
    )
    proposals_prune(article=article)
    store_findings_counts(article)
    return attribution


def _accepted_name(attribution: Attribution) -> str:
    if attribution.anonymous:
        return attribution.public_descriptor
    return attribution.source.name if attribution.source else ""


@transaction.atomic
def proposal_dismiss(
    *, proposal: AttributionProposal, user, reason: str = ""
) -> AttributionProposal:
    """Set a proposal aside: it stays dismissed until the text it came from changes.

    A proposal of an anonymous source holds the story's publish until it is handled, so
    dismissing one needs a `reason` (kept, and shown to whoever asks why the story went out
    with those words): "the text quotes a document, not a source", say."""
    proposal = _lock_pending(proposal, user)
    reason = " ".join((reason or "").split())
    if proposal.anonymous and not reason:
        raise ProposalError(
            f"Say why you dismiss “{proposal.name}”: the text says a source is not named "
            "(“Why dismiss it?” beside the button), or accept it as an anonymous source.",
            code="reason_required",
        )
    if len(reason) > DISMISS_REASON_MAX:
        raise ProposalError(
            f"Keep the reason to {DISMISS_REASON_MAX} characters (it has {len(reason)}).",
            code="reason_too_long",
        )
    proposal.status = ProposalStatus.DISMISSED
    proposal.handled_by = user
    proposal.handled_at = timezone.now()
    proposal.dismiss_reason = reason
    proposal.save(update_fields=["status", "handled_by", "handled_at", "dismiss_reason"])
    return proposal
