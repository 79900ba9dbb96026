"""“According to X”."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sources.assistant.names import _is_outlet_name
from sources.assistant.phrases import _classify_np, _Ref
from sources.assistant.types import PARAPHRASED, REPORTED_BY, _Event
from sources.assistant.vocabulary import (
    _ACCORDING_TO,
    _CAPSEQ,
    _OUTLET_DESCRIBED,
    _OUTLET_POSSESSIVE,
    _REPORT_BY,
)

_NAME_AFTER = re.compile(rf",\s*(?P<name>{_CAPSEQ})\s*,")
_DESCRIBED_OUTLET = re.compile(rf"{_OUTLET_DESCRIBED}(?P<name>{_CAPSEQ})")

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = re.compile(r"\b[Aa]ccording\s+to\b")


def find(ctx) -> Iterator[_Event]:
    for match in _ACCORDING_TO.finditer(ctx.masked):
        if ctx._in_consumed(match.start()):
            continue
        sentence = ctx.sentence_at(match.start())
        np = match.group("np")
        by = _REPORT_BY.search(np)
        ref = _classify_np(np, ctx.masked[slice(*sentence)])
        if by and _is_outlet_name(by.group("np")):
            continue  # credited by the outlet scan
        own = _OUTLET_POSSESSIVE.match(np)
        if own and _is_outlet_name(own.group("np")):
            continue  # "according to the Times’s analysis": the same
        described = _DESCRIBED_OUTLET.fullmatch(np.strip())
        if described and _is_outlet_name(described.group("name")):
            # "according to the Porto daily O Farol"
            ref = _Ref("outlet", ctx._outlet_display(described.group("name")))
        elif re.match(r"(?:[Tt]he\s+)?[A-Z]", np.strip()) and _is_outlet_name(np.strip()):
            # "according to Yonhap news agency": an outlet the lists only know by its noun
            ref = _Ref("outlet", ctx._outlet_display(np.strip()))
        named = _NAME_AFTER.match(ctx.masked, match.end())
        if ref and ref.kind == "nominal" and named:
            # "according to the team's coach, Ana Ruiz,": the person the role names
            person = _classify_np(named.group("name"), ctx.masked[slice(*sentence)])
            if person and person.kind in ("person", "single"):
                ref = person
        if not ref:
            continue
        kind = REPORTED_BY if ref.kind == "outlet" else PARAPHRASED
        yield (_Event(match.start("np"), kind, ref, sentence, para=ctx.para_at(match.start())))
