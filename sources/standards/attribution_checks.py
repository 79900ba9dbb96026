"""Checks of the story's attributions: a source for each, anonymity granted as the policy asks
(reason, approval, an editor who knows, a specific descriptor), right of reply backed by a
request for comment, another outlet credited in full."""

import re
from collections.abc import Iterator

from sources.anonymity import approver_names
from sources.confidential import has_knowing_editor
from sources.models import AttributionKind, CommentOutcome
from sources.standards.findings import BLOCKING, WARNING, Finding


def story_attributions(article) -> list:
    """Every attribution of the story with what the checks need, loaded once per check run."""
    cache = getattr(article, "_standards_attributions", None)
    if cache is None:
        cache = list(
            article.attributions.filter(entry=None)
            .select_related("source", "comment_request", "approved_by", "confidential")
            .prefetch_related("confidential__editors_who_know")
            .order_by("position", "id")
        )
        article._standards_attributions = cache
    return cache


def attribution_label(attribution) -> str:
    """How a finding names an attribution to the reporter."""
    if attribution.anonymous:
        who = f"“{attribution.public_descriptor}”" if attribution.public_descriptor else "anonymous"
    elif attribution.source is not None:
        who = attribution.source.name
    else:
        who = "no source"
    return f"{attribution.get_kind_display()} attribution #{attribution.position + 1} ({who})"


def attribution_target(attribution) -> str:
    return f"attribution:{attribution.pk}"


def check_attribution_source(article) -> Iterator[Finding]:
    for attribution in story_attributions(article):
        if attribution.source_id is None and not attribution.anonymous:
            yield Finding(
                "attribution_source_missing",
                BLOCKING,
                attribution_target(attribution),
                f"{attribution_label(attribution)} names no source: pick one from the registry "
                "(or add it with the + button next to the source field).",
            )


# "a source" alone tells readers nothing (AP: describe how the source knows).
VAGUE_DESCRIPTORS = {
    "source",
    "a source",
    "one source",
    "sources",
    "a person",
    "someone",
    "an insider",
    "an informant",
    "a confidential source",
    "an anonymous source",
    "anonymous sources",
}
# Where a descriptor's head noun phrase ends: "people familiar with …", "officials who …".
_HEAD_END = {
    "with",
    "who",
    "that",
    "familiar",
    "at",
    "in",
    "of",
    "from",
    "for",
    "close",
    "involved",
    "briefed",
    "knowledgeable",
    "on",
    "to",
    "under",
    "inside",
    "within",
}
_PLURAL_WORDS = {"people", "officials", "sources", "aides", "staff", "staffers", "employees"}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "news")


def _is_plural(descriptor: str) -> bool:
    words = re.findall(r"[A-Za-z.'-]+", descriptor.lower())
    head = []
    for word in words:
        if word in _HEAD_END:
            break
        head.append(word)
    if not head:
        return False
    if {"two", "three", "four", "several", "many", "multiple"} & set(head):
        return True
    noun = head[-1].strip(".")
    if noun in _PLURAL_WORDS:
        return True
    return noun.endswith("s") and not noun.endswith(_NOT_PLURAL_ENDINGS) and len(noun) > 3


def _who_approves() -> str:
    names = approver_names()
    if not names:
        return (
            "nobody may approve anonymity yet: an admin must add an editor to the Editors group "
            "(or give someone the “approve anonymity” permission)."
        )
    return f"ask {names} (they approve with one button on the attribution)."


def check_anonymous(article) -> Iterator[Finding]:
    who_approves = None
    for attribution in story_attributions(article):
        if not attribution.anonymous:
            continue
        label, target = attribution_label(attribution), attribution_target(attribution)
        if not attribution.anonymity_reason.strip():
            yield Finding(
                "anon_reason_missing",
                BLOCKING,
                target,
                f"{label} is anonymous but gives readers no reason: fill in “reason for "
                "anonymity”, e.g. “because they were not authorized to discuss the talks”.",
            )
        if attribution.approved_by_id is None:
            # One line, not two: approving also records the approver as an editor who knows.
            who_approves = who_approves or _who_approves()
            yield Finding(
                "anon_not_approved",
                BLOCKING,
                target,
                f"{label} has no approving editor. To approve the grant of anonymity, "
                f"{who_approves}",
            )
        elif not has_knowing_editor(attribution):
            yield Finding(
                "anon_identity_unknown_to_editors",
                BLOCKING,
                target,
                f"{label}: no editor is recorded as knowing who the source is. At least one "
                "editor must know the identity; the editor who approves the grant of "
                "anonymity is recorded as knowing.",
            )
        descriptor = " ".join(attribution.public_descriptor.lower().split())
        if not descriptor or descriptor in VAGUE_DESCRIPTORS:
            yield Finding(
                "anon_descriptor_vague",
                BLOCKING,
                target,
                f"{label}: “{attribution.public_descriptor or 'a source'}” alone tells readers "
                "nothing. Describe the source as specifically as you can without identifying "
                "them, e.g. “a Harbor Authority official involved in the talks”.",
            )
        elif attribution.source_count == 1 and _is_plural(descriptor):
            yield Finding(
                "anon_plural_for_one",
                BLOCKING,
                target,
                f"{label} stands for one person but is described in the plural "
                f"(“{attribution.public_descriptor}”). Use the singular, or set “source count” "
                "to the number of people if there really are several.",
            )
        elif attribution.source_count > 1 and not _is_plural(descriptor):
            yield Finding(
                "anon_singular_for_many",
                WARNING,
                target,
                f"{label} stands for {attribution.source_count} people but is described in "
                f"the singular (“{attribution.public_descriptor}”). Use the plural.",
            )


def check_anonymous_also_declined(article) -> Iterator[Finding]:
    attributions = story_attributions(article)
    refusing = {
        a.source_id: a
        for a in attributions
        if a.source_id and a.kind in (AttributionKind.DECLINED, AttributionKind.NO_RESPONSE)
    }
    for attribution in attributions:
        if not attribution.anonymous or attribution.source_id not in refusing:
            continue
        other = refusing[attribution.source_id]
        yield Finding(
            "anon_source_also_declined",
            BLOCKING,
            attribution_target(attribution),
            f"{attribution_label(attribution)} is the same source the story says "
            f"{'declined to comment' if other.kind == AttributionKind.DECLINED else 'did not respond'}"
            f" ({attribution_label(other)}). Readers would be misled: remove one of the two.",
        )


_REPLY_OUTCOMES = {
    AttributionKind.DECLINED: CommentOutcome.DECLINED,
    AttributionKind.NO_RESPONSE: CommentOutcome.NO_RESPONSE,
}


def check_right_of_reply(article) -> Iterator[Finding]:
    for attribution in story_attributions(article):
        expected = _REPLY_OUTCOMES.get(attribution.kind)
        if expected is None:
            continue
        label, target = attribution_label(attribution), attribution_target(attribution)
        request = attribution.comment_request or _matching_request(article, attribution, expected)
        if request is None:
            yield Finding(
                "reply_without_request",
                BLOCKING,
                target,
                f"{label}: the story says this, but no right-of-reply request backs it. Record who "
                "was asked, when and how under “Right-of-reply requests” (same source, outcome "
                f"“{CommentOutcome(expected).label}”) and link it to this attribution.",
            )
        elif request.outcome != expected:
            yield Finding(
                "reply_outcome_mismatch",
                BLOCKING,
                target,
                f"{label}: the linked comment request's outcome is "
                f"“{request.get_outcome_display()}”, not “{CommentOutcome(expected).label}”. "
                "Correct the outcome or the attribution.",
            )
        elif (
            request.source_id
            and attribution.source_id
            and request.source_id != (attribution.source_id)
        ):
            yield Finding(
                "reply_source_mismatch",
                BLOCKING,
                target,
                f"{label}: the linked comment request was sent to {request.source}, "
                "a different source. Link the request that went to this source.",
            )


def _matching_request(article, attribution, outcome):
    """A request on this story to the same source with the outcome the story states."""
    if attribution.source_id is None:
        return None
    return (
        article.comment_requests.filter(source_id=attribution.source_id, outcome=outcome)
        .order_by("-asked_at")
        .first()
    )


def check_pending_requests(article) -> Iterator[Finding]:
    for request in article.comment_requests.filter(outcome=CommentOutcome.PENDING).select_related(
        "source"
    ):
        yield Finding(
            "comment_request_pending",
            WARNING,
            f"comment_request:{request.pk}",
            f"The request for comment to {request.source or 'a source'} has no outcome yet. "
            "Record whether they responded, declined or did not respond before publishing.",
        )


def check_outlets(article) -> Iterator[Finding]:
    for attribution in story_attributions(article):
        if attribution.kind != AttributionKind.REPORTED_BY:
            continue
        missing = []
        if not attribution.outlet_report.strip():
            missing.append("what it reported")
        if attribution.reported_on is None:
            missing.append("when it reported it")
        if missing:
            yield Finding(
                "outlet_credit_incomplete",
                BLOCKING,
                attribution_target(attribution),
                f"{attribution_label(attribution)}: credit the outlet with {' and '.join(missing)} "
                "(“what the outlet reported” and “reported on”).",
            )
