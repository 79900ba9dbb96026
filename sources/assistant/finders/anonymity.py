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
    """Give anonymous groups the reason the text states, wherever the sentence is: the
    source the clause follows ("according to a board member, who spoke on condition of
    anonymity") when one spoke in the sentence. With no reason stated, the clause itself
    ("asked not to be named") is the draft reason, for the reporter to complete."""
    groups = [e for e in ctx.entities.values() if e.kind in ("group", "nominal")]
    if not groups:
        return
    for start, end in ctx.sentences:
        sentence = ctx.masked[start:end]
        here = sorted(
            ((p, e) for p, e in ctx.speakers if start <= p < end and e in groups),
            key=lambda spoke: spoke[0],
        )
        # a second clause with no source named between it and the first says more of the
        # same source ("on condition of anonymity because he was not authorized to ...")
        clauses = []
        for clause in _ANONYMITY_CLAUSE.finditer(sentence):
            if clauses and not any(
                clauses[-1].end() <= p - start < clause.start() for p, _e in here
            ):
                continue
            clauses.append(clause)
        for index, clause in enumerate(clauses):
            # each clause's reason is in its own words, up to the next clause
            stop = clauses[index + 1].start() if index + 1 < len(clauses) else len(sentence)
            reason = _anonymity_reason(sentence[clause.start() : stop]) or _clause_words(
                sentence, clause
            )
            before = [e for p, e in here if p <= start + clause.start()]
            # the clause describes the source it follows
            target = before[-1] if before else _nearest_group(groups, here, sentence, start, end)
            target.anonymous = True
            if reason and not target.reason:
                target.reason = reason


def _nearest_group(groups, here, sentence: str, start: int, end: int):
    """The group an anonymity clause before any speaker of its sentence is about."""
    heads = {
        m.lower().rstrip("s")
        for m in re.findall(rf"(?i)\b(?:{_GROUP_NOUNS}|{_ROLE_NOUNS})\b", sentence)
    }
    targets = (
        [e for _p, e in here]
        or [g for g in groups if g.head.rstrip("s") in heads]
        or [max(groups, key=lambda g: g.first_pos if g.first_pos <= end else -1)]
    )
    return min(targets, key=lambda g: abs(g.first_pos - start))


def _clause_words(sentence: str, clause: re.Match) -> str:
    """The anonymity clause as the sentence words it, from its verb: "asked not to be
    named", "spoke on condition of anonymity" (after "who" or the comma before it)."""
    head = sentence[: clause.start()]
    cut = max(head.rfind(","), head.rfind("("), head.rfind("—"))
    who = re.search(r"(?i)\bwho\s+(?!.*\bwho\s)", head[cut + 1 :])
    start = cut + 1 + (who.end() if who else 0)
    words = " ".join(sentence[start : clause.end()].split()).strip(" ,")
    return words if len(words.split()) <= 8 else " ".join(clause.group().split())


def _anonymity_reason(sentence: str) -> str:
    for pattern in _ANON_REASONS:
        match = pattern.search(sentence)
        if match:
            reason = match.groupdict().get("r") or match.group()
            reason = _REASON_END.split(reason, maxsplit=1)[0]
            return " ".join(reason.split()).strip(" ,")
    return ""
