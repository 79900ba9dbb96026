"""Direct quotes and who said them: after the quote (“..., she said”) or before it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sources.assistant.phrases import _classify_np
from sources.assistant.text import MASK, _Segment
from sources.assistant.types import QUOTED, _Event
from sources.assistant.vocabulary import (
    _ADVERBIALS,
    _FUNCTION_WORDS,
    _POST_NOMINALS,
    _PRE_QUOTE_VERB_RE,
    _QUOTE_VERB_RE,
)

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = re.compile(r"[“\"][^”\"]{0,40}")


def _chains(ctx) -> list[list[_Segment]]:
    chains: list[list[_Segment]] = []
    for seg in ctx.segments:
        prev = chains[-1][-1] if chains else None
        if (
            (
                prev
                and not prev.closed
                and seg.para == prev.para + 1
                and seg.start == ctx.paragraphs[seg.para][0]
            )
            or prev
            and prev.closed
            and seg.para == prev.para
            and _is_bridge(ctx, prev, seg)
        ):
            chains[-1].append(seg)
        else:
            chains.append([seg])
    return chains


def _is_bridge(ctx, first: _Segment, second: _Segment) -> bool:
    """A quote broken by its attribution: "As always," she said, "we ..."."""
    between = ctx.masked[first.end : second.start]
    inner = ctx.text[first.start + 1 : first.end - 1].rstrip()
    return (
        inner.endswith(",")
        and between.strip().endswith(",")
        and len(between) < 160
        and bool(_QUOTE_VERB_RE.search(between))
        # “...,” she said, adding .... In response, he said, “...”: two sentences, two quotes
        and ctx.sentence_at(first.end)[0] == ctx.sentence_at(second.start)[0]
    )


def find(ctx) -> Iterator[_Event]:
    for chain in _chains(ctx):
        parts = []
        for seg in chain:
            inner_end = seg.end - 1 if seg.closed else seg.end
            parts.append(ctx.text[seg.start + 1 : inner_end].strip())
        words = " ".join(" ".join(parts).split())
        if not words:
            continue
        span = (chain[0].start, chain[-1].end)
        found = None
        writers = False
        for seg in chain:
            writers = _is_scare_quote(ctx, seg, words)
            found = _attribution_after(ctx, seg) or (
                None if writers else _attribution_before(ctx, seg)
            )
            if found:
                break
        para = ctx.para_at(span[0])
        if not found:
            found = _subject_of_sentence_before(ctx, chain[0], para)
        if found:
            ref, pos, attr_span, outlet = found
            ctx.consumed.append(attr_span)
            lo, hi = min(span[0], attr_span[0]), max(span[1], attr_span[1])
            event = _Event(pos, QUOTED, ref, (lo, hi), (words, span), outlet, para=para)
        else:
            sent_start = ctx.sentence_at(span[0])[0]
            opens_sentence = not ctx.masked[sent_start : span[0]].strip()
            para_start, para_end = ctx.paragraphs[chain[-1].para]
            alone = span[0] == ctx.paragraphs[para][0] and not ctx.masked[span[1] : para_end].strip(
                " .,"
            )
            event = _Event(
                span[0],
                QUOTED,
                None,
                span,
                (words, span),
                inherit=opens_sentence,
                alone=alone,
                writers=writers,
                para=para,
            )
        yield event


def _subject_of_sentence_before(ctx, seg: _Segment, para: int):
    """ "Ana Ruiz offered her explanation. “...”": a quote that opens a sentence, first in its
    paragraph to do so, after a sentence about a named person (or "she") is that person's."""
    para_start = ctx.paragraphs[para][0]
    sent_start = ctx.sentence_at(seg.start)[0]
    if ctx.masked[sent_start : seg.start].strip() or sent_start <= para_start:
        return None
    if any(g.para == para and g.start < seg.start for g in ctx.segments):
        return None
    prev_start, prev_end = ctx.sentence_at(sent_start - 1)
    if prev_start < para_start or MASK in ctx.masked[prev_start:prev_end]:
        return None
    found = ctx._sentence_subject(prev_start, prev_end)
    if not found or found[0].kind not in ("person", "single", "pronoun"):
        return None
    ref, pos = found
    return ref, pos, (pos, pos), ""


def _is_scare_quote(ctx, seg: _Segment, words: str) -> bool:
    """A word or three quoted inside a noun phrase ("what he termed an “unjust” campaign",
    "the so-called “clique”"): the writer's quotation marks, not a quote to credit. A
    quoted predicate ("said it was “heartbroken” and ...") is still a quote."""
    if len(words.split()) > 3 or not seg.closed:
        return False
    sent_start, sent_end = ctx.sentence_at(seg.start)
    before = ctx.masked[sent_start : seg.start]
    after = ctx.masked[seg.end : sent_end]
    if not before.strip():
        return False
    if re.search(r"\b(?:a|an|the|so-called|his|her|its|their)\s*$", before):
        return True
    # "who joined “Harbor Hour” Monday": a title in capitals, the name of a show or a book
    if all(w[:1].isupper() for w in words.split()) and not re.search(r"[!?]$", words):
        return True
    noun = re.match(r"\s+([a-z]+)\b", after)
    return bool(noun) and noun.group(1) not in _FUNCTION_WORDS


_WITH_PARTICIPLE = re.compile(
    r"\bwith\s+(?P<np>[^,;:#“”\"]+?)\s+(?:stating|saying|writing|adding|noting|declaring|"
    r"arguing|warning|telling\s+[^,;:#“”\"]+?)[,:]?\s*$"
)
# "“...”, according to the Coastal Courier."
_ACCORDING_AFTER = re.compile(r"^[,\s]*according\s+to\s+(?P<np>[^,.;:#“”\"]+)")


def _attribution_after(ctx, seg: _Segment):
    if not seg.closed:
        return None
    _start, sent_end = ctx.sentence_at(seg.end - 1)
    if sent_end <= seg.end and ctx.masked[seg.end - 2 : seg.end - 1] in ("?", "!"):
        # “Retire to what?” Rosa Delgado asked. — the question mark ended no sentence
        sent_end = ctx.sentence_at(seg.end + 1)[1]
    after = ctx.masked[seg.end : sent_end]
    sentence = ctx.masked[_start:sent_end]
    if according := _ACCORDING_AFTER.match(after):
        ref = _classify_np(according.group("np"), sentence)
        if ref and ref.kind != "pronoun":
            # an outlet's words stay free for the credit of its own (according_to)
            end = seg.end if ref.kind == "outlet" else seg.end + according.end()
            return ref, seg.end + according.start("np"), (seg.end, end), ""
    verb = _QUOTE_VERB_RE.search(after)
    if not verb or verb.start() > 90:
        return None
    before_verb = after[: verb.start()]
    base = seg.end
    sentence = ctx.masked[_start:sent_end]
    if before_verb.strip(" ,") == "":
        rest = after[verb.end() :]
        ref, np_end = ctx._subject_right(rest, sentence)
        if not ref:
            return None
        subject_pos = base + verb.end()
        attr_span = (base, base + verb.end() + np_end)
    else:
        cleaned = _ADVERBIALS.sub("", before_verb)
        ref = _classify_np(cleaned, sentence)
        if not ref:
            return None
        subject_pos = base + len(before_verb) - len(before_verb.lstrip(" ,"))
        attr_span = (base, base + verb.end())
    outlet = ctx._told_outlet(after[verb.start() :]) if verb.group().startswith("t") else ""
    return ref, subject_pos, attr_span, outlet


def _attribution_before(ctx, seg: _Segment):
    sent_start, _end = ctx.sentence_at(seg.start)
    before = ctx.masked[sent_start : seg.start]
    if not before.strip():
        # "Rathbun stated, ¶ “...”", "X tweeted: ¶ “...”": the paragraph before introduces it
        para = ctx.paragraphs[seg.para - 1] if seg.para else None
        if para and seg.start == ctx.paragraphs[seg.para][0] and ctx.masked[para[1] - 1] in ":,":
            sent_start, _end = ctx.sentence_at(para[1] - 1)
            return _introduced_by(ctx, sent_start, para[1], ctx.masked[sent_start : para[1]])
        return None
    return _introduced_by(ctx, sent_start, seg.start, before)


def _introduced_by(ctx, sent_start: int, quote_start: int, before: str):
    """The speaker named before the quote in its sentence (`before` ends at the quote)."""
    _end = ctx.sentence_at(sent_start)[1]
    sentence = ctx.masked[sent_start:_end]
    # "..., in his words, “...”": the sentence's subject; "in the words of X, “...”": X
    if match := re.search(r"\b[Ii]n\s+the\s+words\s+of\s+(?P<np>[^#]+?),\s*$", before):
        np = re.sub(rf",\s*(?:{_POST_NOMINALS})$", "", match.group("np"))
        ref = _classify_np(np, sentence) or _classify_np(np.split(",")[-1], sentence)
        if ref:
            pos = sent_start + match.start("np")
            return ref, pos, (sent_start + match.start(), quote_start), ""
    if match := re.search(r"\b[Ii]n\s+(?:his|her|their|its)\s+(?:own\s+)?words,\s*$", before):
        found = ctx._sentence_subject(sent_start, sent_start + match.start())
        if found:
            ref, pos = found
            return ref, pos, (pos, quote_start), ""
    if match := re.search(r"\b[Aa]ccording\s+to\s+(?P<np>[^,#]+),\s*$", before):
        ref = _classify_np(match.group("np"), sentence)
        if ref:
            start = sent_start + match.start()
            return ref, sent_start + match.start("np"), (start, quote_start), ""
    # "..., with Ana Ruiz stating: “...”", "with one resident writing “...”"
    if match := _WITH_PARTICIPLE.search(before):
        ref = _classify_np(match.group("np"), sentence)
        if ref and ref.kind != "document":
            pos = sent_start + match.start("np")
            return ref, pos, (sent_start + match.start(), quote_start), ""
    verbs = list(_PRE_QUOTE_VERB_RE.finditer(before))
    for verb in reversed(verbs):
        found = ctx._subject_left(sent_start, sent_start + verb.start())
        if found:
            ref, pos = found
            outlet = ""
            if verb.group().startswith("t"):
                outlet = ctx._told_outlet(before[verb.start() :])
            return ref, pos, (pos, sent_start + verb.end()), outlet
    if before.rstrip().endswith(":"):
        # "Sunak defended the record: “...”": a sentence that introduces the quote with a
        # colon is said by its subject
        found = ctx._sentence_subject(sent_start, quote_start)
        if found and found[0].kind != "document":
            ref, pos = found
            return ref, pos, (pos, quote_start), ""
    return None
