"""How sure a proposal is, and how many people an unnamed group stands for.

Precision before recall: a proposal that names the wrong party is worse than none, so each
one says how it reached its party. The sentence naming the party itself is the surest; a
party reached through a pronoun, a surname used elsewhere or "the company" is less sure; a
decline or no response reached that way is the least sure, because printing it says
something about someone who never spoke.
"""

from __future__ import annotations

import re

from sources.assistant.types import DECLINED, NO_RESPONSE, QUOTED, _Entity, _Event

NAMED_IN_SENTENCE = 90
UNNAMED_GROUP = 80
QUOTE_CARRIED_ON = 70  # a quote given to the speaker of the quote before it
RESOLVED = 60
REPLY_RESOLVED = 50
# Below this a proposal is not shown (`propose_attributions` leaves it out, a quote keeps no
# speaker): a pronoun that two people named just before could both be.
SHOWN = 40
AMBIGUOUS = 30

# An unnamed group counts at least two people; a number before its noun says how many.
_COUNTS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a dozen": 12,
    "dozens": 24,
}
_PLURAL_HEADS = {"people", "police", "staff", "personnel", "clergy", "military"}
_COUNT = re.compile(r"(?i)\b(?:(\d{1,3})|(" + "|".join(_COUNTS) + r"))\b")
_TRAILING = re.compile(r"^(?:the\s+)?(.*?)(?:\s+(?:of|at|in|for|with|from)\b.*)?$", re.IGNORECASE)


def named_in(name: str, sentence: str) -> bool:
    """Whether `sentence` names `name` itself: the whole name, or for a name of several
    words its last word (a surname, "Authority")."""
    name = " ".join(name.split())
    if not name:
        return False
    pattern = rf"(?i)(?<![\w-]){re.escape(name)}(?![\w-])"
    if re.search(pattern, sentence):
        return True
    head = _TRAILING.match(name).group(1).split()
    last = head[-1] if head else ""
    return (
        len(head) > 1
        and last[:1].isupper()
        and bool(re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", sentence))
    )


def proposal_confidence(event: _Event, entity: _Entity, sentence: str) -> int:
    """How sure the proposal made of `event` is, in percent (see the constants)."""
    if event.doubtful:
        return AMBIGUOUS
    if entity.kind == "group":
        return UNNAMED_GROUP
    if named_in(entity.name, sentence):
        return NAMED_IN_SENTENCE
    if event.kind == QUOTED and event.ref is None:
        return QUOTE_CARRIED_ON
    if event.kind in (DECLINED, NO_RESPONSE):
        return REPLY_RESOLVED
    return RESOLVED


def _singular(head: str) -> bool:
    """ "aide", "official", "person": one person, though the noun names a kind of group."""
    head = head.lower()
    return bool(head) and not head.endswith("s") and head not in _PLURAL_HEADS


def group_count(entity: _Entity, sentence: str) -> int:
    """How many people the source stands for: 1 for a person or a body, the number the
    sentence gives before the group's name ("two people with knowledge of ..."), else 2 (the
    plural says more than one, not how many)."""
    if entity.kind != "group" or _singular(entity.head):
        return 1
    first = entity.name.split()[0] if entity.name.split() else ""
    before = re.search(
        rf"(?i)\b(?:(\d{{1,3}})|({'|'.join(_COUNTS)}))\s+(?:[\w-]+\s+){{0,2}}?"
        rf"{re.escape(first)}\b",
        sentence,
    )
    match = before or _COUNT.match(entity.name)
    if match:
        number = int(match.group(1)) if match.group(1) else _COUNTS[match.group(2).lower()]
        return max(2, min(number, 999))
    return 2
