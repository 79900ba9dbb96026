"""Names: whether words name a person, an organization or an outlet; titles, descriptors
and mentions that a pronoun does or does not point back to.

The noun-phrase reader (`phrases`) and resolution (`resolve`) ask these questions; the outlets
and proper words a story introduces are set per reading in `STORY_OUTLETS` and
`STORY_PROPER_WORDS`.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from sources.assistant.text import _plain_quotes
from sources.assistant.vocabulary import (
    _APPOSITIVE,
    _CAPSEQ,
    _GROUP_NOUNS,
    _KNOWN_OUTLETS,
    _NAME_TOKEN,
    _NOT_NAMES,
    _ORG_WORDS,
    _OUTLET_INTRODUCED,
    _OUTLET_LAST_WORDS,
    _OUTLET_NOUNS,
    _ROLE_NOUNS,
    _STOP_STARTS,
    _TITLE_TOKENS,
    PUBLIC_BODY_WORDS,
)


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
    # "Harbor Light & Power", "Procter & Gamble": an ampersand joins a firm's names
    if "&" in tokens or any(t in _ORG_WORDS for t in tokens):
        return True
    return len(tokens) == 1 and (name.isupper() and len(name) > 1)


def is_public_body(name: str) -> bool:
    """ "Department of Environmental Conservation", "Harbor Authority": a body of the state or
    the public, which "the company" never means."""
    return any(word in PUBLIC_BODY_WORDS for word in re.findall(r"[a-z]+", name.lower()))


def _gender_of(titles: tuple[str, ...], descriptor: str) -> str:
    descriptor = " ".join((*titles, descriptor))  # "spokeswoman Jane Holt" says it too
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
