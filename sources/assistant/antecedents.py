"""Whom "he" or "she" means when more than one person was named just before it (and whose
surname a misspelt one is: `misspelt`).

The resolver (`resolve.py`) takes the nearest person the pronoun could be. A gender the text
shows counts ("Berg said he ..." makes Berg a he, as a title or an earlier pronoun does), and
a nearest person of unknown gender is doubtful when one the text showed to be a he or a she
is in sight. With the parser on (`parse.py`), when a second person who
could be the pronoun is named in its sentence or the two before, the pronoun goes to the one
who was the *subject* there: the speaker of a speech the rules read, a name that opens its
sentence, or one the parse makes a clause's subject ("Tom Berg told the council ...").
With no subject to go by, two subjects in one sentence ("Ana Ruiz and Tom Berg voted ..."),
or a subject of unknown gender against one the text showed to be a he or a she, the pronoun
is doubtful: its proposal falls below the showing threshold (`confidence.SHOWN`) and its
quote keeps no speaker. A wrong party is worse than none.
"""

from __future__ import annotations

import re

from sources.assistant import parse
from sources.assistant.names import _ORGISH_ROLES
from sources.assistant.types import _Entity

# "Berg said he ...", "Ruiz told reporters that she ...": the pronoun is the person's
_SAID_PRONOUN = re.compile(
    r"\b(?P<name>[A-Z][\w’'-]+)\s+(?:said|says|added|told\s+\w+|explained|insisted)\s+"
    r"(?:that\s+)?(?P<p>he|she)\b"
)
# a sentence's first words up to a name in them ("Ana Ruiz and Tom " before "Berg")
_NAME_OPENING = re.compile(
    r"[\s“\"]*(?:[A-Z][\w.’'-]*\s+){0,3}(?:and\s+(?:[A-Z][\w.’'-]*\s+){0,3})?"
)
_SUBJECTS = {"nsubj", "nsubj:pass", "csubj"}
# Dependents that are part of the name or phrase: walk up from the surname to its head.
_INSIDE_NAME = {"flat", "flat:name", "compound", "appos", "amod", "nmod:poss", "det"}


def settle(reader, chosen_at: int, chosen: _Entity, ordered, wanted: str, pos: int):
    """(the entity the pronoun at `pos` means, whether that is doubtful). `ordered`: every
    (position, entity) named before it, the nearest first; `chosen` the nearest one of the
    pronoun's gender as far as the entities know it."""
    genders = _said_genders(reader)
    compatible = [(at, e) for at, e in ordered if _could_be(e, wanted, genders)]
    if not compatible:
        return chosen, False
    first = compatible[0][1]
    window = _window_start(reader, pos)
    near = [(at, e) for at, e in compatible if at >= window]
    if not parse.enabled():
        return first, _unsure(first, near, wanted, genders)
    if len({_person_key(e) for _at, e in near}) < 2:
        return first, False
    subjects = _subjects(reader, near, window, pos)
    if not subjects:
        return first, True
    last_at, last = max(subjects, key=lambda s: s[0])
    # "Ana Ruiz and Tom Berg voted for it": two subjects of one sentence, no telling which
    sentence = reader.sentence_at(last_at)
    both = {_person_key(e) for at, e in subjects if sentence[0] <= at < sentence[1]}
    return last, len(both) > 1 or _unsure(last, near, wanted, genders)


def _unsure(entity: _Entity, near, wanted: str, genders: dict[str, str]) -> bool:
    """ "Ana Lima said she ... Rui Costa nodded. “...,” she said": one the text shows to be a
    she is in sight, and the gender of the one chosen is not known."""
    shown = {_person_key(e) for _at, e in near if _gender(e, genders) == wanted}
    return not _gender(entity, genders) and bool(shown - {_person_key(entity)})


def _said_genders(reader) -> dict[str, str]:
    """Surname -> "m"/"f" where the text shows it: "Berg said he ...", "Ruiz said that she"
    (a surname said of both is left out)."""
    if (cache := getattr(reader, "_said_genders", None)) is not None:
        return cache
    found: dict[str, str] = {}
    for match in _SAID_PRONOUN.finditer(reader.masked):
        gender = "m" if match.group("p") == "he" else "f"
        name = match.group("name")
        found[name] = gender if found.get(name, gender) == gender else "?"
    reader._said_genders = {k: v for k, v in found.items() if v != "?"}
    return reader._said_genders


def _window_start(reader, pos: int) -> int:
    """The start of the second sentence before the pronoun's (paragraphs are no limit: a
    quote that opens a paragraph is often given to "he" named in the one before)."""
    start = reader.sentence_at(pos)[0]
    for _back in range(2):
        if start == 0:
            break
        start = reader.sentence_at(start - 1)[0]
    return start


def _gender(entity: _Entity, genders: dict[str, str]) -> str:
    surname = entity.name.split()[-1] if entity.name.split() else ""
    return entity.gender or (genders.get(surname, "") if entity.kind == "person" else "")


def _could_be(entity: _Entity, wanted: str, genders: dict[str, str]) -> bool:
    if entity.kind == "nominal" and entity.head in _ORGISH_ROLES:
        return False
    return entity.kind in ("person", "nominal") and _gender(entity, genders) in ("", wanted)


def _person_key(entity: _Entity) -> str:
    words = entity.name.lower().split()
    return words[-1] if entity.kind == "person" and words else entity.key


def _subjects(reader, near, window: int, pos: int) -> list[tuple[int, _Entity]]:
    """The candidates that were a subject in the window: speakers of the speech the rules
    read there, and (with the parser on) people the parse makes a clause's subject."""
    spoke = {id(entity) for at, entity in reader.speakers if window <= at < pos}
    found = [(at, entity) for at, entity in near if id(entity) in spoke]
    found += [
        (at, entity)
        for at, entity in near
        if _opens_sentence(reader, at) or _parsed_subject(reader, at)
    ]
    return found


def _opens_sentence(reader, at: int) -> bool:
    """The name at `at` opens its sentence ("Marta Vidal, the engineer, inspected ...", "Ana
    Ruiz and Tom Berg voted"): a subject, however the parse hangs it."""
    start = reader.sentence_at(at)[0]
    return bool(_NAME_OPENING.fullmatch(reader.masked, start, at))


def _parsed_subject(reader, at: int) -> bool:
    """Whether the word at `at` heads (or is part of) a clause's subject in the parse."""
    start, end = reader.sentence_at(at)
    if getattr(reader, "_parsed_sentences", None) is None:
        reader._parsed_sentences = {}
    cache = reader._parsed_sentences
    if (start, end) not in cache:
        cache[(start, end)] = parse.parse_pieces([reader.text[start:end]])[0]
    tokens = cache[(start, end)]
    offset = at - start
    token = next((t for t in tokens if t.start <= offset < t.end), None)
    for _hop in range(8):
        if token is None or token.dep in _SUBJECTS:
            break
        # up from the surname to its noun, and from "Tom Berg" in "Ana Ruiz and Tom Berg"
        if token.dep not in _INSIDE_NAME and token.dep != "conj":
            return False
        token = tokens[token.head] if token.head != token.i else None
    return token is not None and token.dep in _SUBJECTS


def misspelt(short: str, surname: str) -> bool:
    """Whether `short` is `surname` misspelt ("Bauchtman" for "Buchtmann"): both seven
    letters or more, the same first letter, at most two letters added, dropped or changed."""
    if short == surname or min(len(short), len(surname)) < 7 or short[0] != surname[0]:
        return False
    a, b = short.lower(), surname.lower()
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = row
    return previous[-1] <= 2
