"""The dependency parse: the one module of the assistant that loads spaCy.

The pipeline (a tagger and a dependency parser; sentence boundaries come from the parser) is
trained by the project itself on Universal Dependencies English EWT (`./dev train-parser`,
`parser/train.py`) and shipped in `parser/model/`; nothing is downloaded. It is loaded
once per process, lazily, the first time a story is parsed, so importing the assistant (or any
other module of it) loads no spaCy at all, and the rest of the package stays standard library
only: it gets the parse as plain `Token`s.

The finders (and `antecedents`, for a pronoun with two people in sight) use it only when it is
switched on: `NEWSROOM_ASSISTANT_PARSER=1` in the environment, or `with_parser()` around a call
(`rules_only()` switches it off). It is off by default because the eval measured it against the
rules alone and it cost precision on dev and on the wire held-out set, though it won on the fresh
one (tests/sources/assistant/eval/README.md, "The parser" and "Speakers resolved through the
story"); the eval measures both (`./dev bench assistant --parser` against the default).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib.util
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

MODEL = Path(__file__).resolve().with_name("parser") / "model"

# None: as the environment says; True or False: a block's own choice
_CHOSEN: contextvars.ContextVar[bool | None] = contextvars.ContextVar(
    "assistant_parser", default=None
)


@dataclass(frozen=True)
class Token:
    """One word of a parsed sentence: offsets into the text that was parsed, its PTB tag,
    its dependency label and the index of its head within the same piece (itself: root)."""

    i: int
    start: int
    end: int
    text: str
    tag: str
    dep: str
    head: int


@functools.cache
def available() -> bool:
    """The shipped pipeline is there and spaCy is installed."""
    return (MODEL / "config.cfg").is_file() and importlib.util.find_spec("spacy") is not None


def enabled() -> bool:
    """Whether the finders use the parse in this call."""
    chosen = _CHOSEN.get()
    if chosen is None:
        chosen = os.environ.get("NEWSROOM_ASSISTANT_PARSER", "0").strip().lower() in ("1", "on")
    return chosen and available()


@contextlib.contextmanager
def _choose(on: bool) -> Iterator[None]:
    token = _CHOSEN.set(on)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def with_parser():
    """Read with the parser inside this block, whatever the environment says."""
    return _choose(True)


def rules_only():
    """Read with the rules alone inside this block (the eval's comparison)."""
    return _choose(False)


@functools.cache
def pipeline():
    """The spaCy pipeline, loaded once per process."""
    import spacy

    return spacy.load(MODEL)


def parse_pieces(texts: Sequence[str]) -> list[list[Token]]:
    """Parse each text (a sentence or a few) and return its tokens, one list per text.
    The pieces are parsed as one batch: much faster than one by one."""
    if not texts:
        return []
    nlp = pipeline()
    parsed = []
    for doc in nlp.pipe(texts, batch_size=64):
        parsed.append(
            [Token(t.i, t.idx, t.idx + len(t.text), t.text, t.tag_, t.dep_, t.head.i) for t in doc]
        )
    return parsed
