"""Anonymity without the words "condition of anonymity" (issue 11): an unnamed official of a
country or body, diplomat or aide is an anonymous source; officials who speak for their own
office ("fire officials") are not. Every sentence here is invented for the test."""

from datetime import date

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
