"""The assistant on real wire copy (../shared/corpus/wire, read at run time, never copied
here) stays at or above its measured held-out score, with the rules alone (the default) and
with the parser switched on (issue 23). Skipped, with the reason, when the shared folder is not
beside the checkout."""

import pytest

from bench.assistant_eval import WIRE_TEXT, labelled, score_wire, wire_split
from sources.assistant import parse

# The held-out set's measurement after the third tuning pass on wire dev
# (tests/sources/assistant/eval/README.md: quotes 0.80 / 0.60, attributions 0.82 / 0.64), rounded
# down. The floor is the measured figure, not the one hoped for.
FLOOR = {
    "quotes with speaker": (0.79, 0.59),
    "attributions": (0.81, 0.63),
}


# The held-out set with the parser switched on, measured at the end of the resolution pass
# (eval/README.md, "Speakers resolved through the story": quotes 0.80 / 0.60, attributions
# 0.77 / 0.68; it was 0.79 / 0.68 when the pipeline was trained), rounded down.
PARSER_FLOOR = {
    "quotes with speaker": (0.79, 0.59),
    "attributions": (0.76, 0.67),
}


@pytest.fixture
def heldout():
    if not WIRE_TEXT.is_dir():
        pytest.skip(f"the wire corpus is not beside the checkout ({WIRE_TEXT})")
    return wire_split()["heldout"]


def test_every_held_out_story_is_labelled(heldout):
    assert labelled(heldout) == heldout


def test_held_out_score_stays_at_its_floor(heldout):
    with parse.rules_only():
        totals = score_wire(heldout)
    for category, (precision, recall) in FLOOR.items():
        assert totals[category].precision >= precision, category
        assert totals[category].recall >= recall, category


def test_held_out_score_with_the_parser_stays_at_its_floor(heldout):
    with parse.with_parser():
        totals = score_wire(heldout)
    for category, (precision, recall) in PARSER_FLOOR.items():
        assert totals[category].precision >= precision, category
        assert totals[category].recall >= recall, category
