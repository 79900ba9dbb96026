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
        ("The Velmar Group has yet to comment on the merger.", "declined", "Velmar Group"),
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
