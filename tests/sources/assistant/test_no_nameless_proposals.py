"""No proposal without a name: "the company", "a manager", "the report" alone are resolved to
the entity named before them, or not proposed at all. Every sentence here is invented."""

from datetime import date

import pytest

from sources.assistant import propose_attributions

TODAY = date(2025, 6, 1)
GENERIC = {"company", "the company", "manager", "a manager", "report", "the report"}


@pytest.mark.parametrize(
    "text",
    [
        "The company said it would appeal.",
        "A manager said the store would close early.",
        "The report said the bridge needs repairs.",
        "According to the report, the pier is unsafe.",
    ],
)
def test_a_bare_generic_noun_is_never_a_source(text):
    names = {p.name.lower() for p in propose_attributions(text, today=TODAY)}
    assert not names & GENERIC, names


def test_the_company_is_the_company_named_before():
    text = (
        "Corvane Software will close its Leeds office. The company said 40 jobs would go, "
        "and the company told staff on Monday."
    )
    names = {p.name for p in propose_attributions(text, today=TODAY)}
    assert names == {"Corvane Software"}
