"""Speech read from the dependency parse: a reporting verb, what was said, and who said it.

Runs after the rule-based finders, on the sentences they found nothing in, and only when the
parser is switched on (`parse.enabled()`: `NEWSROOM_ASSISTANT_PARSER=1`; off by default): a sentence with a form of a listed reporting verb
(`reporting_verbs.py`, by lemma) outside its quotes is parsed, and each such verb that

- is active and asserted (no "not", no "would"/"to" before it, no passive subject),
- has what was said: a clause ("warned that ...") or a sentence joined to it ("..., he
  said"), or for a stance verb an object ("denied the report", "appealed to X"),
- has a subject the assistant understands (`phrases._classify_np` on the subject's words as
  the parse delimits them, however long the phrase between them and the verb); "the
  ministry", "the judge" only when the resolver finds the one named before,

is a paraphrase (or, for an outlet, a credit). In the passive the agent speaks: "was
announced by the ministry", "as described by the board". A second verb joined by "and"/"but" shares the
first one's subject; "..., warning that ..." is the sentence's subject's. Pronouns other than
he/she/they are left alone: "it" has too many readings to name a party from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sources.assistant import parse
from sources.assistant.names import STORY_PROPER_WORDS
from sources.assistant.phrases import _classify_np
from sources.assistant.reporting_verbs import (
    CLAUSE_LEMMAS,
    EXPRESSED,
    GUARDED_LEMMAS,
    STANCE_LEMMAS,
    forms,
    lemma_of,
)
from sources.assistant.text import MASK
from sources.assistant.types import PARAPHRASED, REPORTED_BY, _Event

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = re.compile(rf"\b(?:{'|'.join(sorted(forms(), key=len, reverse=True))})\b")

# How what was said hangs on the verb.
_OBJECTS = {"obj", "obl", "xcomp", "iobj"}
_UNASSERTED = {"not", "n't", "never", "to", "would", "will", "could", "might", "may", "can"}
_UNASSERTED |= {"should", "must", "shall", "wo", "ca"}
_VERB_PLACES = {"ROOT", "conj", "parataxis", "advcl"}
_WORD = re.compile(r"[A-Za-z]+")
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those"}
# "“...,” he said", "“...,” said Ana Ruiz": a quote's own attribution
_AFTER_QUOTE = re.compile(r"[”\"][\s,]*(?:[\w.’'-]+\s+){0,3}$")
_QUOTE_NEXT = re.compile(r"\s*[,:]?\s*[“\"]")
# "described the plan as “dead”": the quote is the claim
_DESCRIBING = {"describe", "characterize", "characterise", "brand", "label"}
# The rules that read a speech verb themselves: their sentences are theirs.
_SPEECH_RULES = {"speech_verbs", "participles", "replies", "quoted_as"}
_NAME_PARTS = {"flat", "compound", "appos"}
# ("single": a name of one word, a surname used before or a body: "Greenpeace")
_SPEAKERS = {"person", "single", "org", "group", "nominal", "outlet", "document"}


def find(ctx) -> Iterator[_Event]:
    if not parse.enabled():
        return
    pieces = list(_sentences_to_parse(ctx))
    if not pieces:
        return
    parsed = parse.parse_pieces([ctx.text[s:e] for s, e in pieces])
    for (start, end), tokens in zip(pieces, parsed, strict=True):
        yield from _speech(ctx, start, end, tokens)


def _sentences_to_parse(ctx) -> Iterator[tuple[int, int]]:
    """Sentences with a reporting verb outside their quotes where no rule read a speech verb
    (a quote, an "according to" or an outlet's credit there leaves the verb unread). A verb
    that is a quote's own attribution ("“...,” he said.") or a noun ("the
    report", "its claims") is no reason to parse: parsing costs most of the assistant's time."""
    taken = [event.span for event in ctx.events if event.rule in _SPEECH_RULES]
    verbs = forms()
    for start, end in ctx.sentences:
        if any(lo < end and start < hi for lo, hi in taken):
            continue
        before = ""
        for word in _WORD.finditer(ctx.masked, start, end):
            form = word.group()
            if (
                form in verbs
                and before not in _DETERMINERS
                and not _AFTER_QUOTE.search(ctx.masked, max(start, word.start() - 60), word.start())
            ):
                yield start, end
                break
            before = form.lower()


def _speech(ctx, start: int, end: int, tokens: list) -> Iterator[_Event]:
    children: dict[int, list] = {}
    for token in tokens:
        if token.head != token.i:
            children.setdefault(token.head, []).append(token)
    sentence = ctx.masked[start:end]
    for verb in tokens:
        lemma = lemma_of(verb.text)
        if not lemma or not verb.tag.startswith("VB"):
            continue
        if ctx.masked[start + verb.start] == MASK:
            continue  # inside a quote: someone else's words
        kids = children.get(verb.i, [])
        agent = next((kid for kid in kids if kid.dep == "obl:agent"), None)
        if agent is not None and (lemma in CLAUSE_LEMMAS or lemma in _DESCRIBING):
            # (not "the bill rejected by the House": a vote, no speech)
            # "The closure was announced by the ministry", "as described by the board"
            yield from _by_agent(ctx, start, end, tokens, children, verb, kids, agent)
            continue
        if verb.dep not in _VERB_PLACES or not _asserted(verb, kids):
            continue
        if _QUOTE_NEXT.match(ctx.text, start + verb.end):
            continue  # "X said, “...”": the quotes finder's
        said = _what_was_said(lemma, verb, kids, children)
        if lemma in _DESCRIBING:
            # "characterized the conflict as “a skirmish”", however the as-phrase hangs
            said += [(k.i, k.dep) for k in kids if k.dep not in ("nsubj", "obj", "punct")]
        if not _paraphrase(ctx, start, tokens, children, lemma, said):
            continue
        subject = _subject(verb, kids, tokens, children)
        if subject is None:
            continue
        lo, hi = _extent(subject, children)
        if subject.tag in ("WP", "WDT") and tokens[subject.head].dep == "acl:relcl":
            # "Name, who ran the board ..., warned": the relative clause's noun
            lo, hi = _name_extent(tokens[tokens[subject.head].head], children)
        words = ctx.masked[start + tokens[lo].start : start + tokens[hi].end]
        ref = _classify_np(words, sentence)
        if ref is None or not _speaker(ref):
            continue
        if ref.kind == "single" and not (
            subject.tag == "NNP" or ref.name in STORY_PROPER_WORDS.get()
        ):
            continue  # "Estimates suggest": a plural noun that opens a sentence, no name
        pos = start + tokens[lo].start
        yield _Event(
            pos,
            REPORTED_BY if ref.kind == "outlet" else PARAPHRASED,
            ref,
            (start, end),
            para=ctx.para_at(pos),
            # "the ministry", "the judge": proposed only as the party named before
            named_only=ref.kind == "nominal" and ref.definite,
        )


def _by_agent(ctx, start, end, tokens, children, verb, kids, agent) -> Iterator[_Event]:
    hedged = _UNASSERTED | {"reportedly", "allegedly", "apparently"}
    if any(kid.text.lower() in hedged for kid in kids if kid.dep in ("aux", "advmod")):
        return
    lo, hi = _extent(agent, children)
    # the name's own words, not what the parse may hang on it ("on Monday")
    name_end = max([agent.i] + [k.i for k in children.get(agent.i, []) if k.dep in _NAME_PARTS])
    while lo < agent.i and tokens[lo].dep == "case":
        lo += 1  # "by"
    sentence = ctx.masked[start:end]
    # the agent alone first: the parse may hang "on Monday" on it
    for last in dict.fromkeys((name_end, hi)):
        words = ctx.masked[start + tokens[lo].start : start + tokens[last].end]
        ref = _classify_np(words, sentence)
        if ref is not None and _speaker(ref) and ref.kind != "pronoun":
            pos = start + tokens[lo].start
            kind = REPORTED_BY if ref.kind == "outlet" else PARAPHRASED
            yield _Event(pos, kind, ref, (start, end), para=ctx.para_at(pos))
            return


def _holds_quote(ctx, start: int, tokens, children, head: int) -> bool:
    lo, hi = _extent(tokens[head], children)
    return MASK in ctx.masked[start + tokens[lo].start : start + tokens[hi].end]


def _paraphrase(ctx, start: int, tokens, children, lemma: str, said) -> bool:
    """Something is said outside quotes, and no quote is the claim: "said the base remained
    “fully operational.”" and "described the plan as “dead”" are quotes (the quotes finder's,
    by the labels' convention), "appealed to Tibetans ..., in his words, “...”" is not."""
    quoted = {i: _holds_quote(ctx, start, tokens, children, i) for i, _role in said}
    if all(quoted.values()):
        return False
    for i, role in said:
        if quoted[i] and (role == "claim" or (lemma in _DESCRIBING and role != "obj")):
            return False
    return True


def _asserted(verb, kids) -> bool:
    """Said, not "did not say", "would say", "to say", nor "was told"."""
    if verb.tag == "VBN" and verb.dep == "advcl" and not any(k.dep == "aux" for k in kids):
        return False  # a bare participle: "as announced last week"
    if verb.tag == "VBG" and verb.dep != "advcl" and not any(k.dep == "aux" for k in kids):
        return False
    for kid in kids:
        if kid.dep in ("nsubj:pass", "aux:pass", "expl"):
            return False
        if kid.dep in ("aux", "advmod", "mark") and kid.text.lower() in _UNASSERTED:
            return False
    return True


def _what_was_said(lemma: str, verb, kids, children) -> list[tuple[int, str]]:
    """Where what was said hangs on the verb: (token index, "claim", "aside" or "object")
    pairs, empty when the verb says nothing."""
    if lemma in GUARDED_LEMMAS:
        return _guarded(lemma, kids, children)
    found = []
    for kid in kids:
        # "said that the plan would pass", also when the parse hangs the clause as an adverbial
        marks = children.get(kid.i, [])
        that = any(m.dep == "mark" and m.text.lower() == "that" for m in marks)
        if kid.dep == "ccomp" or (kid.dep == "advcl" and that):
            found.append((kid.i, "claim"))
        elif kid.dep == "parataxis":
            found.append((kid.i, "aside"))  # "appealed to ..., in his words, “...”"
    if verb.dep == "parataxis" and verb.head < verb.i and lemma in CLAUSE_LEMMAS:
        found.append((verb.head, "claim"))  # "the plan will pass, he said"
    if lemma in STANCE_LEMMAS:
        found += [(kid.i, kid.dep) for kid in kids if kid.dep in _OBJECTS]
    if verb.dep == "advcl" and lemma not in STANCE_LEMMAS:
        return []  # "..., adding that ...": the rules read those
    return found


def _guarded(lemma: str, kids, children) -> list[tuple[int, str]]:
    """ "called for talks", "called the plan reckless", "expressed concern": what was said
    after a verb that is speech only with it (`reporting_verbs.GUARDED`)."""
    if lemma == "call":
        found = []
        for kid in kids:
            cases = {c.text.lower() for c in children.get(kid.i, []) if c.dep == "case"}
            if kid.dep == "obl" and "for" in cases:
                found.append((kid.i, "obj"))
            elif kid.dep == "xcomp" and any(k.dep == "obj" for k in kids):
                found.append((kid.i, "claim"))  # (a quote there is the claim: the quotes')
        objects = [k for k in kids if k.dep == "obj"]
        if len(objects) == 2:  # "called the plan a “reform ...”": the second is the claim
            found.append((objects[1].i, "claim"))
        return found
    return [(k.i, k.dep) for k in kids if k.dep == "obj" and k.text.lower() in EXPRESSED]


def _subject(verb, kids, tokens, children):
    """The verb's subject; a verb joined by "and" or a "..., warning that" participle
    takes the subject of the verb it hangs on."""
    for _hop in range(3):
        own = [k for k in kids if k.dep == "nsubj"]
        if own:
            return own[0]
        if verb.dep not in ("conj", "advcl") or verb.head == verb.i:
            return None
        if verb.dep == "advcl" and verb.tag != "VBG":
            return None
        verb = tokens[verb.head]
        kids = children.get(verb.i, [])
    return None


def _name_extent(token, children) -> tuple[int, int]:
    """The noun and the words of its name, without its clauses and prepositional phrases."""
    parts = [k.i for k in children.get(token.i, []) if k.dep in _NAME_PARTS | {"det", "amod"}]
    return min([token.i, *parts]), max([token.i, *(i for i in parts if i > token.i)])


def _extent(token, children) -> tuple[int, int]:
    lo = hi = token.i
    stack = [token]
    while stack:
        node = stack.pop()
        lo, hi = min(lo, node.i), max(hi, node.i)
        stack.extend(children.get(node.i, []))
    return lo, hi


def _speaker(ref) -> bool:
    if ref.kind == "pronoun":
        return ref.name in ("he", "she", "they")
    return ref.kind in _SPEAKERS
