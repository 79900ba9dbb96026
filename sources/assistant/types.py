"""What the assistant hands out and works with: kinds, quotes, proposals, events."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from sources.assistant.phrases import _Ref
from sources.assistant.text import _plain_quotes

QUOTED = "quoted"
PARAPHRASED = "paraphrased"
REPORTED_BY = "reported_by"
DECLINED = "declined"
NO_RESPONSE = "no_response"


@dataclass(frozen=True)
class RegistryEntry:
    """A source the newsroom already knows, as the assistant needs it (no database)."""

    id: int | None
    name: str
    aliases: tuple[str, ...] = ()
    descriptor: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Quote:
    """A direct quote: its words, where it is, and who said it (None when nobody is named)."""

    text: str
    span: tuple[int, int]
    speaker: str | None = None
    descriptor: str = ""
    outlet: str = ""


@dataclass(frozen=True)
class Proposal:
    """One attribution the assistant proposes for staff to accept, edit or dismiss."""

    kind: str
    name: str
    span: tuple[int, int]
    evidence: str
    quote: str = ""
    descriptor: str = ""
    anonymous: bool = False
    anonymity_reason: str = ""
    outlet: str = ""
    reported_on: date | None = None
    source_id: int | None = None
    # Why it was proposed: the finder (finders/<rule>.py) and the words that triggered it.
    rule: str = ""
    trigger: str = ""
    # How sure the assistant is, in percent (`confidence.py`): a party the sentence names
    # itself is surer than one reached through a pronoun or "the company".
    confidence: int = 0
    # How many people it stands for: more than one for an unnamed group ("officials said").
    source_count: int = 1

    @property
    def fingerprint(self) -> str:
        """Stable across re-runs on the same words, whatever moved around them."""
        evidence = " ".join(_plain_quotes(self.evidence).lower().split())
        raw = "\x1f".join([self.kind, self.name.lower(), _plain_quotes(self.quote), evidence])
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(eq=False)
class _Entity:
    key: str
    name: str
    kind: str
    descriptor: str = ""
    anonymous: bool = False
    reason: str = ""
    head: str = ""
    gender: str = ""
    titles: tuple[str, ...] = ()
    first_pos: int = 0
    source_id: int | None = None


@dataclass
class _Event:
    pos: int
    kind: str
    ref: _Ref | None
    span: tuple[int, int]
    quote: tuple[str, tuple[int, int]] | None = None
    outlet: str = ""
    reported_on: date | None = None
    inherit: bool = False
    # a quote that is its whole paragraph, which may carry on from the paragraph before
    alone: bool = False
    # the writer's quotation marks (a title, a scare quote): no one's words, and no break
    # between a quote and the one that goes on from it
    writers: bool = False
    para: int = 0
    entity: _Entity | None = field(default=None, repr=False)
    rule: str = ""
    trigger: str = ""
    # its party was reached through a pronoun two people named just before could both be
    doubtful: bool = False
    # "the ministry said" read from the parse: proposed only when resolved to a named party
    named_only: bool = False
