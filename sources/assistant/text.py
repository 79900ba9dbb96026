"""Text structure: paragraphs, quote segments, masking and sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sources.assistant.vocabulary import _ABBREVIATIONS, _UPPER

MASK = "#"


@dataclass
class _Segment:
    start: int  # the opening quote mark
    end: int  # just after the closing mark, or the paragraph's end when left open
    closed: bool
    para: int


def _plain_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((match.start() + lead, match.start() + len(line.rstrip())))
    return spans


def _segments(text: str, paragraphs: list[tuple[int, int]]) -> list[_Segment]:
    """Double-quoted stretches, paragraph by paragraph. Single quotes are left alone."""
    found = []
    for index, (start, end) in enumerate(paragraphs):
        open_at = None
        for pos in range(start, end):
            mark = text[pos]
            if mark == "“" or (mark == '"' and open_at is None):
                open_at = pos if open_at is None or mark == "“" else open_at
            elif mark in '”"' and open_at is not None:
                found.append(_Segment(open_at, pos + 1, True, index))
                open_at = None
        if open_at is not None:
            found.append(_Segment(open_at, end, False, index))
    return found


def _mask(text: str, segments: list[_Segment]) -> str:
    """Blank out quote interiors, keeping the last punctuation mark (it tells "," from ".")."""
    chars = list(text)
    for seg in segments:
        inner_end = seg.end - 1 if seg.closed else seg.end
        last = inner_end - 1
        while last > seg.start and text[last].isspace():
            last -= 1
        for pos in range(seg.start + 1, inner_end):
            if text[pos] != "\n" and not (pos == last and text[pos] in ",.?!"):
                chars[pos] = MASK
    return "".join(chars)


_SENTENCE_BREAK = re.compile(rf"[.!?][”\"’')]*\s+(?=[“\"(]?[{_UPPER}0-9#])")


def _is_abbreviation(token: str) -> bool:
    """ "Rep." or an initial ("J.") does not end a sentence; "p.m." may."""
    return (
        token in _ABBREVIATIONS
        or token in ("u.s.", "d.c.")
        or bool(re.fullmatch(r"[a-z]\.", token))
    )


def _sentence_spans(masked: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for start, end in paragraphs:
        cursor = start
        for match in _SENTENCE_BREAK.finditer(masked, start, end):
            word = masked[cursor : match.start() + 1].split()[-1:] or [""]
            token = word[0].lstrip('(“"').lower()
            if _is_abbreviation(token):
                continue
            spans.append((cursor, match.start() + len(match.group().rstrip())))
            cursor = match.end()
        spans.append((cursor, end))
    return spans
