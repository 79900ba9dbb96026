"""Who may be in a byline, and who may put them there: the one home of the rules.

- **A staff account has its author.** `ensure_author(user)` makes (or links) the byline of a
  staff user: named from the account's first and last name, else its username; linked to
  the account; idempotent. When an unlinked staff author of that name exists (made by hand
  before the account), it is linked instead of a second one being made. The user admin calls
  it when an account is saved as staff, and `authors.accounts` after any committed save of a
  staff account (createsuperuser, a command, the shell), so a new hire can write under their
  own name at once.
- **Editors add freelancers and agencies** (`can_add_byline`: whoever may add authors, the
  Editors group by default): `add_byline` makes the author from a name, a kind (staff,
  freelance, agency) and an optional outlet, or finds the one already of that name, kind and
  outlet (no duplicates).
- **Anyone who writes adds themselves** (`can_add_self`: active staff who may see authors,
  reporters included): `add_self` is `ensure_author` with that check.

The story page's "Add a byline" box asks these (through `authors.admin`); so would any other
caller.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from authors.models import Author, AuthorKind
from newsroom.validators import validate_plain_text

ADD_AUTHOR = "authors.add_author"
VIEW_AUTHOR = "authors.view_author"
NAME_LENGTH = Author._meta.get_field("name").max_length
OUTLET_LENGTH = Author._meta.get_field("outlet").max_length


class BylineError(ValidationError):
    """A byline that cannot be added: a name missing or too long, an unknown kind."""


class BylinePermissionError(PermissionDenied):
    """Someone who may not add that byline asked to."""


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_add_byline(user) -> bool:
    """Editors (whoever may add authors) add a freelancer's or an agency's byline."""
    return _active_staff(user) and user.has_perm(ADD_AUTHOR)


def can_add_self(user) -> bool:
    """Whoever writes (active staff who may see authors) may put their own name in a byline."""
    return _active_staff(user) and (user.has_perm(VIEW_AUTHOR) or user.has_perm(ADD_AUTHOR))


def author_name(user) -> str:
    """The byline name of an account: "First Last", else its username."""
    full = " ".join(part for part in (user.first_name.strip(), user.last_name.strip()) if part)
    return (full or user.get_username())[:NAME_LENGTH]


def unique_slug(name: str) -> str:
    base = slugify(name)[:130] or "author"
    taken = set(Author.objects.filter(slug__startswith=base).values_list("slug", flat=True)[:500])
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def ensure_author(user) -> Author | None:
    """The author profile of staff account `user`, made or linked if it has none (see the
    module docstring). None for an account that is not active staff."""
    if not _active_staff(user):
        return None
    existing = Author.objects.filter(user=user).first()
    name = author_name(user)
    if existing is not None:
        # Made before the account had a name: the byline follows once it has one.
        if existing.name == user.get_username() and name != existing.name:
            existing.name = name
            existing.save(update_fields=["name"])
        return existing
    try:
        with transaction.atomic():
            unlinked = (
                Author.objects.select_for_update()
                .filter(user__isnull=True, kind=AuthorKind.STAFF, name__iexact=name)
                .order_by("pk")
                .first()
            )
            if unlinked is not None:
                unlinked.user = user
                unlinked.is_active = True
                unlinked.save(update_fields=["user", "is_active"])
                return unlinked
            return Author.objects.create(
                name=name, slug=unique_slug(name), user=user, email=user.email or ""
            )
    except IntegrityError:
        # Made at the same moment by another request for the same account: use that one.
        return Author.objects.filter(user=user).first()


def add_self(user) -> Author:
    if not can_add_self(user):
        raise BylinePermissionError("Only staff who write may add themselves to a byline.")
    return ensure_author(user)


def _clean(value, *, field: str, label: str, length: int, required: bool) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise BylineError({field: f"Type the {label}."}, code="required")
    if len(text) > length:
        raise BylineError(
            {field: f"The {label} may be at most {length} characters (this one has {len(text)})."},
            code="too_long",
        )
    try:
        validate_plain_text(text)
    except ValidationError as refused:
        raise BylineError({field: refused.messages}, code="not_plain") from None
    return text


def add_byline(user, *, name, kind, outlet="") -> tuple[Author, bool]:
    """A freelancer's, an agency's or a staff byline without an account: (author, created).
    An active author of the same name, kind and outlet is reused, not made again."""
    if not can_add_byline(user):
        raise BylinePermissionError(
            "Only editors may add a freelancer's or an agency's byline; you may add yourself."
        )
    name = _clean(name, field="name", label="name", length=NAME_LENGTH, required=True)
    outlet = _clean(outlet, field="outlet", label="outlet", length=OUTLET_LENGTH, required=False)
    if kind not in AuthorKind.values:
        raise BylineError({"kind": "Choose staff, freelance or agency."}, code="bad_kind")
    same = Author.objects.filter(
        name__iexact=name, kind=kind, outlet__iexact=outlet, is_active=True
    ).order_by("pk")
    existing = same.first()
    if existing is not None:
        return existing, False
    author = Author.objects.create(name=name, kind=kind, outlet=outlet, slug=unique_slug(name))
    return author, True
