"""Noun phrases: who a subject, an object or an "according to" names, and descriptors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sources.assistant.names import (
    _ORGISH_ROLES,
    _ROLE_NOUN_SET,
    _ROLE_WORD,
    STORY_PROPER_WORDS,
    _clean_appositive,
    _gender_of,
    _is_org_name,
    _is_outlet_name,
    _strip_titles,
    _title_token,
)
from sources.assistant.text import MASK
from sources.assistant.vocabulary import (
    _ANONYMITY_CLAUSE,
    _ANONYMITY_WORDS,
    _DOCUMENT_NP,
    _GROUP_NOUNS,
    _GROUP_NP,
    _LOWER_TITLE_PREFIX,
    _MODIFIER_ROLE_NP,
    _NAME_OF_ORG_NP,
    _NAMED_BODY_NP,
    _NAMED_NP,
    _NOMINAL_NP,
    _NOT_NAMES,
    _POSSESSIVE_ROLE_NP,
    _PRE_APPOSITIVE_NP,
    _PRONOUN,
    _ROLE_FOR_NP,
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
            # "one poster", "a juror", "one villager": a person the story does not name
            anonymous=anonymous_sentence
            or role in _UNNAMED_INSIDERS
            or _unnamed_person(np.split()[0], role),
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
