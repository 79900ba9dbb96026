"""newsroom.ids.parse_id: ids from addresses and forms, hostile ones included."""

import pytest

from newsroom.ids import MAX_ID, parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), ("42", 42), (" 7 ", 7), ("0", 0), ("007", 7), (str(MAX_ID), MAX_ID), (12, 12)],
)
def test_ascii_digits_are_an_id(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        None,
        "abc",
        "1a",
        "-1",
        "+1",
        "1.0",
        "1_000",
        "1e3",
        "١٢٣",  # Arabic-Indic digits: isdigit() says yes, int() reads 123
        "１２",  # full-width digits
        "²",  # isdigit() says yes, int() raises
        "1\x00",
        str(MAX_ID + 1),
        "9" * 40,
        "9" * 5000,
        -1,
        MAX_ID + 1,
        True,
        1.0,
        ["1"],
    ],
)
def test_anything_else_is_none(value):
    assert parse_id(value) is None
