"""Standards checks run before a story is published.

`check_article(article)` returns findings; a blocking finding stops the publish, a
warning may be overridden by an editor with a recorded reason. The publish transition
(`articles.workflow.transitions.publish`) asks `unresolved_warnings` and `record_overrides` here, the
one home of the override rules.
Each check is a small function taking the article and yielding findings, listed in
CHECKS. The rules follow AP, Reuters and New York Times practice on anonymous sources,
attribution, descriptors and right of reply; messages are written for the reporter who
has to fix the story.

The checks live by what they read: `story_checks` (the story's own fields),
`attribution_checks` (its attributions and requests for comment), `body_checks` (the words
of the body), `text_checks` (a body at all, and words of anonymity no record answers); `findings` holds what a check yields and `overrides` publishing over a
warning. This module is the entry point: callers import from `sources.standards`.
"""

from sources.standards.attribution_checks import (
    check_anonymous,
    check_anonymous_also_declined,
    check_attribution_source,
    check_outlets,
    check_pending_requests,
    check_right_of_reply,
)
from sources.standards.body_checks import check_descriptors, check_quotes, proposal_fixing
from sources.standards.findings import BLOCKING, WARNING, Finding, blocking_findings
from sources.standards.overrides import (
    OverrideKey,
    override_reason,
    record_overrides,
    unresolved_warnings,
)
from sources.standards.story_checks import (
    check_byline,
    check_dateline,
    check_headline,
    check_lead_image,
    check_placeholders,
    check_section,
)
from sources.standards.text_checks import (
    check_anonymity_words,
    check_anonymous_proposals,
    check_body,
)
from sources.standards.wire_checks import check_wire_copy

__all__ = [
    "BLOCKING",
    "CHECKS",
    "WARNING",
    "Finding",
    "OverrideKey",
    "blocking_findings",
    "check_article",
    "override_reason",
    "proposal_fixing",
    "record_overrides",
    "unresolved_warnings",
]

CHECKS = [
    check_headline,
    check_body,
    check_byline,
    check_section,
    check_lead_image,
    check_placeholders,
    check_dateline,
    check_attribution_source,
    check_anonymous,
    check_anonymity_words,
    check_anonymous_proposals,
    check_anonymous_also_declined,
    check_right_of_reply,
    check_pending_requests,
    check_outlets,
    check_wire_copy,
    check_quotes,
    check_descriptors,
]


def check_article(article) -> list[Finding]:
    """Every finding for `article`, blocking ones first."""
    article.__dict__.pop("_standards_attributions", None)
    try:
        findings = [finding for check in CHECKS for finding in check(article)]
    finally:
        article.__dict__.pop("_standards_attributions", None)
    return sorted(findings, key=lambda f: (not f.is_blocking, f.code, f.target))
