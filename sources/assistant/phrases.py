"""Noun phrases: who a subject, an object or an "according to" names, and descriptors."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass

from sources.assistant.text import MASK, _plain_quotes
from sources.assistant.vocabulary import (
    _ANONYMITY_CLAUSE,
    _ANONYMITY_WORDS,
    _APPOSITIVE,
    _CAPSEQ,
    _DOCUMENT_NP,
    _GROUP_NOUNS,
    _GROUP_NP,
    _KNOWN_OUTLETS,
    _LOWER_TITLE_PREFIX,
    _MODIFIER_ROLE_NP,
    _NAME_OF_ORG_NP,
    _NAME_TOKEN,
    _NAMED_BODY_NP,
    _NAMED_NP,
    _NOMINAL_NP,
    _NOT_NAMES,
    _ORG_WORDS,
    _OUTLET_INTRODUCED,
    _OUTLET_LAST_WORDS,
    _OUTLET_NOUNS,
    _POSSESSIVE_ROLE_NP,
    _PRE_APPOSITIVE_NP,
    _PRONOUN,
    _ROLE_FOR_NP,
    _ROLE_NOUNS,
    _STOP_STARTS,
    _TITLE_TOKENS,
    _TRAILING_CLAUSE,
    _UNLISTED_GROUP_NP,
    _UNLISTED_ROLE_NP,
    _UNNAMED_INSIDERS,
)


@dataclass
class _Ref:
    """An unresolved mention of who is speaking."""

    kind: str  # pronoun, person, org, outlet, group, nominal, document
    name: str
    descriptor: str = ""
    anonymous: bool = False
    head: str = ""
    definite: bool = False
    titles: tuple[str, ...] = ()
    gender: str = ""


def _title_token(token: str) -> str:
    """The title a word is ("Ms" without its full stop is "ms."), or ""."""
    low = token.lower()
    if low in _TITLE_TOKENS:
        return low
    return low + "." if low + "." in _TITLE_TOKENS and len(low) <= 3 else ""


def _strip_titles(name: str) -> tuple[str, tuple[str, ...]]:
    tokens = name.split()
    titles = []
    while len(tokens) > 1 and _title_token(tokens[0]):
        titles.append(_title_token(tokens.pop(0)))
        # "Minister of Education Ana Ruiz", "Secretary of State Ana Ruiz": the office goes
        # with the title, leaving the two words of the name
        if tokens[:1] == ["of"] and len(tokens) > 3:
            tokens.pop(0)
            while len(tokens) > 2 and tokens[0][:1].isupper():
                tokens.pop(0)
    if not titles and len(tokens) > 3 and not _is_org_words(tokens):
        # "Labour's Shadow Home Secretary Ana Ruiz": capitalized words up to the last title
        last = max((i for i, t in enumerate(tokens[:-2]) if _title_token(t)), default=-1)
        if last >= 0 and all(t[:1].isupper() for t in tokens[:last]):
            titles = [_title_token(tokens[last])]
            tokens = tokens[last + 1 :]
    if len(tokens) > 3 and "of" in tokens[2:]:
        # "Ana Ruiz of The Daily Ledger": the name without the employer
        cut = tokens.index("of", 2)
        rest = " ".join(tokens[cut + 1 :])
        # (a capital "The" mid-name starts a publication's or a body's formal name)
        if not _is_org_words(tokens[:cut]) and (
            _is_org_name(rest) or _is_outlet_name(rest) or rest.startswith("The ")
        ):
            tokens = tokens[:cut]
    return " ".join(tokens), tuple(titles)


def _is_org_words(tokens: list[str]) -> bool:
    return any(t.lower() in _ORG_WORDS for t in tokens)


def _is_org_name(name: str) -> bool:
    tokens = [t.lower() for t in _strip_titles(name)[0].split()]
    if any(t in _ORG_WORDS for t in tokens):
        return True
    return len(tokens) == 1 and (name.isupper() and len(name) > 1)


def _gender_of(titles: tuple[str, ...], descriptor: str) -> str:
    if {"mrs.", "ms."} & set(titles) or re.search(
        r"(?i)\b(?:spokeswoman|woman|mother|wife|daughter|councilwoman|chairwoman|sister)\b",
        descriptor,
    ):
        return "f"
    if "mr." in titles or re.search(
        r"(?i)\b(?:spokesman|man|father|husband|son|councilman|chairman|brother)\b", descriptor
    ):
        return "m"
    return ""


def _clean_appositive(text: str) -> str:
    return " ".join(text.strip(" ,").split())


def _classify_np(phrase: str, sentence: str = "", *, open_end: bool = False) -> _Ref | None:
    """What a subject noun phrase is, if it is one the assistant understands (a full match).

    `open_end`: the phrase runs to the end of a sentence ("... said Jane Doe, a spokeswoman
    for X."), so an appositive needs no closing comma.
    """
    np = " ".join(phrase.replace("\n", " ").split())
    closed = np.endswith(",")
    while (shorter := _TRAILING_CLAUSE.sub("", np)) != np:
        np, closed = shorter, True
    np = np.strip(" ,")
    words = np.split()
    while words and words[0].lower() in _STOP_STARTS:
        words.pop(0)
    np = " ".join(words)
    if not np or len(words) > 16 or MASK in np:
        return None
    if _PRONOUN.fullmatch(np):
        return _Ref("pronoun", np.lower())
    for match_np in (_ROLE_FOR_NP.fullmatch(np), _POSSESSIVE_ROLE_NP.fullmatch(np)):
        if match_np:
            inner = _classify_np(match_np.group("who"), sentence)
            if inner and inner.kind not in ("pronoun",):
                return inner
    if match := _MODIFIER_ROLE_NP.fullmatch(np):
        who = match.group("who")
        demonym = np.split()[-1].lower() == "official" and re.fullmatch(
            r"(?:[A-Z]\.)+|\w+(?:ese|an|ian|ish|i)|[A-Z][\w-]+\s+\w+", who
        )
        if demonym:
            # "a Chinese official", "a Lhasa police official": an unnamed official of a
            # country or a body is not that body speaking; an anonymous source
            return _Ref("nominal", f"{who} official", head="official", anonymous=True)
        if who[0].isupper() and not who.lower().startswith(("former", "senior")):
            return _Ref("org", who)
        if who.lower() in _ROLE_NOUN_SET:
            # "a company representative" is the company that spoke last; when no such body
            # spoke, "a hospital spokeswoman" is known as just that
            voice = np.split()[-1].lower()
            return _Ref("nominal", f"{who.lower()} {voice}", head=who.lower(), definite=True)
    anonymous_sentence = bool(_ANONYMITY_CLAUSE.search(sentence))
    if match := _GROUP_NP.fullmatch(np):
        return _group_ref(match, np, anonymous_sentence, sentence)
    match = _DOCUMENT_NP.fullmatch(np)
    if match and (words[0][0].islower() or words[0].lower() in {"the", "a", "an"}):
        name = " ".join(
            (match.group("mods") + match.group("head") + (match.group("comp") or "")).split()
        )
        return _Ref("document", name, head=match.group("head").lower())
    if match := _NOMINAL_NP.fullmatch(np):
        name = " ".join((match.group("mods") + match.group("role")).split())
        if match.group("office"):
            # "the mayor's office" is an office, not the mayor
            return _Ref(
                "nominal",
                f"{name.lower()}'s office",
                head="office",
                definite=match.group("det").lower() in ("the", "this", "that"),
            )
        qual = (match.group("qual") or "").strip(" ,")
        place = " ".join((match.group("place") or "").split())
        if place and _unnamed_person(match.group("det"), match.group("role")):
            # "a test engineer in Austin": where an unnamed person is says who; where a body
            # sits ("the embassy in Washington") does not
            name = f"{name} {place}"
        if (
            qual
            and match.group("det").lower() in ("a", "an", "one", "another")
            and not _ANONYMITY_CLAUSE.search(np)
            and not _ANONYMITY_WORDS.search(np)
            and not anonymous_sentence
        ):
            name = f"{name} {qual}"
        return _Ref(
            "nominal",
            name,
            head=match.group("role").lower(),
            definite=match.group("det").lower() in ("the", "this", "that"),
            anonymous=bool(_ANONYMITY_WORDS.search(np) or _ANONYMITY_CLAUSE.search(np))
            or _unnamed_person(match.group("det"), match.group("role")),
        )
    if match := _UNLISTED_GROUP_NP.fullmatch(np):
        # "county assessors", "the plumbers": people by a plural role the lists do not have
        return _Ref(
            "group",
            " ".join(np.split()[1:] if np.split()[0].lower() == "the" else np.split()),
            head=match.group("head").lower(),
            definite=np.split()[0].lower() == "the",
        )
    if match := _UNLISTED_ROLE_NP.fullmatch(np):
        role = match.group("role").lower()
        return _Ref(
            "nominal",
            role,
            head=role,
            # "one poster", "a juror": a person the story does not name
            anonymous=anonymous_sentence or role in _UNNAMED_INSIDERS,
        )
    # ("Minister of Transport Ana Ruiz" is a title with its office, not "Minister" of a body)
    if (
        (match := _NAME_OF_ORG_NP.fullmatch(np))
        and not (_title_token(np.split()[0]) and np.split()[1:2] in (["of"], ["for"]))
        # "Ana Ruiz for the Harbor Authority" but not "Undersecretary for Education X"
        and not (match.group("desc").startswith("for") and len(match.group("name").split()) < 2)
    ):
        name, titles = _strip_titles(match.group("name"))
        if not _is_org_name(name) and name.split()[0].lower() not in _NOT_NAMES:
            return _Ref(
                "person", name, match.group("desc"), titles=titles, gender=_gender_of(titles, "")
            )
    if match := _PRE_APPOSITIVE_NP.fullmatch(np):
        ref = _named_ref(match.group("name"), None, "", "")
        if ref and ref.kind == "person" and _ROLE_WORD.search(match.group("desc")):
            ref.descriptor = _clean_appositive(match.group("desc"))
            ref.gender = ref.gender or _gender_of(ref.titles, ref.descriptor)
            return ref
    if (match := _NAMED_BODY_NP.fullmatch(np)) and not _is_outlet_name(match.group("name")):
        name = match.group("name")
        if len(name.split()) > 1 and not _strip_titles(name)[1]:
            return _Ref("org", f"{name} {match.group('noun')}")
    if match := _NAMED_NP.fullmatch(np):
        appos = match.group("appos") or ""
        if appos and not (closed or open_end):
            return None
        return _named_ref(match.group("name"), match.group("the"), match.group("paren"), appos)
    if match := re.fullmatch(r"(?P<np>.+?)\s+(?:that|who|which)\s+\w+.*", np):
        ref = _classify_np(match.group("np"), sentence)
        if ref and ref.kind in ("nominal", "org", "person", "outlet"):
            return ref
    if match := _LOWER_TITLE_PREFIX.fullmatch(np):
        lower = [w for w in match.group("pre").split() if w.islower()]
        if all(w in _TITLE_TOKENS for w in lower):
            ref = _classify_np(
                match.group("rest") + ("," if closed else ""), sentence, open_end=open_end
            )
            if ref and ref.kind in ("person", "single"):
                ref.kind = "person"
                ref.titles = (*lower, *ref.titles)
                return ref
    return None


def _unnamed_person(det: str, role: str) -> bool:
    """ "a statistician who reviewed the paper", "one neighbor": a person the story does not
    name is an anonymous source; a voice that speaks for a body ("a spokesman") is not."""
    return (
        det.lower() in ("a", "an", "one", "another")
        and role.lower() not in _ORGISH_ROLES
        and not re.match(r"(?i)spokes|representative", role)
    )


def _group_ref(match: re.Match, np: str, anonymous_sentence: bool, sentence: str = "") -> _Ref:
    head = match.group("head").lower()
    mods = match.group("mods") or ""
    qual = match.group("qual") or ""
    det = (match.group("det") or "").strip().lower()
    kept_mods = " ".join(
        m for m in mods.split() if m.lower() not in {"anonymous", "unnamed", "unidentified"}
    )
    kept_qual = re.split(
        r"(?i)\s+who\s+(?=spoke|talked|requested|asked|were\s+not|was\s+not|declined|insisted)"
        r"|\s+speaking\b",
        qual,
    )[0].strip(" ,")
    name = " ".join(f"{kept_mods} {head} {kept_qual}".split())
    anonymous = bool(_ANONYMITY_WORDS.search(np)) or head in ("source", "sources")
    if anonymous_sentence and head in (
        "officials",
        "official",
        "people",
        "person",
        "aides",
        "aide",
        "diplomats",
        "diplomat",
        "advisers",
        "adviser",
    ):
        anonymous = True
    if head in _UNNAMED_INSIDERS or (
        head in ("officials", "official") and _proper_mods(mods, np, sentence)
    ):
        # Any unnamed diplomat or aide is an anonymous source, and so are officials of a
        # named country or body ("Chinese officials", "U.S. officials"); "fire officials"
        # and "county officials" speak for their office on the record.
        anonymous = True
    definite = det in ("the",) and not kept_mods and not kept_qual
    return _Ref("group", name, anonymous=anonymous, head=head, definite=definite)


def _proper_mods(mods: str, np: str, sentence: str) -> bool:
    """Whether the modifiers before a group noun name a country or a body: a capitalized word
    inside the sentence, or at its start a demonym or an abbreviation ("Chinese", "U.S.")."""
    first = mods.split()[0] if mods.split() else ""
    if not first[:1].isupper() or first.lower() in {"anonymous", "unnamed", "unidentified"}:
        return False
    at_start = sentence.lstrip(' “"').startswith(np.strip())
    return (
        not at_start
        or bool(re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]{2,}|\w+(?:ese|an|ian|ish|i)", first))
        or first in STORY_PROPER_WORDS.get()
    )


def _named_ref(raw: str, the: str | None, paren: str | None, appos: str) -> _Ref | None:
    tokens = raw.split()
    while tokens and tokens[0].lower() in _NOT_NAMES | _STOP_STARTS:
        tokens.pop(0)
    if not tokens:
        return None
    raw = " ".join(tokens)
    if raw.lower() in {w for w in re.split(r"\|", _GROUP_NOUNS)}:
        return _Ref("group", raw.lower(), head=raw.lower())
    if raw.lower() in _ROLE_NOUN_SET:
        return _Ref("nominal", raw.lower(), head=raw.lower())
    descriptor = (paren or "").strip() or _clean_appositive(appos)
    if _is_outlet_name(raw):
        name = f"The {raw}" if the == "The" else raw
        return _Ref("outlet", name, descriptor)
    if (the or _is_org_name(raw)) and not re.match(r"(?:Rev|Hon|Msgr)\.\s", raw):
        return _Ref("org", raw, descriptor)
    name, titles = _strip_titles(raw)
    kind = "person" if (titles or len(name.split()) > 1) else "single"
    return _Ref(kind, name, descriptor, titles=titles, gender=_gender_of(titles, descriptor))


_ROLE_NOUN_SET = set(_ROLE_NOUNS.split("|"))
# The last word of "the city’s planning director" or "Genovese’s lawyer" (not "the lawsuit").
_ROLE_WORD = re.compile(
    r"(?i)(?:\b(?:" + _ROLE_NOUNS + r"|" + _GROUP_NOUNS + r"|husband|wife|son|daughter|"
    r"brother|sister|father|mother|partner|fianc[ée]e?|widow|widower|friend|neighbor)|"
    r"(?:er|or|ist|ian|ant|ent|man|woman|person|ee|ive|ary|ner))\s*$"
)


def _org_core(name: str) -> str:
    """ "Pellham Industries" out of a sentence-initial "Shares of Pellham Industries"."""
    head, _sep, rest = name.partition(" of ")
    if rest and " " not in head and _is_org_name(rest):
        return rest
    return name


_RELATION_APPOSITIVE = re.compile(
    r"(?P<desc>(?:(?:\b[Tt]he\s+)?[\w’'-]+['’]s?|\b(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur))\s+"
    r"(?:(?:older|younger|eldest|oldest|youngest|late|former|longtime)\s+)?"
    r"(?:father|mother|son|daughter|wife|husband|brother|sister|grandson|granddaughter|"
    r"grandmother|grandfather|uncle|aunt|cousin|niece|nephew|partner|fiancée?|girlfriend|"
    r"boyfriend|stepfather|stepmother|friend|neighbor|roommate)),\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*),"
)
# A name right after these is not who a later "she" points to.
_OBJECT_BEFORE = re.compile(
    r"(?:\b(?:after|by|to|with|for|of|from|against|about|on|at|in|into|near)\s+"
    rf"(?:the\s+)?(?:{_NAME_TOKEN}\s+)*|[(-])$"
)
_CAPITAL_ROLE_APPOSITIVE = re.compile(
    r"(?:\b(?:the|a|an)\s+)?(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*"
    r"(?:\s+and\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*)*,\s*$"
)
# Words after which a name is still a subject: "and Varga", "said Varga was", "coach Varga".
_SUBJECT_AFTER = {
    "and",
    "but",
    "or",
    "nor",
    "that",
    "said",
    "says",
    "when",
    "while",
    "because",
    "as",
    "if",
    "since",
    "although",
    "though",
    "whether",
    "where",
    "until",
    "so",
    "then",
    "than",
    "added",
    "asked",
}


def _is_object_mention(before: str) -> bool:
    """Whether a name after `before` is an object ("placed Varga on leave", "with Varga"),
    which a later "she said" should not point to; subjects are what pronouns pick up."""
    if _OBJECT_BEFORE.search(before):
        return True
    # "greeted by the President and the First Lady, Carla Ruiz": a name in apposition to a
    # capitalized role is an object when the role is
    role = _CAPITAL_ROLE_APPOSITIVE.search(before)
    if role and role.start() > 0 and _OBJECT_BEFORE.search(before[: role.start()]):
        return True
    last = re.search(r"([A-Za-z’'-]+)\s+(?:[A-Z][\w’'.-]*\s+)*$", before)
    if not last or not last.group(1).islower():
        return False
    word = last.group(1)
    return not (
        word in _SUBJECT_AFTER
        or word in _TITLE_TOKENS
        or word in _ROLE_NOUN_SET
        or re.search(r"(?:er|or|ist|ian|man|woman|ee|ant)$", word)
    )


# Bodies that are sometimes people: "the developer" may be the man building the tower.
_PERSON_OR_BODY_ROLES = {"developer", "publisher", "operator", "local"}
_ORGISH_ROLES = {
    "army",
    "navy",
    "military",
    "tribunal",
    "parliament",
    "cabinet",
    "regime",
    "junta",
    "company",
    "agency",
    "department",
    "ministry",
    "office",
    "campaign",
    "district",
    "city",
    "county",
    "school",
    "university",
    "hospital",
    "team",
    "club",
    "union",
    "administration",
    "government",
    "board",
    "council",
    "commission",
    "firm",
    "utility",
    "airline",
    "church",
    "group",
    "developer",
    "local",
    "bureau",
    "service",
    "museum",
    "diocese",
    "parish",
    "library",
    "zoo",
    "airport",
    "port",
    "plant",
    "factory",
    "store",
    "retailer",
    "restaurant",
    "network",
    "station",
    "foundation",
    "authority",
    "association",
    "institute",
    "nonprofit",
    "charity",
    "coalition",
    "bank",
    "lender",
    "insurer",
    "manufacturer",
    "automaker",
    "carrier",
    "railroad",
    "operator",
    "regulator",
    "court",
    "prison",
    "jail",
    "embassy",
    "legislature",
    "laboratory",
    "lab",
    "center",
    "chain",
    "publisher",
    "journal",
    "newspaper",
    "college",
    "academy",
    "clinic",
    "shelter",
    "employer",
    "archdiocese",
    "synagogue",
    "mosque",
    "temple",
    "tribe",
    "nation",
    "league",
    "federation",
}


def _norm(name: str) -> str:
    name = _plain_quotes(name).lower()
    name = re.sub(r"^the\s+", "", name.strip())
    name = re.sub(r"[^\w\s-]", "", name)
    return " ".join(name.split())


# Outlets the story being read introduces itself ("O Farol, a newspaper in Porto,"), set by
# the reader for the length of one reading.
STORY_OUTLETS: ContextVar[frozenset[str]] = ContextVar("story_outlets", default=frozenset())
# Capitalized words the story uses inside its sentences (names, not capitals of a sentence's
# first word): "Scientology officials" at a sentence's start name a body when the story
# writes "Scientology" capitalized elsewhere; "Race officials" do not.
STORY_PROPER_WORDS: ContextVar[frozenset[str]] = ContextVar(
    "story_proper_words", default=frozenset()
)


def proper_words(masked: str) -> frozenset[str]:
    """Capitalized words that follow a lowercase word or a comma (so never a sentence's
    first)."""
    return frozenset(re.findall(r"(?<=[a-z,;] )[A-Z][\w’'-]+", masked))


def outlets_introduced(masked: str) -> frozenset[str]:
    """Names the text introduces as outlets by a noun before or after them: "the Porto daily
    O Farol", "the state broadcaster RTP", "O Farol, a newspaper in Porto,"."""
    found = set()
    for pattern in _OUTLET_INTRODUCED:
        for match in pattern.finditer(masked):
            name = _norm(match.group("np"))
            if name and not _NOT_OUTLET_WORDS & set(name.split()):
                found.add(name)
    return frozenset(found)


def _is_outlet_name(name: str) -> bool:
    key = _norm(name)
    if key in _KNOWN_OUTLETS or key in STORY_OUTLETS.get():
        return True
    words = key.split()
    last = words[-1] if words else ""
    if re.search(
        rf"\s(?:{_OUTLET_NOUNS}|(?i:news\s+agency))$", name.strip()
    ) and not _NOT_OUTLET_WORDS & set(words[:-1]):
        return True
    # a known outlet's own services: "VOA Khmer", "BBC Persian", "VOA's Khmer service"
    if len(words) > 1 and re.sub(r"'s$", "", words[0]) in _KNOWN_OUTLETS:
        return True
    return last in _OUTLET_LAST_WORDS and not _NOT_OUTLET_WORDS & set(words[:-1])


# "Police News" or "Department Record" is not a newspaper.
_NOT_OUTLET_WORDS = {
    "department",
    "office",
    "council",
    "committee",
    "agency",
    "board",
    "commission",
    "university",
    "college",
    "school",
    "police",
    "court",
    "union",
    "bureau",
    "institute",
    "hospital",
    "ministry",
    "authority",
    "administration",
}


def _descriptor_mentions(masked: str):
    """(name, descriptor, span, titles) for parenthetical and appositive descriptors."""
    found = []
    paren = re.compile(rf"(?P<name>{_CAPSEQ})\s*\((?P<desc>[^()]{{1,40}})\)")
    for match in paren.finditer(masked):
        desc = match.group("desc").strip()
        if not (re.match(r"[A-Z]{1,3}-[A-Z]", desc) or desc[:1].islower()):
            continue
        name, titles = _strip_titles(_drop_stop_words(match.group("name")))
        if name and not _is_org_name(name):
            found.append((name, desc, match.span(), titles))
    appos = re.compile(
        rf"(?P<name>{_CAPSEQ}),\s+(?:\d{{1,3}},\s+)?(?P<desc>{_APPOSITIVE})(?=,|;|\.(?:\s|$)|$)"
    )
    for match in appos.finditer(masked):
        desc = _clean_appositive(match.group("desc"))
        raw = _drop_stop_words(match.group("name"))
        name, titles = _strip_titles(raw)
        if not name or _is_org_name(name) or _NOT_A_DESCRIPTOR.search(desc):
            continue
        if len(name.split()) < 2 and not titles:
            # "Okafor, a night-shift nurse," after "Teresa Okafor": the person named in full
            # first with that surname (a town or a company alone is never one)
            name = _full_name_before(masked, name, match.start())
            if not name:
                continue
        found.append((name, desc, match.span(), titles))
    found.sort(key=lambda item: item[2])
    return found


def _full_name_before(masked: str, surname: str, pos: int) -> str:
    for match in re.finditer(_CAPSEQ, masked[:pos]):
        raw = _drop_stop_words(match.group())
        name, _titles = _strip_titles(raw)
        tokens = name.split()
        if (
            len(tokens) > 1
            and tokens[-1] == surname
            and not _is_org_name(raw)
            and not _is_outlet_name(raw)
        ):
            return name
    return ""


# Appositives that describe something else than a person's role.
_NOT_A_DESCRIPTOR = re.compile(
    r"(?i)^(?:who|which|one|two|three|some|many|most|each|all|both|none)\b|"
    r"^(?:[\w’'-]+\s+)?(?:now|does|did|is|was|has|had|will|would|said|says|also|still)\b|"
    r"^[a-z]+ed\b|"
    r"^(?:the|a|an)\s+(?:(?!(?:at|for|of|with|in)\b)[\w’'-]+\s+){0,4}?(?:chain|company|firm|retailer|maker|manufacturer|"
    r"nonprofit|group|city|town|village|state|country|county|agency|organization|brand|"
    r"network|station|newspaper|outlet)\b(?!['’])"
)


def _drop_stop_words(raw: str) -> str:
    tokens = raw.split()
    while tokens and tokens[0].lower() in _NOT_NAMES | _STOP_STARTS:
        tokens.pop(0)
    return " ".join(tokens)
