"""finders/speech_verbs.py on denials and dismissals (issue 11): "X denied ...", "X
dismissed ...", "X rejects ..." are claims by X. Every sentence here is invented."""

from datetime import date

import pytest

from sources.assistant import find_quotes, propose_attributions

TODAY = date(2025, 6, 1)


def pairs(text, **kwargs):
    return {(p.kind, p.name) for p in propose_attributions(text, today=TODAY, **kwargs)}


def test_a_denial_or_a_dismissal_is_a_paraphrase():
    assert pairs("The Harbor Authority denied that the crane had been overloaded.") == {
        ("paraphrased", "Harbor Authority")
    }
    assert pairs("Mayor Ana Ruiz dismissed the audit as politically motivated.") == {
        ("paraphrased", "Ana Ruiz")
    }


def test_a_passive_denial_is_nobody_speaking():
    assert pairs("The team had been denied visas twice before the contest.") == set()


def test_a_subject_split_from_its_verb_by_a_phrase_is_still_the_subject():
    assert pairs("The Harbor Authority, in a statement Monday, said the crane was safe.") == {
        ("paraphrased", "Harbor Authority")
    }


def only(text, kind):
    found = [p for p in propose_attributions(text, today=TODAY) if p.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ridership fell, according to the Metro Valley Transit Authority.",
            ("paraphrased", "Metro Valley Transit Authority"),
        ),
        ("Police said the driver was 34.", ("paraphrased", "police")),
        ("The driver was 34, police said.", ("paraphrased", "police")),
        (
            "Gov. Teresa Walsh has said that the centers will stay open.",
            ("paraphrased", "Teresa Walsh"),
        ),
        ("The lawsuit argued that the closures hurt renters.", ("paraphrased", "lawsuit")),
    ],
)
def test_paraphrased_attributions(text, expected):
    assert expected in pairs(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The mayor countered that the city had already spent the money.",
            ("paraphrased", "mayor"),
        ),
        (
            "Rep. Ana Ortiz testified before the committee that the program was short.",
            ("paraphrased", "Ana Ortiz"),
        ),
        (
            "Police Chief Tom Sand wrote in an email that the officer was on leave.",
            ("paraphrased", "Tom Sand"),
        ),
        (
            "Lt. Gov. Maria Chen argued on the radio that the budget was balanced.",
            ("paraphrased", "Maria Chen"),
        ),
        ("The agency forecast a deficit of $3 billion next year.", ("paraphrased", "agency")),
        (
            "The orchestra will tour Asia in May, the foundation announced Friday, after years of "
            "delays.",
            ("paraphrased", "foundation"),
        ),
    ],
)
def test_broader_speech_verbs(text, expected):
    assert expected in pairs(text)


def test_parenthetical_verb_needs_commas_around_it():
    # "announced" with an object is news, not an attribution
    assert pairs("The foundation announced a new director.") == set()


@pytest.mark.parametrize(
    "text, name",
    [
        ("Teamsters Local 727 did not respond to a request for comment.", "Teamsters Local 727"),
        (
            "The Department of Health and Human Services did not respond to emails.",
            "Department of Health and Human Services",
        ),
    ],
)
def test_names_with_numbers_and_and(text, name):
    assert pairs(text) == {("no_response", name)}


def test_the_rev_is_a_person_title():
    text = (
        "The Rev. Alma Grey, the chaplain, testified that the shelter was full. She said "
        "later that it had reopened."
    )
    assert pairs(text) == {("paraphrased", "Alma Grey")}


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Chief Ada Brandt of the Millbrook district, where two schools closed last year, "
            "said the budget was thin.",
            "Ada Brandt",
        ),
        (
            "Goalkeeper Tomas Reyes, in his third season, said the defense had finally gelled.",
            "Tomas Reyes",
        ),
    ],
)
def test_a_subject_interrupted_by_a_clause_still_speaks(text, name):
    assert pairs(text) == {("paraphrased", name)}


def test_a_second_verb_after_but_shares_the_subject():
    text = "Manager Ines Bauer praised the rookie but said the bullpen had been tired."
    assert pairs(text) == {("paraphrased", "Ines Bauer")}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Engineers outside the agency said the bridge was sound.", "engineers outside the agency"),
        (
            "The tax would rise by a cent, according to a draft of the ordinance seen Tuesday.",
            "draft of the ordinance",
        ),
        ("According to court records, the loan was never repaid.", "court records"),
        (
            "The fund lost $8 million, according to a report by the state auditor.",
            "report by the state auditor",
        ),
    ],
)
def test_groups_with_a_qualifier_and_documents_with_their_complement(text, name):
    assert pairs(text) == {("paraphrased", name)}


def test_passive_forecast_is_not_speech():
    text = "Crews will salt the roads whenever snow is forecast to fall overnight."
    assert pairs(text) == set()


def test_an_organization_subject_with_a_relative_clause_speaks_not_the_clause():
    text = (
        "The Allied Dockworkers union, which represents about 900 crane operators at the port, "
        "said it would strike."
    )
    assert pairs(text) == {("paraphrased", "Allied Dockworkers union")}


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "The board raised the levy, a change that county assessors estimate will cost "
            "homeowners $90 a year.",
            "county assessors",
        ),
        (
            "The Harbor Business League opposed the plan at a hearing, warning that "
            "shops would close.",
            "Harbor Business League",
        ),
        ("Ferry ridership fell 12 percent last year, port data show.", "port data"),
    ],
)
def test_reduced_relatives_participles_and_plural_data_are_speech(text, name):
    assert pairs(text) == {("paraphrased", name)}


def test_the_estimate_as_a_noun_is_not_speech():
    assert pairs("The estimate was revised twice before the vote.") == set()


def test_name_with_a_company_title_is_the_person_with_the_descriptor():
    text = "Rhea Moss, chief executive of Kellan Inc., told analysts that orders had slowed."
    found = only(text, "paraphrased")
    assert (found.name, found.descriptor) == ("Rhea Moss", "chief executive of Kellan Inc.")


def test_plural_tell_and_commented_are_speech_verbs():
    assert ("paraphrased", "Harbor police") in pairs(
        "Harbor police tell the Coastal Courier the gate was left open overnight."
    )
    quote = find_quotes("Ferry captain Rosa Lindqvist commented, “The fog came in fast.”")
    assert [(q.text, q.speaker) for q in quote] == [("The fog came in fast.", "Rosa Lindqvist")]


def test_groups_unions_and_armies_speak():
    assert pairs("Activist groups say the pier was sold in secret.") == {
        ("paraphrased", "Activist groups")
    }
    assert pairs("Five different unions say their members will strike.") == {
        ("paraphrased", "different unions")
    }
    assert pairs("The army has denied using the pier.") == {("paraphrased", "army")}


def test_the_object_of_a_preposition_is_not_the_subject():
    text = "A member of the harbor council rejected the sale on Monday."
    assert ("paraphrased", "harbor council") not in pairs(text)
    text = "An unnamed diplomat in Lisbon said the talks had stalled."
    assert ("paraphrased", "Lisbon") not in pairs(text)


def test_a_relative_pronoun_before_the_verb_is_not_part_of_the_subject():
    text = "Nobody could check the claims of advocacy groups who say the pier was sold."
    assert ("paraphrased", "advocacy groups") in pairs(text)


def test_an_unnamed_person_keeps_the_place_and_a_long_anonymity_clause_is_skipped():
    text = (
        "A ferry engineer in Porto, who asked that his name not be used because he still "
        "works for the operator and fears losing his job, said the engines were never serviced."
    )
    (found,) = propose_attributions(text, today=TODAY)
    assert (found.kind, found.name, found.anonymous) == (
        "paraphrased",
        "ferry engineer in Porto",
        True,
    )


def test_a_name_for_a_body_is_the_person_and_an_abbreviated_country_is_a_modifier():
    assert pairs("Rosa Lindqvist for the Harbor Authority, says the pier will reopen.") == {
        ("paraphrased", "Rosa Lindqvist")
    }
    assert pairs("The U.S. navy admits it used the pier for storage.") == {
        ("paraphrased", "U.S. navy")
    }


def test_saying_after_a_verb_of_stance_is_speech_by_the_subject():
    assert pairs("Mayor Ana Ruiz criticized the sale saying the city was misled.") == {
        ("paraphrased", "Ana Ruiz")
    }


def test_a_relative_clause_with_a_quoted_title_does_not_hide_the_subject():
    text = (
        "Harbor spokesman Tomas Ferreira, who also joined “Harbor Hour” Monday, said the pier "
        "would reopen."
    )
    assert pairs(text) == {("paraphrased", "Tomas Ferreira")}


def test_two_subjects_joined_by_and_both_speak():
    assert pairs("The pier is unsafe, say harbor officials and local authorities.") == {
        ("paraphrased", "harbor officials"),
        ("paraphrased", "local authorities"),
    }
    text = (
        "Both the Harbor Authority and the Porto Fire Department have asserted that the pier "
        "was unsafe."
    )
    assert pairs(text) == {
        ("paraphrased", "Harbor Authority"),
        ("paraphrased", "Porto Fire Department"),
    }
    # one name with "and" inside it is one body
    text = "The Ferry and Dock Workers union, which has 900 members, said it would strike."
    assert len(pairs(text)) == 1
