"""finders/outlets.py and finders/according_to.py on reported speech through another outlet
(issue 11). Every sentence here is invented for the test."""

from datetime import date

import pytest

from sources.assistant import propose_attributions

TODAY = date(2025, 6, 1)


def credits(text):
    return {p.name for p in propose_attributions(text, today=TODAY) if p.kind == "reported_by"}


def test_a_source_who_told_an_outlet_credits_the_outlet():
    text = "Mayor Ana Ruiz told the Harbor News Agency that the bridge would reopen in May."
    assert credits(text) == {"Harbor News Agency"}


def test_an_outlet_the_lists_do_not_know_is_found_by_its_noun():
    text = (
        "The mayor, in remarks to Costa Verde television, said the port would stay shut. "
        "According to Lumen news agency, the strike was called off."
    )
    assert credits(text) == {"Costa Verde", "Lumen"}


def test_interviews_quoting_and_airing_credit_the_outlet():
    text = (
        "In an interview with The Weekly Ledger on Monday, Ana Ruiz said the port would reopen. "
        "The Harbor Star, quoting the Daily Courier, said two ships had left. "
        "In a message aired on River Radio, Ruiz said the talks would go on."
    )
    assert {"The Weekly Ledger", "The Harbor Star", "Daily Courier", "River Radio"} <= credits(text)


def test_a_weekday_after_the_outlet_is_not_part_of_its_name():
    text = "Ana Ruiz told The Weekly Ledger Thursday that the port would reopen."
    assert credits(text) == {"The Weekly Ledger"}


def test_state_media_saying_is_a_credit_but_media_reports_about_are_not():
    assert credits("Northland state media say the death toll has risen to 40.") == {
        "Northland state media"
    }
    assert credits("Ruiz says many news media reports about the strike were wrong.") == set()


def test_an_outlet_that_notes_or_cites_is_credited():
    text = "The Harbor Star noted that the port had been idle for a week."
    assert credits(text) == {"The Harbor Star"}


def test_a_person_told_is_not_an_outlet():
    assert credits("Ana Ruiz told Mateo Silva that the bridge would reopen.") == set()


def test_an_outlet_told_a_quote_is_credited_and_goes_with_the_quote():
    text = "Ana Ruiz told The Weekly Ledger that the port was “ready at last.”"
    assert credits(text) == {"The Weekly Ledger"}
    (quote,) = [p for p in propose_attributions(text, today=TODAY) if p.kind == "quoted"]
    assert quote.outlet == "The Weekly Ledger"


def only(text, kind):
    found = [p for p in propose_attributions(text, today=TODAY) if p.kind == kind]
    assert len(found) == 1, found
    return found[0]


def pairs(text, **kwargs):
    return {(p.kind, p.name) for p in propose_attributions(text, today=TODAY, **kwargs)}


def test_outlet_named_inside_a_quote_is_not_a_credit():
    text = "“I read in The Capital Ledger that we are out of water,” said Mayor Dennis Kwan."
    assert pairs(text) == {("quoted", "Dennis Kwan")}


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("Reuters reported the plans.", "Reuters"),
        ("The deal was first reported by The Wall Street Journal.", "The Wall Street Journal"),
        (
            "Unnamed officials who talked to The New York Times said it was approved.",
            "The New York Times",
        ),
    ],
)
def test_outlet_credits(text, outlet):
    assert ("reported_by", outlet) in pairs(text)


def test_outlet_credit_keeps_the_date_in_the_last_year():
    credit = only("The Associated Press reported on Nov. 17 that talks had stalled.", "reported_by")
    assert (credit.name, credit.reported_on) == ("The Associated Press", date(2024, 11, 17))


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("According to the Bradford Times’s analysis, rents rose 12 percent.", "Bradford Times"),
        ("The Chronicle’s reporting showed that the contracts were never bid.", "The Chronicle"),
    ],
)
def test_possessive_outlet_credits(text, outlet):
    assert pairs(text) == {("reported_by", outlet)}


def test_more_ways_of_crediting_an_outlet():
    assert credits("The figures were published in the Coastal Courier on Monday.") == {
        "Coastal Courier"
    }
    assert credits("Ana Ruiz wrote in the Coastal Courier that the pier was unsafe.") == {
        "Coastal Courier"
    }
    assert credits("The ministry, citing the Coastal Courier, said the pier was unsafe.") == {
        "Coastal Courier"
    }
    assert credits("Speaking to the Coastal Courier, Ana Ruiz said the pier was unsafe.") == {
        "Coastal Courier"
    }
    assert credits("Ana Ruiz said on Harbor Radio that the pier was unsafe.") == {"Harbor Radio"}
    assert credits("The story was carried by Harbor Radio.") == {"Harbor Radio"}


def test_an_outlet_the_story_introduces_by_its_kind_is_an_outlet():
    assert credits("O Farol, a newspaper in Porto, first reported the closure.") == {"O Farol"}
    assert credits("The closure was first reported by the Porto daily O Farol.") == {"O Farol"}
    assert credits("According to the newspaper O Farol, the pier was unsafe.") == {"O Farol"}
    assert credits("Officials told the state broadcaster RTP that the pier was closed.") == {"RTP"}
    # a body is not an outlet however it is described
    assert credits("According to the Harbor Authority, the pier was unsafe.") == set()
