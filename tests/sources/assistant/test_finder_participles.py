"""finders/participles.py: a speech participle after a sentence's subject ("X ..., warning
that ...") is X speaking, unless the sentence's own verb already said who. Every sentence
here is invented."""

from datetime import date

from sources.assistant import propose_attributions

TODAY = date(2025, 6, 1)


def proposals(text):
    return propose_attributions(text, today=TODAY)


def pairs(text):
    return {(p.kind, p.name) for p in proposals(text)}


def test_a_participle_after_the_subject_is_the_subject_speaking():
    text = (
        "The Harbor Business League opposed the plan at a hearing, warning that shops would close."
    )
    assert pairs(text) == {("paraphrased", "Harbor Business League")}
    (found,) = proposals(text)
    assert found.rule == "participles"
    assert "warning" in found.trigger


def test_a_participle_after_a_stance_verb_names_the_subject():
    assert pairs("Mayor Ana Ruiz criticized the sale saying the city was misled.") == {
        ("paraphrased", "Ana Ruiz")
    }


def test_the_sentence_verb_wins_over_a_later_participle():
    text = "Mina Ode said the vote was rushed, adding that she would appeal."
    found = proposals(text)
    assert {(p.kind, p.name) for p in found} == {("paraphrased", "Mina Ode")}
    assert [p.rule for p in found] != ["participles"]


def test_a_participle_with_no_subject_that_speaks_proposes_nothing():
    assert pairs("Rain fell all night, warning signs flashing along the coast road.") == set()
