"""The assistant's own parser (issue 23): the shipped pipeline, how it is made, and what the
assistant reads with it. Every sentence here is invented.

Speed and memory are measured in bench/parser.py (`./dev bench parser`), not here.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from sources.assistant import parse, propose_attributions

TODAY = date(2025, 6, 1)
PARSER = Path(parse.__file__).with_name("parser")
MAX_MODEL_BYTES = 25 * 1000 * 1000


def one_sentence(text):
    (tokens,) = parse.parse_pieces([text])
    return {token.text: token for token in tokens}, tokens


def dependents(tokens, head):
    return {token.dep: token.text for token in tokens if token.head == head.i and token != head}


def test_the_shipped_pipeline_reads_a_reporting_clause():
    words, tokens = one_sentence("The mayor said on Tuesday that the plan would pass.")

    said = words["said"]
    assert said.dep == "ROOT"
    assert said.tag == "VBD"
    assert dependents(tokens, said)["nsubj"] == "mayor"
    assert dependents(tokens, said)["ccomp"] == "pass"
    assert tokens[words["pass"].head] == said


def test_the_pipeline_is_loaded_once_per_process():
    assert parse.pipeline() is parse.pipeline()


def test_the_model_is_small_and_carries_its_licence_and_scores():
    model = PARSER / "model"
    size = sum(path.stat().st_size for path in model.rglob("*") if path.is_file())
    assert 0 < size <= MAX_MODEL_BYTES
    assert "CC BY-SA 4.0" in (PARSER / "ATTRIBUTION.md").read_text()
    assert "Attribution-ShareAlike 4.0" in (PARSER / "LICENSE.txt").read_text()
    meta = json.loads((model / "meta.json").read_text())
    assert meta["license"] == "CC BY-SA 4.0"
    assert "UD_English-EWT" in meta["sources"][0]["name"]
    # the training command evaluated it on EWT's test split
    assert 0.5 < meta["test_scores"]["dep_las"] <= meta["test_scores"]["dep_uas"] < 1


def test_the_training_config_is_valid(tmp_path):
    """What `spacy debug config` checks, on the config `./dev train-parser` trains with."""
    from spacy import util
    from spacy.schemas import ConfigSchemaTraining

    corpus = tmp_path / "corpus.spacy"
    corpus.write_bytes(b"")
    config = util.load_config(
        PARSER / "config.cfg",
        overrides={"paths.train": str(corpus), "paths.dev": str(corpus)},
        interpolate=True,
    )
    nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
    training = util.registry.resolve(config["training"], schema=ConfigSchemaTraining)

    assert nlp.pipe_names == ["tok2vec", "tagger", "parser"]
    assert training["max_steps"] > 0  # a bounded budget
    # no pretrained vectors or weights from anywhere
    assert config["paths"]["vectors"] is None and config["paths"]["init_tok2vec"] is None


def test_a_missing_treebank_is_a_clear_message(tmp_path, monkeypatch, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_parser", PARSER / "train.py")
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    monkeypatch.setattr(train, "ROOT", tmp_path / "checkout")
    monkeypatch.delenv("NEWSROOM_TREEBANK", raising=False)

    with pytest.raises(SystemExit) as stop:
        train.find_treebank(str(tmp_path / "nowhere"))

    assert "UD English EWT not found" in str(stop.value)


# --- what the assistant reads with it (switched on here; it is off by default) -------------


@pytest.fixture
def parser_on(monkeypatch):
    monkeypatch.setenv("NEWSROOM_ASSISTANT_PARSER", "1")


def paraphrased(text):
    return {p.name for p in propose_attributions(text, today=TODAY) if p.kind == "paraphrased"}


def test_a_reporting_verb_the_rules_do_not_know_is_read_from_the_parse(parser_on):
    text = "The Interior Ministry appealed to residents to stay indoors until Friday."

    assert paraphrased(text) == {"Interior Ministry"}
    with parse.rules_only():
        assert paraphrased(text) == set()


def test_a_long_subject_is_delimited_by_the_parse(parser_on):
    text = (
        "Marta Quispe, who ran the water board for a decade before the merger with two "
        "neighbouring districts and its three pumping stations, warned of shortages."
    )
    assert paraphrased(text) == {"Marta Quispe"}


def test_in_the_passive_the_agent_speaks(parser_on):
    assert paraphrased("The closure was announced by the Interior Ministry on Monday.") == {
        "Interior Ministry"
    }
    assert paraphrased("The inspection, as described by the Hollin Water Board, took an hour.") == {
        "Hollin Water Board"
    }


def test_a_negated_or_hypothetical_verb_is_no_claim(parser_on):
    assert paraphrased("The Interior Ministry did not warn residents about the storm.") == set()
    assert paraphrased("The Interior Ministry would appeal to residents if it rained.") == set()


def test_a_quote_that_is_the_claim_is_left_to_the_quotes(parser_on):
    text = "Teodora Ilic described the inspection as “a formality.”"
    assert paraphrased(text) == set()


def test_the_company_that_did_not_respond_is_not_the_agency_named_before(parser_on):
    """The issue's demo harm, with the parser on: nobody is named as not responding."""
    text = (
        "The Department of Environmental Conservation fined the Route 9 plant $40,000 on "
        "Monday, inspectors said. The company did not respond to a request for comment."
    )
    found = propose_attributions(text, today=TODAY)

    assert [p for p in found if p.kind in ("no_response", "declined")] == []


def test_the_parser_is_off_unless_switched_on(monkeypatch):
    monkeypatch.delenv("NEWSROOM_ASSISTANT_PARSER", raising=False)
    text = "The Interior Ministry appealed to residents to stay indoors until Friday."
    assert not parse.enabled()
    assert paraphrased(text) == set()
    with parse.with_parser():
        assert paraphrased(text) == {"Interior Ministry"}
    monkeypatch.setenv("NEWSROOM_ASSISTANT_PARSER", "1")
    assert parse.enabled()
    with parse.rules_only():
        assert not parse.enabled()


def test_the_parse_gives_offsets_into_the_text():
    text = "Officials said the bridge will reopen."
    _words, tokens = one_sentence(text)
    assert [text[t.start : t.end] for t in tokens] == [t.text for t in tokens]


def test_the_reporting_verbs_are_read_by_lemma():
    from sources.assistant.reporting_verbs import LEMMAS, lemma_of

    assert len(LEMMAS) >= 150
    pairs = {
        "said": "say",
        "told": "tell",
        "warning": "warn",
        "appealed": "appeal",
        "denies": "deny",
        "denied": "deny",
        "admitted": "admit",
        "described": "describe",
        "wrote": "write",
    }
    assert {form: lemma_of(form) for form in pairs} == pairs
    assert lemma_of("sayed") is None
    assert lemma_of("arrested") is None  # not speech


def test_a_guarded_verb_is_speech_only_with_the_word_that_makes_it_so(parser_on):
    assert paraphrased("The Harwick Port Authority has called for the vote to be held.") == {
        "Harwick Port Authority"
    }
    assert paraphrased("Ana Lima called a meeting for Friday.") == set()
    assert paraphrased("Ana Lima called her mother on Friday.") == set()
