"""Descriptors: parentheses and appositives after a name (find_descriptors)."""

from sources.assistant import find_descriptors


def test_descriptors_in_parentheses_and_apposition():
    text = (
        "Rep. Jane Doe (D-Wash.) spoke. Elena Park, a spokeswoman for the Millbrook Public "
        "Library, said the branches would close."
    )
    assert [(n, d) for n, d, _span in find_descriptors(text)] == [
        ("Jane Doe", "D-Wash."),
        ("Elena Park", "a spokeswoman for the Millbrook Public Library"),
    ]


def test_a_relative_clause_or_a_verb_is_no_descriptor():
    found = {
        name: desc
        for name, desc, _span in find_descriptors(
            "Her lawyer, Sam Ortiz, asked for probation. Asked about the case, Mayor Kim Lee "
            "said nothing."
        )
    }
    assert "Sam Ortiz" not in found and "Kim Lee" not in found


def test_a_surname_only_appositive_describes_the_person_named_in_full():
    text = "Marta Lindqvist opened the bakery.\n\nLindqvist, a former chemist, kneads by hand."
    assert [(n, d) for n, d, _s in find_descriptors(text)] == [
        ("Marta Lindqvist", "a former chemist")
    ]


def test_a_town_alone_before_an_appositive_is_not_a_person():
    text = "Dalby, a town of 4,000, lost its last bank in March."
    assert find_descriptors(text) == []


def test_a_descriptor_after_an_inverted_said_is_returned():
    text = "“Wash your hands,” said Dr. Nell Brandt, the county’s health officer."
    assert [(n, d) for n, d, _s in find_descriptors(text)] == [
        ("Nell Brandt", "the county’s health officer")
    ]
