"""The "according to" finder (finders/according_to.py)."""

from datetime import date

from sources.assistant import propose_attributions

TODAY = date(2025, 6, 1)


def only(text, kind):
    found = [p for p in propose_attributions(text, today=TODAY) if p.kind == kind]
    assert len(found) == 1, found
    return found[0]


def pairs(text, **kwargs):
    return {(p.kind, p.name) for p in propose_attributions(text, today=TODAY, **kwargs)}


def test_according_to_an_unnamed_person_keeps_the_qualifier():
    found = only(
        "According to an engineer who inspected the bridge, cracks were visible.", "paraphrased"
    )
    assert found.name == "engineer who inspected the bridge"


def test_according_to_a_spokesperson_of_an_unnamed_body():
    assert pairs("Ten people were hurt, according to a hospital spokesman.") == {
        ("paraphrased", "hospital spokesman")
    }


def test_according_to_a_role_and_the_name_after_it_is_the_person():
    found = {
        (p.kind, p.name)
        for p in propose_attributions(
            "According to the team's coach, Tomas Ferreira, the boat was fast.", today=TODAY
        )
    }
    assert found == {("paraphrased", "Tomas Ferreira")}
    # police are not the name after them: that is the sentence's own subject
    found = {
        (p.kind, p.name)
        for p in propose_attributions(
            "According to police, Ana Ruiz, the driver, was 34.", today=TODAY
        )
    }
    assert found == {("paraphrased", "police")}
