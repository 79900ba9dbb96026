"""The policy pages say what the publishing system enforces, and nothing it does not.

The pages are generated from `sources.standards.policy`; these tests hold that table to the
code: every finding a standards check can yield is stated, with the same severity, and
every stated rule is yielded by a check (or raised by the corrections module).
"""

import re
from pathlib import Path

import pytest

from articles.workflow.errors import CorrectionNeedsPublishedStory
from sources import corrections
from sources.models import PolicyKind, policy_path
from sources.standards import check_article
from sources.standards.policy import CORRECTION_RULES, GATE_RULES, RULES

STANDARDS = Path(corrections.__file__).parent / "standards"
# `Finding("code", BLOCKING, ...)` as every check writes it.
FINDING = re.compile(r'Finding\(\s*"(?P<code>\w+)",\s*(?P<severity>BLOCKING|WARNING)\b')


def yielded_by_the_checks() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for module in STANDARDS.glob("*.py"):
        for match in FINDING.finditer(module.read_text(encoding="utf-8")):
            found.setdefault(match["code"], set()).add(match["severity"])
    return found


def test_every_finding_of_the_gate_is_stated_with_its_severity_and_nothing_more():
    yielded = yielded_by_the_checks()
    assert len(yielded) >= 20  # the pattern still matches how checks are written
    stated = {rule.code: {"BLOCKING" if rule.must else "WARNING"} for rule in GATE_RULES}
    assert stated == yielded


def test_every_correction_rule_is_a_refusal_of_the_corrections_module():
    source = Path(corrections.__file__).read_text(encoding="utf-8")
    for rule in CORRECTION_RULES:
        assert f'code="{rule.code}"' in source or rule.code == CorrectionNeedsPublishedStory.code, (
            rule.code
        )


# The pages whose policy the publishing system enforces; the others (masthead, ethics, …)
# are the newsroom's words alone.
ENFORCED = {
    PolicyKind.PUBLISHING_PRINCIPLES,
    PolicyKind.CORRECTIONS,
    PolicyKind.UNNAMED_SOURCES,
    PolicyKind.NO_BYLINES,
}


def test_the_enforced_policies_have_rules_and_codes_are_unique():
    assert {rule.policy for rule in RULES} == ENFORCED
    assert len({rule.code for rule in RULES}) == len(RULES)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PolicyKind.values)
def test_each_policy_page_lists_the_rules_it_enforces(client, kind):
    page = client.get(policy_path(kind))
    assert page.status_code == 200
    text = page.content.decode()
    assert ("What our publishing system checks" in text) == (kind in ENFORCED)
    for rule in RULES:
        assert (f'data-rule="{rule.code}"' in text) == (rule.policy == kind), rule.code


@pytest.mark.django_db
def test_a_stated_must_really_blocks_a_story(make_article):
    """One rule played end to end: the page says a story needs a byline, and the gate says so."""
    article = make_article("Pier closed")
    article.author_links.all().delete()
    blocking = {f.code for f in check_article(article) if f.is_blocking}
    assert "byline_missing" in blocking
    assert next(r for r in RULES if r.code == "byline_missing").must
