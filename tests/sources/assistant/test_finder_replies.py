"""The replies finder (finders/replies.py): declines and no response, in every wording.
Every sentence here is invented for the test."""

from datetime import date

import pytest

from sources.assistant import propose_attributions

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    "text, kind, name",
    [
        (
            "The Harbor Authority routinely refuses to comment on contracts.",
            "declined",
            "Harbor Authority",
        ),
        # no answer yet is no response, not a refusal (the fresh labels' convention)
        ("The Velmar Group has yet to comment on the merger.", "no_response", "Velmar Group"),
        ("The Velmar Group has not commented on the merger.", "no_response", "Velmar Group"),
        ("City officials have not said why the bridge was closed.", "declined", "City officials"),
        ("The embassy made no official remarks about the arrest.", "declined", "embassy"),
        (
            "There was no comment from the Ministry of Transport on Tuesday.",
            "no_response",
            "Ministry of Transport",
        ),
        ("Ana Ruiz could not be reached on Friday.", "no_response", "Ana Ruiz"),
    ],
)
def test_decline_and_no_response_wording(text, kind, name):
    assert [(p.kind, p.name) for p in propose_attributions(text, today=TODAY)] == [(kind, name)]


def test_having_said_something_is_not_a_decline():
    found = propose_attributions("The mayor has said the bridge will reopen.", today=TODAY)
    assert [p.kind for p in found] == ["paraphrased"]


def pairs(text, **kwargs):
    return {(p.kind, p.name) for p in propose_attributions(text, today=TODAY, **kwargs)}


@pytest.mark.parametrize(
    "text, kind, name",
    [
        ("The White House declined to comment.", "declined", "White House"),
        (
            "The White House declined The Epoch Times’ request for comment.",
            "declined",
            "White House",
        ),
        ("A Treasury spokesperson declined to comment.", "declined", "Treasury"),
        (
            "The police union did not respond to a request for comment.",
            "no_response",
            "police union",
        ),
        (
            "Harold Beck, who owns 12 percent of the company, could not be reached for comment.",
            "no_response",
            "Harold Beck",
        ),
        ("Renner's lawyer could not be reached for comment.", "no_response", "Renner"),
    ],
)
def test_right_of_reply(text, kind, name):
    assert (kind, name) in pairs(text)


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "A spokeswoman for the district, Jo Hart, said the district does not comment on "
            "personnel matters.",
            "Jo Hart",
        ),
        (
            "Asked about the lawsuit, Mayor Kim Lee said she could not discuss pending litigation.",
            "Kim Lee",
        ),
    ],
)
def test_declines_in_indirect_speech(text, name):
    assert pairs(text) == {("declined", name)}


def test_paraphrase_that_goes_on_to_decline_is_both():
    assert pairs(
        "The water board said in a letter that it was reviewing the data but would not comment "
        "further."
    ) == {("paraphrased", "water board"), ("declined", "water board")}


@pytest.mark.parametrize(
    "sentence",
    [
        "She would not say how much the repairs cost.",
        "She would not comment on the lawsuit.",
        "She refused to discuss the settlement.",
    ],
)
def test_would_not_say_and_refused_to_discuss_are_declines(sentence):
    text = f"Vera Holt, a spokeswoman for the port, said the cranes were safe. {sentence}"
    assert ("declined", "Vera Holt") in pairs(text)


def test_not_responding_to_a_single_question_is_no_response():
    found = {
        (p.kind, p.name)
        for p in propose_attributions(
            "The ministry did not respond to a question about the talks.", today=TODAY
        )
    }
    assert found == {("no_response", "ministry")}
