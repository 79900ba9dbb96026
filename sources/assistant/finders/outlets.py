"""Outlet credits: “The Ledger reported”, “reported by”, “the Ledger's analysis”, “talked to”,
and reported speech through another outlet: “told the Ledger”, “in an interview with X”,
“quoting X”, “state media say”."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sources.assistant.names import _is_outlet_name
from sources.assistant.phrases import _Ref
from sources.assistant.resolve import _resolve_date
from sources.assistant.types import REPORTED_BY, _Event
from sources.assistant.vocabulary import (
    _DATE,
    _MEDIA_SAY,
    _OUTLET_POSSESSIVE,
    _OUTLET_REPORTED,
    _REPORT_BY,
    _REPORTED_BY,
    _TALKED_TO,
    _TOLD_OUTLET,
    _WEEKDAYS,
)

_DAY_AFTER = re.compile(rf"\s+(?:{_WEEKDAYS}|{_DATE})\b.*$")

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = re.compile(
    r"\b(?:reported|reports|reporting|report|analysis|investigation|story|article|talked|spoke|"
    r"speaking|told|tells?|remarks|interview|quoted|quoting|seen|aired|broadcast|provided|"
    r"media|noted|observed|cited)\b[^,.;]{0,20}"
)


def find(ctx) -> Iterator[_Event]:
    patterns = (
        _OUTLET_REPORTED,
        _REPORTED_BY,
        _TALKED_TO,
        _REPORT_BY,
        _OUTLET_POSSESSIVE,
        _TOLD_OUTLET,
        _MEDIA_SAY,
    )
    for pattern in patterns:
        for match in pattern.finditer(ctx.masked):
            # "told VOA Thursday": a day or a date after the name is not part of it
            raw = _DAY_AFTER.sub("", match.group("np"))
            tokens = raw.split()
            # the name may have picked up capitalized words before it: try shorter tails
            for index in range(len(tokens)):
                candidate = " ".join(tokens[index:])
                if _is_outlet_name(candidate) and not (candidate.lower() == "times" and index == 0):
                    break
            else:
                continue
            if tokens[index - 1 : index] == ["The"] and not candidate.startswith("The "):
                candidate = "The " + candidate
            name = ctx._outlet_display(candidate)
            start = (
                match.start("np")
                + raw.find(candidate.split()[-1])
                - (len(candidate) - len(candidate.split()[-1]))
            )
            sentence = ctx.sentence_at(match.start())
            yield (
                _Event(
                    max(start, match.start("np")),
                    REPORTED_BY,
                    _Ref("outlet", name),
                    sentence,
                    reported_on=_resolve_date(match, ctx.today),
                    para=ctx.para_at(match.start()),
                )
            )
