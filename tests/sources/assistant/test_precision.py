"""Precision before recall (issue 23): a proposal that names the wrong party is worse than
none. Every sentence here is invented, except the demo story read from demo/stories/."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from sources.assistant import propose_attributions
from sources.assistant.anonymity_text import anonymity_sentences

TODAY = date(2025, 6, 1)
DEMO = Path(__file__).resolve().parents[3] / "demo" / "stories"


def proposals(text, kind=None):
    found = propose_attributions(text, today=TODAY)
    return [p for p in found if kind is None or p.kind == kind]


# --- declines and no response name a party only when the text does -------------------------


def test_the_company_is_never_the_state_agency_named_before():
    text = (
        "The Department of Environmental Conservation fined the Route 9 plant $40,000 on "
        "Monday. The company did not respond to a request for comment."
    )
    names = {p.name for p in proposals(text, "no_response")}
    assert "Department of Environmental Conservation" not in names
    assert names <= set()  # no company is named: nobody to say it of


def test_the_company_is_the_last_company_named_not_the_agency_between():
    text = (
        "Hollis Chemical Works stored the solvent in unlined pits, inspectors found. The "
        "Department of Environmental Conservation fined the plant $40,000 on Monday. The "
        "company did not respond to a request for comment."
    )
    assert [p.name for p in proposals(text, "no_response")] == ["Hollis Chemical Works"]


def test_a_refusal_named_in_its_own_sentence_is_surer_than_one_resolved():
    named = proposals("Hollis Chemical Works did not respond to a request for comment.")
    resolved = proposals(
        "Hollis Chemical Works stored the solvent in pits. The company did not respond to "
        "a request for comment."
    )
    [named] = [p for p in named if p.kind == "no_response"]
    [resolved] = [p for p in resolved if p.kind == "no_response"]
    assert named.name == resolved.name == "Hollis Chemical Works"
    assert named.confidence > resolved.confidence > 0


def test_the_demo_utility_that_did_not_respond_is_never_another_party_of_the_story():
    story = yaml.safe_load(
        (DEMO / "07-noreaster-knocks-out-power-floods-downtown.yaml").read_text()
    )
    body = "\n\n".join(story["body"])
    assert "The utility did not respond to a request for comment" in body
    [refusal] = proposals(body, "no_response")
    assert refusal.name == "Harbor Light & Power"


# --- unnamed groups are plural, with a count --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        ("Officials said the bridge would reopen in May.", "officials", 2),
        (
            "Three people briefed on the talks said the deal was close.",
            "people briefed on the talks",
            3,
        ),
        (
            "The deal will collapse, according to a senior aide, who spoke on condition of "
            "anonymity because he was not authorized to discuss the talks.",
            "senior aide",
            1,
        ),
    ],
)
def test_an_unnamed_group_stands_for_as_many_people_as_the_text_says(text, name, count):
    [proposal] = proposals(text)
    assert proposal.name == name
    assert proposal.source_count == count


# --- anonymous proposals: the flag, the clause as the draft reason, the right source ----------


def test_an_anonymous_proposal_comes_with_its_clause_as_the_draft_reason():
    text = "A board member, who asked not to be named, said the chairman would resign."
    [proposal] = proposals(text)
    assert proposal.anonymous
    assert proposal.anonymity_reason == "asked not to be named"


def test_according_to_an_unnamed_source_who_spoke_on_condition_of_anonymity():
    text = (
        "The council will vote on Tuesday, according to a person familiar with the plan, who "
        "spoke on condition of anonymity."
    )
    [proposal] = proposals(text)
    assert proposal.name == "person familiar with the plan"
    assert proposal.anonymous
    assert proposal.anonymity_reason == "spoke on condition of anonymity"


def test_the_reason_goes_to_the_source_its_clause_follows():
    text = (
        "A board member, who asked not to be named, said the chairman would resign, "
        "according to two people briefed on the talks, who spoke on condition of anonymity "
        "because the talks are private."
    )
    reasons = {p.name: p.anonymity_reason for p in proposals(text)}
    assert reasons == {
        "member": "asked not to be named",
        "people briefed on the talks": "because the talks are private",
    }


# --- words of anonymity in the text, for the gate -------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Two people, who spoke on condition of anonymity, said the vote was close.",
        "A trustee, who asked not to be named, said the vote was close.",
        "An aide not authorized to speak publicly said the vote was close.",
        "One member spoke anonymously about the vote.",
        "A clerk, who declined to be identified, said the vote was close.",
    ],
)
def test_words_of_anonymity_are_found_sentence_by_sentence(sentence):
    text = f"<p>The board met on Monday.</p><p>{sentence}</p>"
    [found] = anonymity_sentences(text)
    assert found.sentence == sentence


def test_words_of_anonymity_inside_a_quotation_or_about_powers_are_not_a_source():
    text = (
        "<p>“I was not authorized to speak,” Ana Ruiz said of her years at the agency.</p>"
        "<p>The council is not authorized to raise taxes without a vote.</p>"
    )
    assert anonymity_sentences(text) == []
