"""The labelling aid turns quoted evidence into offsets and refuses evidence it cannot pin
down; the fresh held-out labels it wrote point at quotes in the rebuilt texts."""

import json

import pytest

from bench.assistant_eval import FRESH_LABELS
from bench.fresh_corpus import fresh_dir, missing_message
from bench.label_offsets import KINDS, SpecError, check, parse

TEXT = (
    'Headline\n\nThe mayor said the bridge would open. "It opens Monday," said Ana Ruiz. '
    '"We are ready," Ruiz said. Officials said the mayor was late.\n'
)


def test_evidence_becomes_offsets_of_that_text():
    spec = (
        'Q | Ana Ruiz | "It opens Monday,"\n'
        "A | paraphrased | mayor | The mayor said the bridge\n"
        "A+ | paraphrased | officials | Officials said\n"
    )
    labels = parse(spec, TEXT)
    quote = labels["quotes"][0]
    assert TEXT[quote["start"] : quote["end"]] == '"It opens Monday,"'
    assert quote["speaker"] == "Ana Ruiz"
    first, second = labels["attributions"]
    assert TEXT[first["start"] : first["end"]] == "The mayor said the bridge"
    assert "anonymous" not in first and second["anonymous"] is True


def test_marked_part_of_a_longer_stretch_and_a_span_given_by_its_ends():
    spec = 'A | paraphrased | mayor | [[the mayor]] was late\nQ | Ana Ruiz | "It opens ~~ ready,"\n'
    labels = parse(spec, TEXT)
    attribution = labels["attributions"][0]
    assert TEXT[attribution["start"] : attribution["end"]] == "the mayor"
    assert attribution["start"] > TEXT.index("The mayor")
    quote = labels["quotes"][0]
    assert (
        TEXT[quote["start"] : quote["end"]] == '"It opens Monday," said Ana Ruiz. "We are ready,"'
    )


@pytest.mark.parametrize(
    "line, message",
    [
        ("A | paraphrased | mayor | mayor", "more than once"),
        ("A | paraphrased | mayor | the governor", "not in the text"),
        ("Q | Ana Ruiz | It opens Monday", "must start and end with a mark"),
        ("A | shouted | mayor | The mayor said", "unknown kind"),
    ],
)
def test_evidence_that_cannot_be_pinned_down_is_refused_with_its_line(line, message):
    with pytest.raises(SpecError) as error:
        parse(line, TEXT)
    assert message in str(error.value) and "line 1" in str(error.value)


def test_one_entry_per_source_and_kind():
    spec = "A | paraphrased | mayor | The mayor said\nA | paraphrased | Mayor | the mayor was\n"
    with pytest.raises(SpecError, match="two entries"):
        parse(spec, TEXT)


def test_fresh_labels_are_well_formed():
    files = sorted(FRESH_LABELS.glob("*.json"))
    assert len(files) >= 30
    for path in files:
        labels = json.loads(path.read_text(encoding="utf-8"))
        assert all(q["end"] > q["start"] for q in labels["quotes"]), path.name
        assert all(a["kind"] in KINDS and a["name"] for a in labels["attributions"]), path.name


def test_fresh_labels_point_at_quotes_in_the_rebuilt_texts():
    folder = fresh_dir()
    if folder is None:
        pytest.skip(missing_message("fresh label check"))
    texts = [folder / f"{path.stem}.txt" for path in sorted(FRESH_LABELS.glob("*.json"))]
    for text_path in [path for path in texts if path.exists()]:
        labels = json.loads((FRESH_LABELS / f"{text_path.stem}.json").read_text(encoding="utf-8"))
        assert check(text_path.read_text(encoding="utf-8"), labels) == [], text_path.name
