"""One pass over one story: the finders in their registered order, then resolution."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from datetime import date

from sources.assistant.confidence import SHOWN, group_count, proposal_confidence
from sources.assistant.finders import AFTER_RESOLUTION, FINDERS
from sources.assistant.names import (
    _RELATION_APPOSITIVE,
    STORY_OUTLETS,
    STORY_PROPER_WORDS,
    _clean_appositive,
    _descriptor_mentions,
    _drop_stop_words,
    _is_org_name,
    _is_outlet_name,
    _strip_titles,
    outlets_introduced,
    proper_words,
)
from sources.assistant.phrases import _classify_np, _Ref
from sources.assistant.resolve import Resolver, _coerce_registry
from sources.assistant.text import MASK, _mask, _paragraph_spans, _segments, _sentence_spans
from sources.assistant.types import QUOTED, Proposal, Quote, _Entity, _Event
from sources.assistant.vocabulary import (
    _ADVERBIALS,
    _CAPSEQ,
    _LEADING_ADVERBIALS,
    _PARTY_STATE,
    _POST_NOMINALS,
    _QUOTE_VERB_RE,
    _STOP_STARTS,
    _TOLD_OBJECT,
    _TRAILING_CLAUSE,
    _VERB_LIKE,
    NAMELESS_NOUNS,
)

_INTERRUPTED_SUBJECT = re.compile(
    r"^\s*(?P<np>[^,]+?),\s+(?:in|on|at|quoting|citing|speaking|during|after|before|via|"
    r"through|in\s+a)\b[^,]*,\s*$"
)


# "On Sunday, ...", "After the match, ...": a phrase before the subject
_FRONTED = re.compile(
    r"(?i:on|in|at|after|before|during|since|earlier|later|last|meanwhile|also|then)\b[^,]*,"
)
_AFTER_PREPOSITION = re.compile(r"\b(?:of|in|at|from|for|with|by|to)\s+$")


def _is_nameless(name: str) -> bool:
    """ "company", "the report": a generic noun left unresolved, never a proposal's name."""
    words = name.lower().split()
    if words and words[0] in ("a", "an", "the"):
        words = words[1:]
    return len(words) == 1 and words[0] in NAMELESS_NOUNS


class _Reader(Resolver):
    """One pass over one story."""

    def __init__(self, text: str, registry: Iterable, today: date):
        self.text = text
        self.today = today
        self.registry = _coerce_registry(registry)
        self.paragraphs = _paragraph_spans(text)
        self.segments = _segments(text, self.paragraphs)
        self.masked = _mask(text, self.segments)
        self.sentences = _sentence_spans(self.masked, self.paragraphs)
        # outlets the story introduces count as outlets while it is read
        introduced = STORY_OUTLETS.set(outlets_introduced(self.masked))
        proper = STORY_PROPER_WORDS.set(proper_words(self.masked))
        try:
            self._prepare_and_read()
        finally:
            STORY_PROPER_WORDS.reset(proper)
            STORY_OUTLETS.reset(introduced)

    def _prepare_and_read(self) -> None:
        self._sentence_starts = [s for s, _ in self.sentences]
        self.descriptors = _descriptor_mentions(self.masked)
        self.mentions = self._person_mentions()
        self.entities: dict[str, _Entity] = {}
        self.speakers: list[tuple[int, _Entity]] = []
        # where a pronoun could mean either of two people (`antecedents.py`)
        self.doubtful_at: set[int] = set()
        self.consumed: list[tuple[int, int]] = []
        self.events: list[_Event] = []
        self._quote_events: list[_Event] = []
        self._read()

    # Structure helpers

    def sentence_at(self, pos: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)
        return self.sentences[index]

    def para_at(self, pos: int) -> int:
        starts = [s for s, _ in self.paragraphs]
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def _person_mentions(self):
        """Every titled or full name in the text, for "Strickland" and "the judge" later."""
        mentions = []
        descriptors = {span[0]: (desc, titles) for _n, desc, span, titles in self.descriptors}
        for match in re.finditer(_CAPSEQ, self.masked):
            raw = _drop_stop_words(match.group())
            if not raw or _is_org_name(raw) or _is_outlet_name(raw):
                continue
            if _PARTY_STATE.match(self.masked, match.start() - 1):
                continue
            name, titles = _strip_titles(raw)
            if len(name.split()) < 2 and not titles:
                continue
            desc, _t = descriptors.get(match.start(), ("", ()))
            mentions.append((match.start(), name, titles, desc))
        # "Baptiste’s father, Andre," / "her daughter, Ruth,": a first name alone is a person
        # when a relation introduces it
        for match in _RELATION_APPOSITIVE.finditer(self.masked):
            mentions.append(
                (
                    match.start("name"),
                    match.group("name"),
                    (),
                    _clean_appositive(match.group("desc")),
                )
            )
        return sorted(mentions)

    # Finding events
    def _read(self) -> None:
        # Each finder yields its events; they are kept as they come, so a later event of
        # the same finder sees what the earlier ones consumed.
        for finder in FINDERS:
            for event in finder.find(self):
                self._stamp(event, finder)
                self.events.append(event)
                if event.kind == QUOTED:
                    self._quote_events.append(event)
        self.events.sort(key=lambda e: e.pos)
        self._resolve_events()
        for finder in AFTER_RESOLUTION:
            finder.find(self)

    def _stamp(self, event: _Event, finder) -> None:
        """The event names the rule that found it and the words that triggered it."""
        event.rule = finder.__name__.rsplit(".", 1)[-1]
        words = self.text[event.span[0] : event.span[1]]
        match = finder.TRIGGER.search(words)
        if not match:
            event.trigger = ""
            return
        # Whole words: a trigger pattern may stop inside one ("[^”]{0,40}").
        start, end = match.span()
        while start > 0 and words[start - 1].isalnum():
            start -= 1
        while end < len(words) and words[end].isalnum():
            end += 1
        event.trigger = " ".join(words[start:end].split())

    def _subject_left(self, lo: int, verb_start: int) -> tuple[_Ref, int] | None:
        """The subject right before a verb: "Jane Doe, a spokeswoman for X," / "police"."""
        tail = self.masked[lo:verb_start]
        stripped = _ADVERBIALS.sub("", tail)
        # "advocacy groups who say": the relative pronoun is not part of the subject
        relative = re.search(r"\s+(?:who|which)\s*$", stripped)
        if relative:
            stripped = stripped[: relative.start()] + " "
        # "Ana Vale, QC, said": the letters after the name are not the subject
        stripped = re.sub(rf",\s*(?:{_POST_NOMINALS})\s*,\s*$", " ", stripped)
        if not stripped.strip():
            return None
        sentence = self.masked[slice(*self.sentence_at(lo))]
        # "The agency, in a statement Monday, said" / "X, quoting Y, said": the subject is
        # before the interrupting phrase
        split = _INTERRUPTED_SUBJECT.match(stripped)
        if split:
            ref = _classify_np(split.group("np"), sentence)
            if ref and ref.kind != "pronoun":
                return ref, lo + split.start("np")
        starts = [0] + [m.end() for m in re.finditer(r"[,;:—–(]\s*|\s+", stripped)]
        for start in starts:
            candidate = stripped[start:]
            # "A test engineer, who asked that ... (a long clause) ..., said": the clause is
            # not counted in the subject's length
            if not candidate.strip() or len(_TRAILING_CLAUSE.sub("", candidate).split()) > 16:
                continue
            # "a member of the exile parliament", "a diplomat in Lisbon": the object of a
            # preposition is not the subject
            # (but "the claims of advocacy groups who say": the relative's own subject)
            if not relative and _AFTER_PREPOSITION.search(stripped[:start]):
                continue
            ref = _classify_np(candidate, sentence)
            if ref:
                return ref, lo + start
        return None

    def _sentence_subject(self, sent_start: int, limit: int) -> tuple[_Ref, int] | None:
        """The subject of the sentence's first verb, for a second verb joined by "and" or
        "but": "Teague credited Okoye but said ...", "X confirmed ... but declined ..."."""
        for verb in _QUOTE_VERB_RE.finditer(self.masked, sent_start, limit):
            found = self._subject_left(sent_start, verb.start())
            if found:
                return found
        head = self.masked[sent_start:limit]
        if MASK in head:
            return None
        sentence = self.masked[sent_start:limit]
        # the shortest opening that reads as a subject and is followed by a verb
        for gap in re.finditer(r"\s+(?=(?P<w>[a-z]+)\b)", head):
            if not _VERB_LIKE.fullmatch(gap.group("w")):
                continue
            opening = head[: gap.start()]
            # "On Sunday, the Dalai Lama appealed": a fronted phrase is not the subject
            ref = _classify_np(opening, sentence) or (
                _FRONTED.match(opening) and _classify_np(opening.rsplit(",", 1)[1], sentence)
            )
            if ref and ref.kind in ("person", "single", "org", "group", "nominal", "pronoun"):
                return ref, sent_start
        return None

    def _subject_right(self, rest: str, sentence: str) -> tuple[_Ref | None, int]:
        """The subject after an inverted verb: "..." said Jane Doe, a spokeswoman for X."""
        rest_clean = _LEADING_ADVERBIALS.sub("", rest)
        offset = len(rest) - len(rest_clean)
        # `rest` already stops at the sentence's end, so "Dr." inside it is safe
        body = re.sub(r"[.;!?”\"\s]*$", "", rest_clean.split(MASK)[0].split("“")[0])
        # "said her husband, Kenji Okafor, laughing.": a participle after the subject is not
        # part of it
        bare = re.sub(r",\s*(?:[a-z]+ing|with|as|before|after|while|adding)\b[^,]*$", "", body)
        for candidate in dict.fromkeys((body, bare, body.split(",")[0])):
            ref = _classify_np(candidate, sentence, open_end=True)
            if ref:
                return ref, offset + len(candidate)
        return None, 0

    def _told_outlet(self, from_verb: str) -> str:
        match = _TOLD_OBJECT.match(re.sub(r"^\w+", "", from_verb))
        if match and _is_outlet_name(match.group("obj")):
            return self._outlet_display(match.group("obj"))
        return ""

    def _outlet_display(self, raw: str) -> str:
        raw = " ".join(raw.split())
        tokens = raw.split()
        while tokens and tokens[0].lower() in _STOP_STARTS:
            tokens.pop(0)
        raw = " ".join(tokens)
        # "Yonhap news agency", "al-Ikhbariya television": the name without the generic noun
        raw = re.sub(r"(?<=\w)\s+(?:news\s+agency|television|radio|newspaper|channel|TV)$", "", raw)
        return raw if raw.startswith("The ") else re.sub(r"^the\s+", "", raw)

    def _in_consumed(self, pos: int) -> bool:
        return any(lo <= pos < hi for lo, hi in self.consumed)

    # Output

    def quotes(self) -> list[Quote]:
        found = []
        for event in self._quote_events:
            words, span = event.quote
            entity = event.entity
            if event.doubtful:
                entity = None
            found.append(
                Quote(
                    text=words,
                    span=span,
                    speaker=entity.name if entity else None,
                    descriptor=entity.descriptor if entity else "",
                    outlet=event.outlet,
                )
            )
        return sorted(found, key=lambda q: q.span)

    def proposals(self) -> list[Proposal]:
        merged: dict[tuple, Proposal] = {}
        for event in self.events:
            entity = event.entity
            if entity is None or _is_nameless(entity.name):
                continue
            if event.named_only and entity.kind == "nominal":
                continue  # "the judge" the story never named
            quote = event.quote[0] if event.kind == QUOTED and event.quote else ""
            key = (event.kind, entity.key, quote)
            evidence = " ".join(self.text[event.span[0] : event.span[1]].split())
            existing = merged.get(key)
            if existing:
                if event.reported_on and not existing.reported_on:
                    merged[key] = _replace(existing, reported_on=event.reported_on)
                continue
            sentence = self.text[slice(*self.sentence_at(event.pos))]
            merged[key] = Proposal(
                kind=event.kind,
                name=entity.name,
                span=event.span,
                evidence=evidence,
                quote=quote,
                descriptor=entity.descriptor,
                anonymous=entity.anonymous,
                anonymity_reason=entity.reason,
                outlet=event.outlet,
                reported_on=event.reported_on,
                source_id=entity.source_id,
                rule=event.rule,
                trigger=event.trigger,
                confidence=proposal_confidence(event, entity, evidence),
                source_count=group_count(entity, sentence),
            )
            if merged[key].confidence < SHOWN:
                # a party the text does not settle is not shown at all (precision first)
                del merged[key]
        # anonymity may have been learned after the first proposal for a group was made
        final = []
        for (_kind, key, _quote), proposal in merged.items():
            entity = self.entities.get(key)
            if entity and entity.kind in ("group", "nominal"):
                proposal = _replace(
                    proposal, anonymous=entity.anonymous, anonymity_reason=entity.reason
                )
            final.append(proposal)
        return sorted(final, key=lambda p: p.span)


def _replace(proposal: Proposal, **changes) -> Proposal:
    from dataclasses import replace

    return replace(proposal, **changes)
