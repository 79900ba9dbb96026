"""Resolution (resolve.py): pronouns, surnames, "the company", short names of bodies."""

from datetime import date

import pytest

from sources.assistant import find_quotes, propose_attributions

TODAY = date(2025, 6, 1)


def only(text, kind):
    found = [p for p in propose_attributions(text, today=TODAY) if p.kind == kind]
    assert len(found) == 1, found
    return found[0]


def pairs(text, **kwargs):
    return {(p.kind, p.name) for p in propose_attributions(text, today=TODAY, **kwargs)}


def speakers(text):
    return [(q.text, q.speaker) for q in find_quotes(text)]


def test_pronoun_points_back_to_the_last_named_speaker_of_that_gender():
    text = (
        "Pinecrest coach Ellen Fisk said her team lost its composure after Brooks's shot. "
        "“We had it,” she said."
    )
    assert speakers(text) == [("We had it,", "Ellen Fisk")]


def test_surname_later_is_the_same_source():
    text = (
        "Sen. Carla Benitez (D-N.M.) said in a statement that the measures were overdue.\n\n"
        "“Every month we wait, the ships sail under a new flag,” Benitez said."
    )
    quote = find_quotes(text)[0]
    assert (quote.speaker, quote.descriptor) == ("Carla Benitez", "D-N.M.")


def test_it_is_the_organization_last_named():
    text = (
        "Shares of Pellham Industries fell. The Ohio-based company lost $4 million, it said "
        "in a filing."
    )
    assert ("paraphrased", "Pellham Industries") in pairs(text)


def test_pronoun_after_a_relative_introduced_by_first_name():
    text = (
        "“I knew she would,” said coach Ann Boyd.\n\nThe pitcher’s mother, Lucia, sat behind "
        "the dugout. “She threw in the yard every night,” she said."
    )
    assert speakers(text)[-1] == ("She threw in the yard every night,", "Lucia")


def test_she_points_to_the_subject_not_to_a_name_used_as_an_object():
    text = (
        "Principal Rosa Lind said she had suspended Ortega for a week. “Rules are rules,” she said."
    )
    assert speakers(text) == [("Rules are rules,", "Rosa Lind")]


def test_the_company_is_the_last_organization_named():
    text = "Corvane Software will close its Leeds office, the company told employees on Monday."
    assert pairs(text) == {("paraphrased", "Corvane Software")}


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "The Tidewater Port Authority raised docking fees on Friday. “There was no other "
            "way to pay for the dredging,” said Marta Okonjo, the authority’s finance "
            "director. The authority declined to say how much the fees would bring in.",
            "Tidewater Port Authority",
        ),
        (
            "Ivo Brandt, a spokesman for Kessler Corp., said the warehouse would stay open. "
            "The company declined to comment on the layoffs.",
            "Kessler Corp",
        ),
        (
            "The Office of the Mayor announced the plan in March. Mayor Rita Solberg spoke at "
            "the ribbon cutting. The mayor's office declined to say when the work would start.",
            "Office of the Mayor",
        ),
        (
            "Mayor Rita Solberg praised the crews at Tuesday's briefing. The mayor’s office "
            "declined to say when the contract would be signed.",
            "mayor's office",
        ),
        (
            "Council member Joel Aster, who chairs the transit committee, said fares would "
            "hold. The agency declined to comment.",
            "agency",
        ),
    ],
)
def test_a_body_that_declines_is_the_body_not_a_person_who_works_there(text, name):
    declined = only(text, "declined")
    assert declined.name == name


def test_the_company_is_the_company_last_named_else_not_proposed():
    text = (
        "Lena Ortiz, chief executive of the Bayside Freight Company, told investors the "
        "quarter was weak. The company declined to give a forecast."
    )
    assert pairs(text) == {("paraphrased", "Lena Ortiz"), ("declined", "Bayside Freight Company")}
    unnamed = "Lena Ortiz told investors the quarter was weak. The company declined to comment."
    # No proposal without a name: an unresolved "company" is not a source.
    assert pairs(unnamed) == {("paraphrased", "Lena Ortiz")}


def test_a_shared_surname_alone_is_the_main_subject_not_the_relative():
    text = (
        "Marta Lindqvist opened the bakery in 1998.\n\n"
        "Lindqvist, a former chemist, still starts the ovens at 3 a.m.\n\n"
        "“I married the bakery,” said her husband, Olle Lindqvist, grinning.\n\n"
        "Neighbors said the line forms before dawn.\n\n"
        "Lindqvist said she would never sell. “Not while I can stand,” she said."
    )
    found = propose_attributions(text, today=TODAY)
    assert ("paraphrased", "Marta Lindqvist") in {(p.kind, p.name) for p in found}
    assert speakers(text) == [
        ("I married the bakery,", "Olle Lindqvist"),
        ("Not while I can stand,", "Marta Lindqvist"),
    ]
    husband = next(p for p in found if p.name == "Olle Lindqvist")
    assert husband.descriptor == "her husband"


@pytest.mark.parametrize(
    "text, kind, name",
    [
        (
            "Orland Grocers agreed to buy Pike Valley Foods. Orland said it expected to close "
            "the deal in May.",
            "paraphrased",
            "Orland Grocers",
        ),
        (
            "Orland Grocers agreed to buy Pike Valley Foods. A Pike Valley spokesman declined "
            "to comment.",
            "declined",
            "Pike Valley Foods",
        ),
    ],
)
def test_a_short_name_is_the_organization_named_in_full_before(text, kind, name):
    assert (kind, name) in pairs(text)


def test_an_embassy_in_a_city_is_the_embassy():
    text = "The Ruritanian government’s embassy in Ottawa did not return a call for comment."
    assert pairs(text) == {("no_response", "Ruritanian government’s embassy")}


def test_a_modified_body_is_not_resolved_to_a_different_body_named_later():
    text = (
        "Two swimmers fell ill, according to the county parks department.\n\n"
        "The State Department of Environmental Quality will test the water."
    )
    assert pairs(text) == {("paraphrased", "county parks department")}


def test_a_name_with_an_accented_capital_is_a_person_and_its_surname_resolves_to_it():
    text = (
        "Retired engineer Élodie Marchetti opened the workshop on Friday.\n\n"
        "“We built every bench by hand,” Marchetti said. “It took a winter.”\n\n"
        "Later, Marchetti said the workshop would open to schools in spring."
    )
    assert speakers(text) == [
        ("We built every bench by hand,", "Élodie Marchetti"),
        ("It took a winter.", "Élodie Marchetti"),
    ]
    assert ("paraphrased", "Élodie Marchetti") in pairs(text)


def test_it_after_an_outlet_that_spoke_is_the_outlet():
    text = "“The pier held,” said the Coastal Courier. “Nobody was hurt,” it added."
    assert speakers(text) == [
        ("The pier held,", "Coastal Courier"),
        ("Nobody was hurt,", "Coastal Courier"),
    ]


def test_the_newspaper_is_the_outlet_named_before_and_a_credit_not_a_source():
    text = (
        "The Coastal Courier first reported the closure on Monday. "
        "The newspaper said the pier had been unsafe for years."
    )
    assert pairs(text) == {("reported_by", "The Coastal Courier")}


def test_a_titled_surname_and_a_family_name_written_first_resolve_to_the_full_name():
    text = (
        "Harbor master Tomas Ferreira says the pier will reopen. Mr. Ferreira says repairs "
        "start in May.\n\n"
        "Speaking in Macau on Monday, Chen Liwei, a ferry operator, said that the boats were "
        "ready. Chen said his crews had trained all winter."
    )
    names = {name for kind, name in pairs(text)}
    assert names == {"Tomas Ferreira", "Chen Liwei"}


def test_the_report_the_paper_and_the_station_are_the_outlet_named_before():
    assert pairs(
        "Coastal Radio reported that the talks had stalled. The report said two ministers had quit."
    ) == {("reported_by", "Coastal Radio")}
    assert pairs(
        "Reuters reported the closure. The paper says some officials believe the talks stalled."
    ) == {("reported_by", "Reuters")}
    assert pairs(
        "Harbor Radio first aired the tape. The station is reporting that the talks had stalled."
    ) == {("reported_by", "Harbor Radio")}


def test_a_surname_with_a_hyphenated_particle_is_part_of_the_name():
    text = 'Harbor director General Tomas al-Amir, in remarks to Harbor Radio, said "All boats are safe."'
    assert speakers(text) == [("All boats are safe.", "Tomas al-Amir")]
