"""The standards policies as the publishing system enforces them: one sentence per rule.

Each `Rule` is one finding the standards gate yields (its `code`), the policy page it belongs
to (the pages without rules, such as the masthead, state none), whether it must be fixed or may be published over with an editor's recorded reason,
and the sentence readers are told on that policy page ("What our publishing system checks").
The corrections policy's rules are the corrections module's refusals.

The pages are generated from this table, and `tests/sources/test_policies_as_code.py` fails
when the table and the checks disagree: a check yielding a code the table does not state, a
stated rule no check yields, or a rule stated as a must whose check only warns (or the
reverse). So a rule cannot change in code without its public sentence changing too.
"""

from dataclasses import dataclass

from sources.models import PolicyKind

UNNAMED = PolicyKind.UNNAMED_SOURCES
PRINCIPLES = PolicyKind.PUBLISHING_PRINCIPLES
CORRECTIONS = PolicyKind.CORRECTIONS
NO_BYLINES = PolicyKind.NO_BYLINES


@dataclass(frozen=True)
class Rule:
    code: str
    policy: str
    must: bool  # True: the story cannot be published until it is fixed
    statement: str


GATE_RULES = (
    Rule(
        "anon_words_unrecorded",
        UNNAMED,
        True,
        "When a story says a source is not named (“who spoke on condition of anonymity”), "
        "that source is recorded as an anonymous source, with its reason and approval.",
    ),
    Rule(
        "anon_proposal_pending",
        UNNAMED,
        True,
        "An unnamed source the sourcing assistant finds in a story is recorded, or set aside "
        "by an editor with a reason, before the story is published.",
    ),
    Rule(
        "anon_not_approved",
        UNNAMED,
        True,
        "Every grant of anonymity is approved by an editor before the story can be published.",
    ),
    Rule(
        "anon_identity_unknown_to_editors",
        UNNAMED,
        True,
        "At least one editor knows who each anonymous source is.",
    ),
    Rule(
        "anon_reason_missing",
        UNNAMED,
        True,
        "Each anonymous source is printed with the reason anonymity was granted.",
    ),
    Rule(
        "anon_descriptor_vague",
        UNNAMED,
        True,
        "An anonymous source is described to readers as precisely as we can, never as "
        "“a source” alone.",
    ),
    Rule(
        "anon_plural_for_one",
        UNNAMED,
        True,
        "An anonymous source described in the plural stands for more than one person.",
    ),
    Rule(
        "anon_singular_for_many",
        UNNAMED,
        False,
        "Several people granted anonymity together are described in the plural.",
    ),
    Rule(
        "anon_source_also_declined",
        UNNAMED,
        True,
        "A source granted anonymity is never also reported as declining to comment.",
    ),
    Rule(
        "attribution_source_missing",
        PRINCIPLES,
        True,
        "Every attribution names its source from our source registry.",
    ),
    Rule(
        "quote_unattributed",
        PRINCIPLES,
        True,
        "Every quotation is attributed to the person or body who said it.",
    ),
    Rule(
        "quote_fragment_unattributed",
        PRINCIPLES,
        False,
        "Quoted words and phrases are attributed too.",
    ),
    Rule(
        "descriptor_mismatch",
        PRINCIPLES,
        False,
        "A source is described as our registry describes them.",
    ),
    Rule(
        "reply_without_request",
        PRINCIPLES,
        True,
        "“Declined to comment” and “did not respond” are printed only when we asked, and "
        "recorded whom, when and how.",
    ),
    Rule(
        "reply_outcome_mismatch",
        PRINCIPLES,
        True,
        "What we say a source answered is what our record of the request says.",
    ),
    Rule(
        "reply_source_mismatch",
        PRINCIPLES,
        True,
        "A right-of-reply line names the source we actually asked.",
    ),
    Rule(
        "comment_request_pending",
        PRINCIPLES,
        False,
        "A story goes out while a request for comment is unanswered only with an editor's "
        "recorded reason.",
    ),
    Rule(
        "outlet_credit_incomplete",
        PRINCIPLES,
        True,
        "Reporting by another news organization is credited with what it reported and when.",
    ),
    Rule(
        "wire_copy_staff_byline",
        NO_BYLINES,
        True,
        "Copy from a news agency or another outlet carries their name in the byline until "
        "more than half of it is our own writing.",
    ),
    Rule(
        "wire_copy_uncredited",
        PRINCIPLES,
        True,
        "A story made from another outlet's copy always credits them.",
    ),
    Rule("byline_missing", NO_BYLINES, True, "Every story says who wrote it."),
    Rule("headline_missing", PRINCIPLES, True, "Every story has a headline."),
    Rule("body_missing", PRINCIPLES, True, "No story is published or scheduled without its text."),
    Rule("section_missing", PRINCIPLES, True, "Every story is filed in a section."),
    Rule(
        "placeholder_left",
        PRINCIPLES,
        True,
        "No story is published with a reporter's placeholder (such as [NEED …] or TK) in it.",
    ),
    Rule(
        "image_alt_missing",
        PRINCIPLES,
        True,
        "Every picture is described for readers who cannot see it.",
    ),
    Rule(
        "image_credit_missing",
        PRINCIPLES,
        False,
        "Every picture is credited, unless an editor records why it cannot be.",
    ),
    Rule(
        "dateline_repeated",
        PRINCIPLES,
        False,
        "A story's dateline is printed once.",
    ),
)

# The corrections module's refusals (`sources.corrections`), by their error codes.
CORRECTION_RULES = (
    Rule(
        "correction_needs_published_story",
        CORRECTIONS,
        True,
        "A correction is only ever attached to a story readers have seen.",
    ),
    Rule(
        "correction_text_required",
        CORRECTIONS,
        True,
        "Every correction says, in words, what was wrong.",
    ),
    Rule(
        "correction_kind_invalid",
        CORRECTIONS,
        True,
        "Each is labelled as a correction, a clarification or an editor's note.",
    ),
)

RULES = GATE_RULES + CORRECTION_RULES


def rules_for(policy: str) -> list[Rule]:
    """The rules a policy page states, musts first."""
    return sorted((r for r in RULES if r.policy == policy), key=lambda r: not r.must)
