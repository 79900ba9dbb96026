"""The sourcing assistant: finds quotes, speakers and attributions in a story's text.

Pure functions, no database: text (plain, or sanitized body HTML) in, proposals out. Its
finders are rules, so that every proposal can be explained by the pattern that found it; one of
them (`finders/parsed_speech`) reads the sentences the others found nothing in through a
dependency parse, made by a pipeline the project trains itself (`parse.py`, `parser/`), and
nothing is downloaded at run time. Spans are offsets into `story_text(body)`.

How it reads a story:
1. Quotes are found first (straight or curly double quotes; single quotes are nested quotes
   or apostrophes). A quote left open at the end of a paragraph runs on into the next
   paragraph when that one opens with a quote mark; a quote broken by an attribution
   ("As always," she said, "we ...") is one quote.
2. Quote interiors are then masked, so nothing said *inside* a quote ("I read it in The
   Times") is taken for an attribution of the story itself.
3. Attribution clauses (quote attributions, "X said ...", "according to X", outlet credits,
   declines, anonymity) become events, resolved in reading order: "she" is the last named
   speaker, "Strickland" the earlier "Rep. Marilyn Strickland", "the officials" the earlier
   "U.S. officials".
4. Events become proposals, one per quote and one per source and kind otherwise, matched
   against the registry by name, alias and surname.

The package: `types` (kinds, quotes, proposals, events), `vocabulary` (every word list once),
`markup` (body HTML as plain text), `text` (paragraphs, sentences, masking), `names` (person,
organization or outlet; titles, descriptors), `phrases` (noun phrases), `finders/` (one module
per rule, registered in order in `finders/__init__.py`), `resolve` (pronouns, surnames, "the
company"), `antecedents` (whom "he" or "she" means when two people are in sight: the subject,
through the parse when it is on, else nobody), `confidence` (how sure; below `SHOWN` a proposal
is not proposed) and `reader` (one pass: the finders, then resolution, then proposals).

It imports nothing but the standard library and itself: no Django, no app of the project
(tests/sources/assistant/test_imports.py), so callers hand it text and get plain data back.
The one exception is `parse.py`, which loads spaCy lazily, once per process, the first time a
story is parsed, and only when the parser is switched on (`NEWSROOM_ASSISTANT_PARSER=1`; off
by default, see parse.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sources.assistant.markup import story_text
from sources.assistant.names import (
    _descriptor_mentions,
    _is_org_name,
    _is_outlet_name,
    _strip_titles,
)
from sources.assistant.reader import _Reader
from sources.assistant.resolve import match_registry
from sources.assistant.text import _mask, _paragraph_spans, _segments
from sources.assistant.types import (
    DECLINED,
    NO_RESPONSE,
    PARAPHRASED,
    QUOTED,
    REPORTED_BY,
    Proposal,
    Quote,
    RegistryEntry,
)
from sources.assistant.vocabulary import _DOCUMENT_NOUNS

__all__ = [
    "DECLINED",
    "NO_RESPONSE",
    "PARAPHRASED",
    "QUOTED",
    "REPORTED_BY",
    "Proposal",
    "Quote",
    "RegistryEntry",
    "find_descriptors",
    "find_quotes",
    "guess_source_kind",
    "match_registry",
    "propose_attributions",
    "story_text",
]


def propose_attributions(
    text: str, registry: Iterable = (), *, today: date | None = None
) -> list[Proposal]:
    """Every attribution the story's text makes, as proposals in reading order."""
    return _Reader(story_text(text), registry, today or date.today()).proposals()


def find_quotes(text: str, registry: Iterable = ()) -> list[Quote]:
    """Every direct quote, with its speaker resolved (None for a quote nobody is named for)."""
    return _Reader(story_text(text), registry, date.today()).quotes()


def find_descriptors(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(name, descriptor as written, span) for "Rep. Jane Doe (D-Wash.)" and "Jane Doe, a
    spokeswoman for the agency," — names without their titles."""
    plain = story_text(text)
    masked = _mask(plain, _segments(plain, _paragraph_spans(plain)))
    return [(name, desc, span) for name, desc, span, _titles in _descriptor_mentions(masked)]


def guess_source_kind(name: str, attribution_kind: str = "") -> str:
    """What kind of registry source a new name most likely is: person, organization, outlet
    or document (the editor can change it)."""
    if attribution_kind == REPORTED_BY or _is_outlet_name(name):
        return "outlet"
    if re.search(rf"(?i)\b(?:{_DOCUMENT_NOUNS})$", name.strip()):
        return "document"
    plain, titles = _strip_titles(name)
    if _is_org_name(name) or (len(plain.split()) < 2 and not titles) or plain[:1].islower():
        return "organization"
    return "person"
