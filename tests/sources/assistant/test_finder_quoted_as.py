"""finders/quoted_as.py: a source inside another's report ("X quotes Y as saying", "X cites Y
as his source"). Every sentence here is invented for the test."""

from datetime import date

from sources.assistant import propose_attributions

TODAY = date(2025, 6, 1)


def found(text):
    return {(p.kind, p.name, p.anonymous) for p in propose_attributions(text, today=TODAY)}


def test_an_outlet_quoting_officials_credits_the_outlet_and_names_the_officials():
    assert found("The Harbor Ledger quotes two port officials as saying the talks stalled.") == {
        ("reported_by", "The Harbor Ledger", False),
        ("paraphrased", "port officials", False),
    }


def test_unnamed_officials_of_a_named_body_quoted_by_state_media_are_anonymous():
    text = "State media quoted Porto police officials Monday saying nobody was hurt."
    assert ("paraphrased", "Porto police officials", True) in found(text)


def test_a_source_cited_as_someones_source_is_a_source():
    assert found("Mr. Ferreira cites a former aide as his source.") == {
        ("paraphrased", "former aide", True)
    }


def test_the_rule_is_named_on_the_proposal():
    (proposal,) = [
        p
        for p in propose_attributions(
            "Mr. Ferreira cites a former aide as his source.", today=TODAY
        )
        if p.kind == "paraphrased"
    ]
    assert (proposal.rule, proposal.trigger) == ("quoted_as", "cites a former aide as his source")
