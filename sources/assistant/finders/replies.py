"""Declines and no response: “declined to comment”, “did not respond”, unreturned messages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sources.assistant.phrases import _classify_np
from sources.assistant.types import DECLINED, NO_RESPONSE, _Event
from sources.assistant.vocabulary import _DECLINED, _NO_COMMENT_FROM, _NO_RESPONSE, _UNRETURNED

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = re.compile(
    "|".join(p.pattern for p in (_DECLINED, _NO_RESPONSE, _UNRETURNED, _NO_COMMENT_FROM)).replace(
        "?P<np>", ""
    )
)


def find(ctx) -> Iterator[_Event]:
    for kind, pattern in ((DECLINED, _DECLINED), (NO_RESPONSE, _NO_RESPONSE)):
        for match in pattern.finditer(ctx.masked):
            sent_start, sent_end = ctx.sentence_at(match.start())
            found = ctx._subject_left(sent_start, match.start())
            if not found and re.search(
                r"\b(?:and|but)\s+$", ctx.masked[sent_start : match.start()]
            ):
                found = ctx._sentence_subject(sent_start, match.start())
            if not found:
                continue
            ref, pos = found
            yield (_Event(pos, kind, ref, (sent_start, sent_end), para=ctx.para_at(pos)))
    for match in [*_UNRETURNED.finditer(ctx.masked), *_NO_COMMENT_FROM.finditer(ctx.masked)]:
        sentence = ctx.sentence_at(match.start())
        ref = _classify_np(match.group("np"), ctx.masked[slice(*sentence)])
        if ref:
            yield (
                _Event(
                    match.start("np"),
                    NO_RESPONSE,
                    ref,
                    sentence,
                    para=ctx.para_at(match.start()),
                )
            )
