"""Anonymity without the words "condition of anonymity" (issue 11): an unnamed official of a
country or body, diplomat or aide is an anonymous source; officials who speak for their own
office ("fire officials") are not. Every sentence here is invented for the test."""

from datetime import date

import pytest

from sources.assistant import propose_attributions

TODAY = date(2025, 6, 1)


def anonymity(text):
    return {p.name: p.anonymous for p in propose_attributions(text, today=TODAY)}


def test_an_unnamed_official_of_a_country_is_anonymous():
    found = anonymity(
        "On Monday, a Northlandian official denied that troops had crossed the river."
    )
    assert found == {"Northlandian official": True}


def test_officials_of_a_named_country_are_anonymous():
    found = anonymity("The port reopened on Monday, and U.S. officials said the ships were safe.")
    assert found == {"U.S. officials": True}


def test_diplomats_and_aides_are_anonymous_whoever_they_are():
    assert anonymity("Two diplomats said the talks had stalled.") == {"diplomats": True}
    assert anonymity("Senate aides said the vote would slip.") == {"Senate aides": True}


def test_officials_speaking_for_their_office_are_not_anonymous():
    assert anonymity("Fire officials said the blaze was contained by noon.") == {
        "Fire officials": False
    }


def only(text, kind):
    found = [p for p in propose_attributions(text, today=TODAY) if p.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_anonymous_officials_with_their_reason_stated_later():
    text = (
        "Anonymous U.S. officials have said that the president approved the plan.\n\n"
        "The officials said the decision was made last week.\n\n"
        "The officials were not authorized to discuss the decision publicly and spoke on "
        "condition of anonymity."
    )
    proposal = only(text, "paraphrased")
    assert proposal.name == "U.S. officials"
    assert proposal.anonymous
    assert proposal.anonymity_reason == "not authorized to discuss the decision publicly"


@pytest.mark.parametrize(
    "text, name, reason",
    [
        (
            "People familiar with the matter said the deal was close.",
            "people familiar with the matter",
            "",
        ),
        (
            "A person briefed on the talks said the deal was close.",
            "person briefed on the talks",
            "",
        ),
        (
            "Two officials, who spoke on condition of anonymity because they were not authorized "
            "to discuss the talks, said the deal was close.",
            "officials",
            "because they were not authorized to discuss the talks",
        ),
    ],
)
def test_anonymous_sourcing(text, name, reason):
    proposal = only(text, "paraphrased")
    assert (proposal.name, proposal.anonymous, proposal.anonymity_reason) == (name, True, reason)


def test_one_member_who_spoke_on_condition_of_anonymity():
    found = only(
        "One juror, who spoke on condition of anonymity because deliberations are secret, "
        "said the vote was close.",
        "paraphrased",
    )
    assert (found.name, found.anonymous) == ("juror", True)
    assert found.anonymity_reason == "because deliberations are secret"


def test_an_unnamed_expert_is_an_anonymous_source_but_a_spokesman_is_not():
    found = {
        p.name: p.anonymous
        for p in propose_attributions(
            "According to an engineer who inspected the dam, the spillway was cracked. "
            "A utility spokesman said repairs would start soon.",
            today=TODAY,
        )
    }
    assert found == {"engineer who inspected the dam": True, "utility spokesman": False}


@pytest.mark.parametrize(
    "text, reason",
    [
        (
            "A county official who spoke on condition of anonymity because they were not "
            "authorized to discuss the budget said the shortfall is about $2 million.",
            "because they were not authorized to discuss the budget",
        ),
        (
            "An aide who requested anonymity because she feared losing her job told reporters "
            "the vote would slip.",
            "because she feared losing her job",
        ),
        (
            "A school board member who spoke on condition of anonymity because the board had "
            "not told parents yet said two schools would merge.",
            "because the board had not told parents yet",
        ),
        (
            "A hospital administrator who was not authorized to discuss staffing said nurses "
            "were leaving.",
            "not authorized to discuss staffing",
        ),
        (
            "A ranger who asked not to be named to speak freely about the closures said the "
            "trails would reopen in May.",
            "to speak freely about the closures",
        ),
    ],
)
def test_the_anonymity_reason_ends_where_the_main_clause_starts(text, reason):
    proposal = only(text, "paraphrased")
    assert (proposal.anonymous, proposal.anonymity_reason) == (True, reason)


def test_officials_of_a_body_the_story_names_are_anonymous_also_at_a_sentences_start():
    text = (
        "Lanternism officials have stated they never received the papers. Critics of "
        "Lanternism called that a dodge."
    )
    found = {(p.name, p.anonymous) for p in propose_attributions(text, today=TODAY)}
    assert ("Lanternism officials", True) in found
    # a capital that only starts the sentence names no body: "Race officials" are on the record
    found = {
        (p.name, p.anonymous)
        for p in propose_attributions("Race officials said the course was safe.", today=TODAY)
    }
    assert found == {("Race officials", False)}


def test_unnamed_individuals_and_forum_posters_are_anonymous():
    for text, name in (
        ("Some individuals say the site was down for a day.", "individuals"),
        ("One poster wrote that the site was down for a day.", "poster"),
    ):
        found = {(p.name, p.anonymous) for p in propose_attributions(text, today=TODAY)}
        assert found == {(name, True)}
