"""Reporting verbs by lemma, for the parse (`finders/parsed_speech.py`): data, and the forms.

Three lists. A CLAUSE verb is speech only with what was said after it, a clause ("said the plan
would pass") or a sentence of its own joined to it ("the plan will pass, he said"). A STANCE
verb is speech with an object too ("warned of delays", "denied the report", "described the
plan as dead"). A GUARDED verb is speech only with a word that makes it so ("called for
talks", "expressed concern"). Other verbs that are speech only sometimes ("question a suspect", "defend a
title", "dismiss a case", "call a meeting") are left out: a wrong party is worse than none.

`lemma_of(word)` gives the lemma of an inflected form of a listed verb ("said" → "say",
"warning" → "warn"); the forms are made by the usual spelling rules plus the irregular ones.
"""

from __future__ import annotations

import functools

CLAUSE = """
    accept add admit advise affirm agree allege announce answer argue ask assert assure
    attest boast brag calculate caution charge claim clarify comment complain
    concede conclude concur confess confirm contend counter declare deny detail determine
    disagree disclose dispute elaborate email emphasise emphasize estimate explain
    forecast grant guarantee hint imply indicate inform insist joke lament maintain mention
    note notify object observe offer opine persuade plead point posit post predict proclaim
    project promise pronounce propose protest prove quip reaffirm reason reassure recall
    recommend reiterate rejoin remark remind repeat reply report respond restate
    retort reveal rule say show signal speculate state stress suggest swear telephone tell
    testify text theorize threaten tweet underline underscore urge vow warn whisper
    write yell blog brief confide convey crow divulge exclaim grumble instruct interject
    inquire enquire moan mutter murmur narrate preach recount relate shout sigh snap
    specify stipulate submit summarise summarize surmise venture volunteer wonder
"""

STANCE = """
    accuse acknowledge admit allege announce apologise apologize appeal applaud assail
    blame blast brand characterise characterize chide commend complain condemn confirm
    contradict criticise criticize decry demand denounce deny deplore describe disclose
    dispute estimate forecast hail insist label lambaste lament laud pledge plead praise
    predict promise propose protest rebuke rebut refute reiterate reject reveal
    slam testify threaten urge vow warn berate castigate chastise disavow disown endorse
    excoriate fault mock outline recount request ridicule scold scorn
"""

# Speech only with a particular word after them (`finders/parsed_speech.py` checks it):
# "called for talks", "called the plan reckless", "expressed concern that ...", "voiced
# support for"; never "called a meeting", "expressed a parcel".
GUARDED = """
    call express voice
"""
# What one expresses or voices when that is speech.
_EXPRESSED = """
    concern concerns hope hopes regret doubt doubts support opposition sympathy confidence
    surprise disappointment frustration fear fears worry worries anger dismay gratitude
    condolences optimism skepticism scepticism reservations outrage shock
"""

CLAUSE_LEMMAS = frozenset(CLAUSE.split())
STANCE_LEMMAS = frozenset(STANCE.split())
GUARDED_LEMMAS = frozenset(GUARDED.split())
EXPRESSED = frozenset(_EXPRESSED.split())
LEMMAS = CLAUSE_LEMMAS | STANCE_LEMMAS | GUARDED_LEMMAS

# Past forms that the spelling rules do not make.
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "swear": ("swore", "sworn"),
    "show": ("shown",),
    "prove": ("proven",),
    "forecast": ("forecast",),
    "telephone": (),
}
_VOWELS = set("aeiou")
# Final consonants doubled before -ed/-ing (one-syllable stressed endings and a few more).
_DOUBLED = {"admit", "submit", "rebut", "concur", "quip", "snap", "regret", "compel"}


def _forms(lemma: str) -> set[str]:
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    if lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        stem = lemma[:-1]
        forms |= {stem + "ies", stem + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    elif lemma in _DOUBLED:
        forms |= {lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma in _IRREGULAR and lemma not in ("forecast", "telephone", "show", "prove"):
        forms.discard(lemma + "ed")  # "sayed", "telled" are no words
    return forms


@functools.cache
def _form_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in sorted(LEMMAS):
        for form in _forms(lemma):
            table.setdefault(form, lemma)
    return table


def lemma_of(word: str) -> str | None:
    """The listed reporting verb `word` is a form of, or None."""
    return _form_table().get(word.lower())


def forms() -> frozenset[str]:
    """Every form of every listed verb (a cheap first look at a sentence)."""
    return frozenset(_form_table())
