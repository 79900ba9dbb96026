"""The assistant's public functions: registry matching, spans, fingerprints, HTML, and the
hand-written eval corpus staying at its bar."""

from datetime import date

import pytest

from bench.assistant_eval import DEV, score_corpus
from sources.assistant import RegistryEntry, propose_attributions

TODAY = date(2025, 6, 1)


def only(text, kind):
    found = [p for p in propose_attributions(text, today=TODAY) if p.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_registry_match_by_surname_and_alias():
    registry = [
        RegistryEntry(7, "Marilyn Strickland", ("Strickland",), "D-Wash."),
        RegistryEntry(9, "U.S. Department of Justice", ("Justice Department", "DOJ")),
    ]
    text = "“We stand with them,” Strickland said. The Justice Department declined to comment."
    found = {p.name: p.source_id for p in propose_attributions(text, registry)}
    assert found == {"Marilyn Strickland": 7, "Justice Department": 9}


def test_span_points_at_the_evidence_and_html_is_read_as_text():
    html = "<p>Intro.</p><p>The driver was 34, police said.</p>"
    proposal = propose_attributions(html)[0]
    assert proposal.evidence == "The driver was 34, police said."
    assert proposal.span[1] - proposal.span[0] == len(proposal.evidence)


def test_fingerprint_survives_moving_text_and_changes_with_the_words():
    first = only("Intro.\n\nThe driver was 34, police said.", "paraphrased")
    moved = only("A new first paragraph.\n\nThe driver was 34, police said.", "paraphrased")
    changed = only("The driver was 35, police said.", "paraphrased")
    assert first.span != moved.span
    assert first.fingerprint == moved.fingerprint != changed.fingerprint


@pytest.mark.parametrize("folder", [None, DEV], ids=["stories", "dev"])
def test_eval_corpus_stays_above_the_bar(folder):
    totals = score_corpus(folder) if folder else score_corpus()
    for category in ("quotes with speaker", "attributions"):
        assert totals[category].precision >= 0.85, category
        assert totals[category].recall >= 0.85, category
