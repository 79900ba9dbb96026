"""finders/speech_verbs.py on denials and dismissals (issue 11): "X denied ...", "X
dismissed ...", "X rejects ..." are claims by X. Every sentence here is invented."""

from datetime import date

from sources.assistant import propose_attributions

TODAY = date(2025, 6, 1)


def pairs(text):
    return {(p.kind, p.name) for p in propose_attributions(text, today=TODAY)}


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
