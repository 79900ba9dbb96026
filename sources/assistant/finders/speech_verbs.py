"""Paraphrase through a speech verb: “X said (that) ...”, “..., X added.”"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sources.assistant.phrases import _classify_np
from sources.assistant.types import DECLINED, PARAPHRASED, REPORTED_BY, _Event
from sources.assistant.vocabulary import (
    _ADVERBIAL_OPENERS,
    _DECLINED,
    _FREE_VERB_RE,
    _INDIRECT_DECLINE,
    _OBJECT_SPEECH_VERBS,
    _OBJECT_VERB_RE,
    _PARENTHETICAL_AFTER,
    _PASSIVE_BEFORE,
    _QUOTE_VERBS,
    _SENTENCE_CLOSE_AFTER,
    _THAT_AFTER,
    _THAT_SPEECH_VERBS,
    _THAT_VERB_RE,
    _VERB_LIKE,
)

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = re.compile(rf"\b(?:{_QUOTE_VERBS}|{_THAT_SPEECH_VERBS}|{_OBJECT_SPEECH_VERBS})\b")


def find(ctx) -> Iterator[_Event]:
    for verb_re, needs_that in (
        (_FREE_VERB_RE, False),
        (_THAT_VERB_RE, True),
        (_OBJECT_VERB_RE, False),
    ):
        for verb in verb_re.finditer(ctx.masked):
            yield from _speech_verb(ctx, verb, needs_that)


def _partial_quote_frame(ctx, verb_end: int, sent_end: int) -> bool:
    """ "said the mayor had “full confidence” that the project ...": the quote is part of
    a paraphrase that goes on past it, so the sentence paraphrases as well as quotes."""
    seg = next((g for g in ctx.segments if verb_end <= g.start < sent_end), None)
    if seg is None or not seg.closed:
        return False
    lead = ctx.masked[verb_end : seg.start]
    if len(lead.split()) < 2 or re.search(r"[,:]\s*$", lead):
        return False
    # ...or a claim of its own comes before it: "said Varga was cooperating and “has
    # nothing to hide.”"
    claim = re.match(r"(?P<claim>.+?)\s+(?:and|but)\s+$", lead)
    claim_words = claim.group("claim").split() if claim else []
    if len(claim_words) >= 3 and any(_VERB_LIKE.fullmatch(w) for w in claim_words[1:]):
        return True
    # ...or the claim is whole before it and the quote only says how: "said he had signed
    # the budget “without reading past the first page.”"
    opening = re.match(r"[\w’'-]+", ctx.text[seg.start + 1 : seg.end])
    lead_words = lead.split()
    verbs = [i for i, w in enumerate(lead_words) if _VERB_LIKE.fullmatch(w)]
    if (
        opening
        and opening.group().lower() in _ADVERBIAL_OPENERS
        and verbs
        and verbs[0] > 0
        and len(lead_words) - verbs[-1] > 2
    ):
        return True
    # ...a predicate or a that-clause carries on after the quote (a decline there is
    # read as a decline, and an adverbial tail is not a second claim)
    tail = ctx.masked[seg.end : sent_end]
    return (
        bool(
            re.match(
                r"[,\s]*(?:(?:(?:and|but)\s+)?that\s+\w+\s+\w+|(?:and|but)\s+(?:was|were|is|are|has|"
                r"have|had|would|will|could|can|should|\w+ed)\b)",
                tail,
            )
        )
        and not _DECLINED.search(tail)
        and not _INDIRECT_DECLINE.match(re.sub(r"^[,\s]*(?:and|but)", " it", tail))
    )


_PROGRESSIVE_BEFORE = re.compile(r"\s+(?:is|are|was|were|has\s+been|have\s+been)\s+$")


def _speech_verb(ctx, verb: re.Match, needs_that: bool) -> list[_Event]:
    sent_start, sent_end = ctx.sentence_at(verb.start())
    if ctx._in_consumed(verb.start()) and not _partial_quote_frame(ctx, verb.end(), sent_end):
        return []
    before = ctx.masked[sent_start : verb.start()]
    after = ctx.masked[verb.end() : sent_end]
    if _PASSIVE_BEFORE.search(before) and not verb.group().endswith("ing"):
        return []  # "was told", "is forecast to turn": nobody speaks ("is reporting" does)
    if re.search(r"\b(?:to|would|will|could|might|may|can|should|must|did|does|do)\s+$", before):
        return []
    closes = bool(_SENTENCE_CLOSE_AFTER.match(after))
    parenthetical = False
    if needs_that and not (_THAT_AFTER.match(after) or closes):
        if not _PARENTHETICAL_AFTER.match(after):
            return []
        parenthetical = True
    others: list = []
    subject_end = verb.start()
    if verb.group().endswith("ing") and (aux := _PROGRESSIVE_BEFORE.search(before)):
        subject_end = sent_start + aux.start()  # "The station is reporting that"
    found = ctx._subject_left(sent_start, subject_end)
    if found and parenthetical and not re.search(r"[,;—–]\s*$", ctx.masked[: found[1]]):
        return []
    if found:
        ref, pos = found
    elif re.search(r",\s*$", before):
        ref, _length = ctx._subject_right(after, ctx.masked[sent_start:sent_end])
        pos = verb.end()
        if not ref:
            # "..., say harbor officials and local fishermen."
            refs = _coordinated(ctx, after, ctx.masked[sent_start:sent_end])
            if not refs:
                return []
            ref, others = refs[0], [(other, pos) for other in refs[1:]]
    elif re.search(r"\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$", before) and (
        shared := ctx._sentence_subject(sent_start, verb.start())
    ):
        ref, pos = shared
    else:
        return []
    if found and (first := _coordinated_before(ctx, sent_start, pos, ref)):
        # "Both the X and the Y have asserted": the first of two subjects speaks too
        others.append(first)
    outlet = ctx._told_outlet(after and ctx.masked[verb.start() : sent_end])
    events = []
    for one, at in [(ref, pos), *others]:
        kind = REPORTED_BY if one.kind == "outlet" else PARAPHRASED
        if kind == PARAPHRASED and _INDIRECT_DECLINE.match(after):
            kind = DECLINED
        events.append(
            _Event(
                at,
                kind,
                one,
                (sent_start, sent_end),
                outlet=outlet if kind != REPORTED_BY else "",
                para=ctx.para_at(at),
            )
        )
    return events


def _coordinated(ctx, after: str, sentence: str) -> list:
    """The subjects of an inverted verb joined by "and": "say harbor officials and local
    fishermen." (each must read as a subject of its own)."""
    body = re.split(r"[.;:#]", after, maxsplit=1)[0]
    parts = re.split(r",?\s+and\s+", body.strip(" ,"))
    if len(parts) != 2:
        return []
    refs = [_classify_np(part, sentence, open_end=True) for part in parts]
    if all(ref and ref.kind not in ("pronoun", "document") for ref in refs):
        return refs
    return []


def _coordinated_before(ctx, sent_start: int, pos: int, second):
    """ "Both the Harbor Authority and the Fire Department have asserted": the subject before
    "and" when the verb's subject is the second of two."""
    head = ctx.masked[sent_start:pos]
    if ctx.masked.startswith("and ", pos):
        head += "and "  # the subject found may start at its "and"
    match = re.search(r"(?:^|[,;—]\s*)\s*(?:[Bb]oth\s+)?(?P<np>[^,;#]+?)\s+and\s+$", head)
    if not match:
        return None
    ref = _classify_np(match.group("np"), ctx.masked[sent_start:pos])
    after_and = ctx.masked[pos:].removeprefix("and ").lstrip()
    if ref and ref.kind == second.kind == "org" and after_and[:1].isupper():
        return None  # "The United Food and Commercial Workers union": one name
    if ref and ref.kind in ("org", "person", "group", "nominal", "outlet"):
        return ref, sent_start + match.start("np")
    return None
