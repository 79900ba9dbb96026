"""@mentions in comments: who a name means, suggestions while typing, and who will be told.

A mention is "@" and a name of an active staff person: their username, their full name, their
first name, or the name (or its first word) of a byline (an `authors.Author`) linked to their
account, so "@Jonah" and "@Jonah Perrault" reach the account "jperrault" that writes as Jonah
Perrault. The longest name that fits wins ("@Edna Ives" over "@Edna"); at the same length a
username wins, then a full or byline name, then a first name. A name that fits two people
("@Jonah" with two Jonahs on staff) is *ambiguous*: the comment is refused with both named,
and the composer asks which one.

`suggest` lists at most `MAX_SUGGESTIONS` people for a prefix of at most `MAX_PREFIX`
characters (two queries with a LIMIT; when some match, the staff's names are read once to
choose what to write for each); `preview` says who a comment's text would notify before it
is posted (at most `MAX_MENTIONS_READ` "@"s read). Both are for staff who may see stories
(`articles.workflow.permissions`). Mentions are counted and mailed by
`articles.collaboration.comments`, which calls `read_mentions`.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Value
from django.db.models.functions import Concat

from articles.models import Article
from articles.workflow import permissions
from authors.models import Author
from newsroom.people import display_name

MAX_PREFIX = 40
MAX_SUGGESTIONS = 8
# An "@" read as a mention: not inside a word or an address (edna@example.com).
_AT = re.compile(r"(?<![\w@])@")
_NAME_END = re.compile(r"(?=[^\w'’-]|$)")
# Past this many "@"s a comment's text is not read for more (each costs a pass over the names).
MAX_MENTIONS_READ = 50
# Name kinds, strongest first: at the same length a username wins over a full name, and so on.
USERNAME, FULL_NAME, FIRST_NAME = 0, 1, 2


@dataclass
class Ambiguous:
    """A name written after "@" that fits more than one person."""

    name: str
    people: list


@dataclass
class Mentions:
    """What a comment's text names: the people (in order) and the names that fit several."""

    people: list = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)


def mentionable():
    """The people a mention can reach: active staff."""
    return get_user_model().objects.filter(is_active=True, is_staff=True)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def mention_names() -> dict[str, dict[int, list]]:
    """Every name a mention can use, folded: {name: {kind: [people]}}."""
    people = {person.pk: person for person in mentionable()}
    names: dict[str, dict[int, list]] = {}

    def add(name: str, kind: int, person) -> None:
        name = _fold(name)
        if name:
            found = names.setdefault(name, {}).setdefault(kind, [])
            if person not in found:
                found.append(person)

    for person in people.values():
        add(person.get_username(), USERNAME, person)
        add(person.get_full_name(), FULL_NAME, person)
        add(person.first_name, FIRST_NAME, person)
    bylines = Author.objects.filter(is_active=True, user_id__in=list(people)).values_list(
        "name", "user_id"
    )
    for name, user_id in bylines:
        add(name, FULL_NAME, people[user_id])
        add(name.split()[0] if name.split() else "", FIRST_NAME, people[user_id])
    return names


def _who(kinds: dict[int, list]) -> list:
    """The people a name means: those of its strongest kind."""
    return kinds[min(kinds)]


def read_mentions(text: str, names: dict | None = None) -> Mentions:
    """The people `text` names after "@" (longest name first), and the names that fit several."""
    names = mention_names() if names is None else names
    by_length = sorted(names, key=len, reverse=True)
    folded = (text or "").casefold()
    found = Mentions()
    for number, match in enumerate(_AT.finditer(folded)):
        if number >= MAX_MENTIONS_READ:
            break
        start = match.end()
        for name in by_length:
            if folded.startswith(name, start) and _NAME_END.match(folded, start + len(name)):
                people = _who(names[name])
                if len(people) > 1:
                    # As written, where folding kept the length (it does for names in practice).
                    written = text[start : start + len(name)] if len(folded) == len(text) else name
                    if name not in [_fold(seen.name) for seen in found.ambiguous]:
                        people = sorted(people, key=lambda person: known_as(person).casefold())
                        found.ambiguous.append(Ambiguous(written, people))
                elif people[0] not in found.people:
                    found.people.append(people[0])
                break
    return found


def known_as(person) -> str:
    """How the newsroom names `person` here: their full name, else the byline they write
    under, else their username."""
    if person.get_full_name():
        return display_name(person)
    byline = Author.objects.filter(user=person, is_active=True).values_list("name", flat=True)
    return byline.first() or person.get_username()


def mention_text(person, names: dict) -> str:
    """What to write after "@" to mean `person` and nobody else: the name they are known by
    when it is theirs alone, else their username."""
    name = " ".join(known_as(person).split())
    if _who(names.get(_fold(name), {USERNAME: []})) == [person]:
        return name
    return person.get_username()


def clean_prefix(prefix) -> str:
    """The typed prefix without its "@", or "" when it cannot be a name (too long, a control
    character, nothing)."""
    prefix = " ".join(str(prefix or "").split()).lstrip("@")
    if len(prefix) > MAX_PREFIX or any(unicodedata.category(c)[0] == "C" for c in prefix):
        return ""
    return prefix


def suggest(user, prefix) -> list[dict]:
    """Up to MAX_SUGGESTIONS people whose username, name or byline starts with `prefix`:
    {"id", "name" (as shown), "detail" (username, byline), "insert" (the text after "@")}."""
    if not permissions.can_view(user):
        raise PermissionDenied("Only staff who see stories may look people up.")
    prefix = clean_prefix(prefix)
    if not prefix:
        return []
    words = Q(username__istartswith=prefix) | Q(first_name__istartswith=prefix)
    words |= Q(last_name__istartswith=prefix) | Q(full_name__istartswith=prefix)
    people = list(
        mentionable()
        .annotate(full_name=Concat("first_name", Value(" "), "last_name"))
        .filter(words)
        .order_by("first_name", "last_name", "username")[:MAX_SUGGESTIONS]
    )
    bylines = list(
        Author.objects.filter(is_active=True, user__in=mentionable())
        .filter(Q(name__istartswith=prefix) | Q(name__icontains=f" {prefix}"))
        .select_related("user")
        .order_by("name")[:MAX_SUGGESTIONS]
    )
    byline_of = {author.user_id: author.name for author in bylines}
    for author in bylines:
        if author.user not in people:
            people.append(author.user)
    if not people:
        return []
    names = mention_names()
    suggestions = []
    for person in people[:MAX_SUGGESTIONS]:
        name = known_as(person)
        detail = "@" + person.get_username()
        if person.pk in byline_of and byline_of[person.pk] != name:
            detail += f" · byline {byline_of[person.pk]}"
        suggestions.append(
            {
                "id": person.pk,
                "name": name,
                "detail": detail,
                "insert": mention_text(person, names),
            }
        )
    return suggestions


def preview(user, article: Article, text: str) -> dict:
    """Who posting `text` as a comment on `article` would notify, and what needs a choice:
    {"notify": [names], "cannot_see": [names], "ambiguous": [{"name", "choices": [...]}]}."""
    if not permissions.can_comment(user, article):
        raise PermissionDenied("You cannot comment on this story.")
    names = mention_names()
    found = read_mentions(str(text or "")[:5000], names)
    notify = [person for person in found.people if permissions.can_view(person, article)]
    return {
        "notify": [known_as(person) for person in notify],
        "cannot_see": [known_as(p) for p in found.people if p not in notify],
        "ambiguous": [
            {
                "name": item.name,
                "choices": [
                    {"name": known_as(person), "insert": mention_text(person, names)}
                    for person in item.people
                ],
            }
            for item in found.ambiguous
        ],
    }


def ambiguity_message(ambiguous: list[Ambiguous]) -> str:
    """The refusal for a comment whose "@name" fits several people."""
    item = ambiguous[0]
    who = " or ".join(f"{known_as(person)} (@{person.get_username()})" for person in item.people)
    return f"“@{item.name}” could be {who}: write which one, by full name or @username."
