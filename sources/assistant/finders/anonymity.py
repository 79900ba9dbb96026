"""Anonymity: the reason a source is unnamed, applied to the source the sentence names."""

from __future__ import annotations

import re

from sources.assistant.vocabulary import (
    _ANON_REASONS,
    _ANONYMITY_CLAUSE,
    _GROUP_NOUNS,
    _REASON_END,
    _ROLE_NOUNS,
)

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = _ANONYMITY_CLAUSE


def find(ctx) -> None:
    """Give anonymous groups the reason the text states, wherever the sentence is."""
    groups = [e for e in ctx.entities.values() if e.kind in ("group", "nominal")]
    if not groups:
        return
    for start, end in ctx.sentences:
        sentence = ctx.masked[start:end]
        if not _ANONYMITY_CLAUSE.search(sentence):
            continue
        reason = _anonymity_reason(sentence)
        spoke_here = [e for p, e in ctx.speakers if start <= p < end and e in groups]
        heads = {
            m.lower().rstrip("s")
            for m in re.findall(rf"(?i)\b(?:{_GROUP_NOUNS}|{_ROLE_NOUNS})\b", sentence)
        }
        targets = (
            spoke_here
            or [g for g in groups if g.head.rstrip("s") in heads]
            or [max(groups, key=lambda g: g.first_pos if g.first_pos <= end else -1)]
        )
        target = min(targets, key=lambda g: abs(g.first_pos - start))
        target.anonymous = True
        if reason and not target.reason:
            target.reason = reason


def _anonymity_reason(sentence: str) -> str:
    for pattern in _ANON_REASONS:
        match = pattern.search(sentence)
        if match:
            reason = match.groupdict().get("r") or match.group()
            reason = _REASON_END.split(reason, maxsplit=1)[0]
            return " ".join(reason.split()).strip(" ,")
    return ""
