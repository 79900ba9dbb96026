"""Reading a row's id from an address, a form or a token: only a number the database can hold.

Python's `str.isdigit()` says yes to "١٢٣" (Arabic-Indic digits, which `int()` reads as 123)
and to "²" (which `int()` refuses), and `int()` reads "+1", " 1" and "1_000"; a lookup with a
number past the column's range is a database error. So every id that comes from outside goes
through `parse_id`, which answers None for anything but ASCII digits within range: the caller
answers "no such thing" (a 404 or a form error), never a 500.
"""

# Ids are PostgreSQL bigints (DEFAULT_AUTO_FIELD is BigAutoField).
MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))


def parse_id(value) -> int | None:
    """The id `value` spells (ASCII digits, surrounding spaces allowed), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not (text and len(text) <= _MAX_DIGITS and text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
