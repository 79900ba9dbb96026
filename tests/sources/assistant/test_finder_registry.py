"""The assistant's rules are finders registered in one ordered list; every proposal says
which rule found it and the words that triggered it."""

import re
import types
from datetime import date

from sources.assistant import finders, propose_attributions
from sources.assistant.types import PARAPHRASED, _Event

TODAY = date(2025, 6, 1)


def by_kind(text, kind):
    return [p for p in propose_attributions(text, today=TODAY) if p.kind == kind]


def test_each_proposal_names_its_rule_and_trigger_words():
    text = (
        "The plan is dead, Mayor Ana Ruiz said Monday.\n\n"
        "According to Tom Lee, the vote was close.\n\n"
        "The governor’s office declined to comment."
    )
    found = {(p.kind, p.rule, p.trigger) for p in propose_attributions(text, today=TODAY)}
    assert ("paraphrased", "speech_verbs", "said") in found
    assert ("paraphrased", "according_to", "According to") in found
    assert ("declined", "replies", "declined to comment") in found


def test_a_quote_names_the_quote_rule():
    (quoted,) = by_kind("“We are ready,” said Ana Ruiz.", "quoted")
    assert quoted.rule == "quotes"
    assert quoted.trigger.startswith("“We are ready")


def test_a_finder_added_to_the_list_is_run_in_order(monkeypatch):
    def find(reader):
        for match in re.finditer(r"\bAna Ruiz hinted\b", reader.text):
            yield _Event(match.start(), PARAPHRASED, None, (match.start(), match.end()))

    hinted = types.ModuleType("sources.assistant.finders.hints")
    hinted.find = find
    hinted.TRIGGER = re.compile(r"hinted")
    monkeypatch.setattr(finders, "FINDERS", [*finders.FINDERS, hinted])
    from sources.assistant import reader

    monkeypatch.setattr(reader, "FINDERS", finders.FINDERS)
    events = reader._Reader("Ana Ruiz hinted at a run.", (), TODAY).events
    assert [(e.rule, e.trigger) for e in events] == [("hints", "hinted")]
