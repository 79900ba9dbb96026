"""Who a reference is: pronouns, surnames, "the company", "the newspaper", the registry."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sources.assistant import antecedents
from sources.assistant.names import (
    _ORGISH_ROLES,
    _PERSON_OR_BODY_ROLES,
    STORY_PROPER_WORDS,
    _drop_stop_words,
    _gender_of,
    _is_object_mention,
    _is_org_name,
    _is_outlet_name,
    _norm,
    _org_core,
    _strip_titles,
    is_public_body,
)
from sources.assistant.phrases import _Ref
from sources.assistant.types import PARAPHRASED, QUOTED, REPORTED_BY, RegistryEntry, _Entity, _Event
from sources.assistant.vocabulary import (
    _CAPSEQ,
    _MONTHS,
    _ORG_WORDS,
    _OUTLET_DOCUMENTS,
    _OUTLET_ROLES,
    BUSINESS_ROLES,
)

# The bodies "the city" and "the town" stand for, by the words of their names.
_CITY_BODIES = {
    "city": re.compile(r"(?i)\b(?:city|municipality|city\s+council)\b"),
    "town": re.compile(r"(?i)\b(?:town|municipality|town\s+council)\b"),
}


def _coerce_registry(registry: Iterable) -> list[RegistryEntry]:
    entries = []
    for item in registry or ():
        if isinstance(item, RegistryEntry):
            entries.append(item)
        elif isinstance(item, dict):
            entries.append(
                RegistryEntry(
                    item.get("id"),
                    item["name"],
                    tuple(item.get("aliases") or ()),
                    item.get("descriptor", ""),
                    item.get("kind", ""),
                )
            )
        elif isinstance(item, tuple | list):
            entries.append(
                RegistryEntry(*item[:2], tuple(item[2] if len(item) > 2 else ()), *item[3:5])
            )
        else:
            entries.append(
                RegistryEntry(
                    getattr(item, "id", None),
                    item.name,
                    tuple(getattr(item, "aliases", ()) or ()),
                    getattr(item, "descriptor", ""),
                    getattr(item, "kind", ""),
                )
            )
    return entries


def match_registry(name: str, registry: Iterable) -> RegistryEntry | None:
    """The registry entry a name in the text stands for: by name, alias, then surname."""
    key = _norm(_strip_titles(name)[0])
    if not key:
        return None
    entries = _coerce_registry(registry)
    for entry in entries:
        names = [entry.name, *entry.aliases]
        if any(_norm(_strip_titles(n)[0]) == key for n in names):
            return entry
    if " " not in key:
        by_surname = [
            e
            for e in entries
            if e.kind not in ("organization", "outlet", "document")
            and _norm(_strip_titles(e.name)[0]).split()[-1:] == [key]
        ]
        if len(by_surname) == 1:
            return by_surname[0]
    return None


def _resolve_date(match: re.Match, today: date) -> date | None:
    if not match or not match.groupdict().get("month"):
        return None
    month = _MONTHS[match.group("month")[:3].lower()]
    day = int(match.group("day"))
    try:
        if match.group("year"):
            return date(int(match.group("year")), month, day)
        found = date(today.year, month, day)
        return found if found <= today else date(today.year - 1, month, day)
    except ValueError:
        return None


class Resolver:
    """The reader's resolution steps (mixed into the reader)."""

    def _resolve_events(self) -> None:
        previous_quote: _Event | None = None
        previous: _Event | None = None
        for event in self.events:
            if event.kind == QUOTED and event.ref is None:
                same_para = event.inherit and previous_quote and previous_quote.para == event.para
                # a quote that is a paragraph of its own goes on from the quote that closed
                # the paragraph before ("...," Eastman said. ¶ “If ...”)
                next_para = (
                    event.alone
                    and previous is previous_quote
                    and previous_quote is not None
                    and previous_quote.para == event.para - 1
                )
                if same_para or next_para:
                    event.entity = previous_quote.entity
                    event.doubtful = previous_quote.doubtful
                if not event.writers:
                    previous_quote = previous = event
                continue
            event.entity = self._resolve(event.ref, event.pos)
            event.doubtful = event.pos in self.doubtful_at
            if event.kind == PARAPHRASED and event.entity and event.entity.kind == "outlet":
                # "it said", "the newspaper said" for an outlet: a credit, not a paraphrase
                event.kind = REPORTED_BY
            if event.kind == QUOTED:
                previous_quote = event
            previous = event

    def _entity(self, key: str, name: str, kind: str, pos: int, **extra) -> _Entity:
        entity = self.entities.get(key)
        if entity is None:
            entity = _Entity(key, name, kind, first_pos=pos, **extra)
            entry = None if extra.get("anonymous") else match_registry(name, self.registry)
            entity.source_id = entry.id if entry else None
            self.entities[key] = entity
        else:
            for attr, value in extra.items():
                if value and not getattr(entity, attr):
                    setattr(entity, attr, value)
        return entity

    def _spoke(self, entity: _Entity, pos: int = 0) -> _Entity:
        self.speakers.append((pos, entity))
        return entity

    def _resolve(self, ref: _Ref | None, pos: int) -> _Entity | None:
        if ref is None:
            return None
        if ref.kind == "pronoun":
            return self._resolve_pronoun(ref.name, pos)
        entity = self._resolve_ref(ref, pos)
        if entity is not None and entity.kind != "document":
            self._spoke(entity, pos)
        return entity

    def _resolve_ref(self, ref: _Ref, pos: int) -> _Entity | None:
        if ref.kind == "group":
            return self._resolve_group(ref, pos)
        if ref.kind == "outlet":
            return self._resolve_outlet(ref, pos)
        if ref.kind == "nominal":
            return self._resolve_nominal(ref, pos)
        if ref.kind == "document":
            if ref.name.lower() in _OUTLET_DOCUMENTS and (outlet := self._outlet_before(pos)):
                # "The report said" after "Coastal Radio reported": the outlet, not "report"
                return outlet
            return self._entity("doc:" + _norm(ref.name), ref.name, "document", pos)
        if ref.kind == "single":
            return self._resolve_single(ref, pos)
        return self._resolve_named(ref, pos)

    def _named_before(self, pos: int):
        """(position, full name) of every person named before `pos`, by full name or surname."""
        names = {name for _p, name, _t, _d in self.mentions}
        names |= {e.name for e in self.entities.values() if e.kind == "person"}
        found = []
        for name in names:
            surname = name.split()[-1]
            # not inside a hyphenated name: "Sarkozy" is not in "Carla Bruni-Sarkozy"
            pattern = rf"(?<![\w-]){re.escape(surname)}\b(?!['’]s?\b|-)"
            for match in re.finditer(pattern, self.masked[:pos]):
                # what comes before the whole name ("the First Lady, Carla Ruiz-Vega")
                # (within its own sentence: "... on Monday. Costa has" is a subject)
                lo = max(self.sentence_at(match.start())[0], match.start() - 160)
                near = self.masked[lo : match.start()]
                head = re.sub(r"(?:[A-Z][\w.’'-]*\s+)*$", "", near)
                if not _is_object_mention(head[-80:]):
                    found.append((match.start(), name))
        return sorted(found, reverse=True)

    def _resolve_pronoun(self, pronoun: str, pos: int) -> _Entity | None:
        """He/she: the last person named; they: the last group; it: the last organization or
        outlet that spoke."""
        wanted = {"he": "m", "she": "f"}.get(pronoun)
        kinds = {
            "he": ("person", "nominal"),
            "she": ("person", "nominal"),
            "they": ("group",),
            # "..., said KCNA. “...,” it added": an outlet that speaks is an "it" too
            "it": ("org", "outlet"),
        }[pronoun]
        candidates = [(p, e) for p, e in self.speakers if e.kind in kinds]
        if wanted:
            candidates = [
                (p, e) for p, e in candidates if e.kind == "person" or e.head not in _ORGISH_ROLES
            ]
            for mention_pos, name in self._named_before(pos):
                entity = self.entities.get(_norm(name))
                if entity is None:
                    entity = self._resolve_named(_Ref("person", name), mention_pos)
                candidates.append((mention_pos, entity))
        if pronoun == "it" and not candidates:
            # "The Memphis-based company earned ..., it said": the organization last named
            orgs = [
                (m.start(), _org_core(_drop_stop_words(m.group())))
                for m in re.finditer(_CAPSEQ, self.masked[max(0, pos - 800) : pos])
                if _is_org_name(_drop_stop_words(m.group()))
                and not _is_outlet_name(_drop_stop_words(m.group()))
            ]
            if orgs:
                name = orgs[-1][1]
                return self._entity(_norm(name), name, "org", pos)
        ordered = sorted(candidates, key=lambda c: c[0], reverse=True)
        for at, entity in ordered:
            if wanted and entity.gender and entity.gender != wanted:
                continue
            if wanted:
                # two people in sight: the one who was the subject, else a doubtful guess
                entity, doubtful = antecedents.settle(self, at, entity, ordered, wanted, pos)
                if doubtful:
                    self.doubtful_at.add(pos)
                    return entity
            if wanted and not entity.gender:
                entity.gender = wanted
            return entity
        return None

    def _resolve_group(self, ref: _Ref, pos: int) -> _Entity:
        singular = ref.head.rstrip("s")
        if ref.definite or ref.name == ref.head:
            for _p, entity in reversed(self.speakers):
                if entity.kind == "group" and entity.head.rstrip("s") == singular:
                    if ref.anonymous:
                        entity.anonymous = True
                    return entity
        # bare "officials" after a country or a body is named: its officials, unnamed
        bare = ref.name in ("officials", "official") and self._body_named_before(pos)
        return self._entity(
            "group:" + _norm(ref.name),
            ref.name,
            "group",
            pos,
            anonymous=ref.anonymous or bare,
            head=ref.head,
        )

    def _resolve_outlet(self, ref: _Ref, pos: int) -> _Entity:
        key = _norm(ref.name)
        for entity in self.entities.values():
            if entity.kind == "outlet" and (entity.key.endswith(" " + key) or entity.key == key):
                return entity
        return self._entity(key, ref.name, "outlet", pos)

    def _resolve_nominal(self, ref: _Ref, pos: int) -> _Entity:
        role = ref.head
        if ref.definite and role in _OUTLET_ROLES and (outlet := self._outlet_before(pos)):
            # "The newspaper said": the outlet named before, never a source of its own
            return outlet
        # "The authority declined to say" is the authority, never "Dana Whitcombe, the
        # authority's finance director": a body is only ever resolved to a body.
        body = role in _ORGISH_ROLES and role not in _PERSON_OR_BODY_ROLES
        if ref.definite and not body:
            for mention_pos, name, titles, desc in reversed(self.mentions):
                if mention_pos < pos and (
                    role in titles or re.search(rf"(?i)\b{re.escape(role)}\b", desc)
                ):
                    return self._resolve_named(_Ref("person", name, desc, titles=titles), pos)
            for _p, entity in reversed(self.speakers):
                if entity.kind == "person" and (
                    role in entity.titles
                    or re.search(rf"(?i)\b{re.escape(role)}\b", entity.descriptor)
                ):
                    return entity
        if ref.definite and role in _ORGISH_ROLES:
            # "the department" after "the Riverside Heights Fire Department"; "the company"
            # after the last company that spoke; "the mayor's office" after "the Office of
            # the Mayor" (both words)
            words = [role]
            if possessor := re.match(r"(?:.*\s)?([\w-]+)['’]s office$", ref.name):
                words.append(possessor.group(1))
            for _p, entity in reversed(self.speakers):
                if entity.kind == "org" and all(
                    re.search(rf"(?i)\b{re.escape(w)}\b", entity.name) for w in words
                ):
                    return entity
            for _p, entity in reversed(self.speakers):
                if (
                    entity.kind == "org"
                    and role in BUSINESS_ROLES
                    and not is_public_body(entity.name)
                ):
                    return entity
            # no such body has spoken: the last one named ("Brightline Software will cut
            # ..., the company told staff"), else the one the story names most
            # ("the county health department" needs all its words: not "State Department
            # of Health")
            mods = [w for w in ref.name.split()[:-1] if "'" not in w and "’" not in w]
            if ref.name.split()[-1] == role and (name := self._named_org(words + mods, pos)):
                return self._entity(_norm(name), name, "org", pos)
        return self._entity(
            "nominal:" + _norm(ref.name),
            ref.name,
            "nominal",
            pos,
            head=role,
            anonymous=ref.anonymous,
        )

    def _body_named_before(self, pos: int) -> bool:
        """Whether a sentence before the one at `pos` names a country or a body: an
        organization's name, or a capitalized name inside a sentence that is no person's."""
        people = {w for _p, name, _t, _d in self.mentions for w in name.split()}
        for match in re.finditer(_CAPSEQ, self.masked[: self.sentence_at(pos)[0]]):
            name = _drop_stop_words(match.group())
            if not name or _is_outlet_name(name) or set(name.split()) & people:
                continue
            first = name.split()[0]
            if (
                _is_org_name(name)
                or match.start() not in self._sentence_starts
                or first in STORY_PROPER_WORDS.get()
            ):
                return True
        return False

    def _outlet_before(self, pos: int) -> _Entity | None:
        """The outlet that spoke last before `pos`, else the last one named before it."""
        for spoke_at, entity in reversed(self.speakers):
            if entity.kind == "outlet" and spoke_at < pos:
                return entity
        named = [
            _drop_stop_words(m.group())
            for m in re.finditer(_CAPSEQ, self.masked[:pos])
            if _is_outlet_name(_drop_stop_words(m.group()))
        ]
        if named:
            return self._resolve_outlet(_Ref("outlet", self._outlet_display(named[-1])), pos)
        return None

    def _named_org(self, words: list[str], pos: int) -> str:
        """The organization a definite "the company" or "the district" most likely means
        (`words`: the role, and for "the mayor's office" also "mayor")."""
        role = words[0]
        orgs = []
        for match in re.finditer(_CAPSEQ, self.masked):
            name = _org_core(_drop_stop_words(match.group()))
            if not name or not _is_org_name(name) or _is_outlet_name(name):
                continue
            if role in BUSINESS_ROLES:
                # "the company" is the last company named, never the agency before it
                named = not is_public_body(name)
            elif len(words) == 1 and role in _CITY_BODIES:
                # "the city" after "the Municipality of Ashford" or "Ashford Town Council"
                named = bool(_CITY_BODIES[role].search(name))
            else:
                named = all(re.search(rf"(?i)\b{re.escape(w)}\b", name) for w in words)
            if named:
                orgs.append((match.start(), name))
        before = [name for start, name in orgs if start < pos]
        if before:
            return before[-1]
        counts: dict[str, int] = {}
        for _start, name in orgs:
            counts[name] = counts.get(name, 0) + 1
        return max(counts, key=counts.get) if counts else ""

    def _full_name(self, short: str, pos: int):
        """The (position, full name, titles, descriptor) of the person named in full before
        `pos` whose surname is `short`, else the only one whose name begins with it ("Wu"
        after "Wu Zegang": a family name written first), else the only one whose surname it
        is, misspelt."""
        full = [m for m in self.mentions if m[0] < pos and len(m[1].split()) > 1]
        for mention in reversed(full):
            if mention[1].split()[-1] == short:
                return mention
        first = {m[1]: m for m in full if m[1].split()[0] == short}
        if len(first) == 1:
            return next(iter(first.values()))
        # "Ms Buchtman" after "Lydia Buchtmann": a long surname misspelt by a letter or two
        spoken = [
            (e.first_pos, e.name, e.titles, e.descriptor)
            for e in self.entities.values()
            if e.kind == "person" and e.first_pos < pos and len(e.name.split()) > 1
        ]
        near = {m[1]: m for m in full + spoken if antecedents.misspelt(short, m[1].split()[-1])}
        return next(iter(near.values())) if len(near) == 1 else None

    def _resolve_single(self, ref: _Ref, pos: int) -> _Entity:
        surname = ref.name
        if shared := self._shared_surname(surname, pos):
            return shared
        for _p, entity in reversed(self.speakers):
            if entity.kind == "person" and entity.name.split()[-1] == surname:
                return entity
        if mention := self._full_name(surname, pos):
            _p, name, titles, desc = mention
            return self._resolve_named(_Ref("person", name, desc, titles=titles), pos)
        entry = match_registry(surname, self.registry)
        if entry and entry.kind not in ("organization", "outlet", "document"):
            return self._resolve_named(_Ref("person", _strip_titles(entry.name)[0]), pos)
        surname = self._full_org_name(surname, pos)
        return self._entity(_norm(surname), surname, "org", pos)

    def _full_org_name(self, short: str, pos: int) -> str:
        """ "Fairfield" or "A Hollow Creek spokeswoman" after "Fairfield Markets" and "Hollow
        Creek Foods": a short name of an organization the story named in full before."""
        for match in re.finditer(_CAPSEQ, self.masked[:pos]):
            name = _org_core(_drop_stop_words(match.group()))
            tail = name[len(short) :].split()
            # the rest says what kind of business it is: "Markets", "Grocers", "Foods Inc."
            if (
                name.startswith(short + " ")
                and 0 < len(tail) <= 2
                and all(t.lower() in _ORG_WORDS or re.fullmatch(r"[A-Z][a-z]+s", t) for t in tail)
                and not _is_outlet_name(name)
            ):
                return name
        return short

    def _shared_surname(self, surname: str, pos: int) -> _Entity | None:
        """A surname two people named before `pos` share ("Teresa Okafor" and "her husband,
        Kenji Okafor"): the bare surname is the person named in full in the same paragraph,
        else the story's main subject — the one introduced first, whom the story goes on
        calling by the surname alone (a relative is named in full each time)."""
        people: dict[str, int] = {}
        for mention_pos, name, _t, _d in self.mentions:
            if mention_pos < pos and name.split()[-1] == surname and len(name.split()) > 1:
                people.setdefault(name, mention_pos)
        if len(people) < 2:
            return None
        para_start = self.paragraphs[self.para_at(pos)][0]
        in_para = [(p, n) for n, p in people.items() if p >= para_start]
        chosen = max(in_para)[1] if in_para else min((p, n) for n, p in people.items())[1]
        mention = next(m for m in self.mentions if m[1] == chosen)
        return self._resolve_named(
            _Ref("person", chosen, mention[3], titles=mention[2]), mention[0]
        )

    def _resolve_named(self, ref: _Ref, pos: int) -> _Entity:
        if (
            ref.kind == "person"
            and " " not in ref.name
            and (full := self._full_name(ref.name, pos))
        ):
            # "Mr. Rainsy" after "Sam Rainsy": the person named in full before
            ref = _Ref("person", full[1], ref.descriptor, titles=ref.titles or full[2])
        kind = "person" if ref.kind == "person" else "org"
        if kind == "org":
            ref = _Ref(ref.kind, self._full_org_name(ref.name, pos), ref.descriptor)
        descriptor = (
            ref.descriptor
            or self._descriptor_near(ref.name, pos)
            or next((desc for _p, name, _t, desc in self.mentions if name == ref.name and desc), "")
        )
        gender = ref.gender or _gender_of(ref.titles, descriptor)
        return self._entity(
            _norm(ref.name),
            ref.name,
            kind,
            pos,
            descriptor=descriptor,
            gender=gender,
            titles=ref.titles,
        )

    def _descriptor_near(self, name: str, pos: int) -> str:
        for _n, desc, span, _titles in self.descriptors:
            if _n == name and span[0] <= pos + len(name) + 40:
                return desc
        return ""
