"""Sign-off links: a signed, expiring, revocable address that lets someone without an account
(counsel, say) sign one step of a story's review chain.

The row keeps a random token; the address carries it signed (`newsroom.tokens`). The link's
page records each opening (time and a keyed hash of the address) and the name, address and
decision typed. Sending, revoking and deciding go through `articles.review.signoffs`.
"""

import hashlib
import hmac
import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import Article, ReviewStep, SignOff, SignOffLink
from newsroom import tokens

LINK_SALT = "articles.sign-off-link"
LINK_DEFAULT_DAYS = 3
LINK_MAX_DAYS = 14
MAX_VISITS_KEPT = 50


class SignOffLinkError(Exception):
    """A link that cannot be used: tampered with, unknown, expired, revoked or used."""


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_typed(value: str, *, limit: int = 5000) -> str:
    """What someone typed, without control characters (a NUL cannot even be stored), trimmed."""
    return CONTROL_CHARACTERS.sub("", value or "").strip()[:limit]


def new_link(
    user,
    article: Article,
    step: ReviewStep,
    *,
    days: int,
    sent_to: str,
    now,
    embargo_cleared: bool = False,
):
    """The link's row (the workflow checks who may and records the event)."""
    days = max(1, min(int(days), LINK_MAX_DAYS))
    return SignOffLink.objects.create(
        article=article,
        step=step,
        token=tokens.new_token(),
        sent_to=clean_typed(sent_to, limit=200),
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(days=days),
        embargo_cleared=embargo_cleared,
    )


def signed_token(link: SignOffLink) -> str:
    return tokens.sign(link.token, salt=LINK_SALT)


def link_for_token(signed: str, *, now=None, for_update: bool = False) -> SignOffLink:
    """The link a signed token names, or SignOffLinkError. A used link is returned (its page
    shows the decision); an expired or revoked one is refused."""
    token = tokens.unsign(signed, salt=LINK_SALT)
    if token is None:
        raise SignOffLinkError("This sign-off link is not valid.")
    links = SignOffLink.objects.select_related("article", "step", "step__group", "step__user")
    if for_update:
        links = links.select_for_update(of=("self",))
    link = links.filter(token=token).first()
    now = now or timezone.now()
    if link is None:
        raise SignOffLinkError("This sign-off link is not valid.")
    if link.revoked_at is not None:
        raise SignOffLinkError("This sign-off link was withdrawn by the newsroom.")
    if link.used_at is None and link.expires_at <= now:
        raise SignOffLinkError("This sign-off link has expired: ask the newsroom for a new one.")
    if link.article.is_embargoed(now) and not link.embargo_cleared:
        # Nothing of an embargoed story leaves the building but to a reader cleared for it.
        raise SignOffLinkError(
            "This story is under embargo and this link was not cleared for it: it opens again "
            "when the embargo lifts."
        )
    return link


def ip_hash(address: str) -> str:
    """A keyed hash of the visitor's address: the same address gives the same hash, and the
    address itself is not kept."""
    key = f"{settings.SECRET_KEY}:{LINK_SALT}".encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()[:16]


def note_visit(link: SignOffLink, *, address: str, now=None) -> None:
    """Keep that the link was opened (time, hashed address); the first 50 openings are kept."""
    now = now or timezone.now()
    if len(link.visits) >= MAX_VISITS_KEPT:
        return
    link.visits = [*link.visits, {"at": now.isoformat(), "ip_hash": ip_hash(address)}]
    SignOffLink.objects.filter(pk=link.pk).update(visits=link.visits)


def link_decision(link: SignOffLink) -> SignOff | None:
    return link.sign_offs.order_by("-at").first()


def usable_links(article: Article, *, now=None) -> dict[int, list[SignOffLink]]:
    """The story's sign-off links that can still be used, by step id."""
    now = now or timezone.now()
    result: dict[int, list[SignOffLink]] = {}
    for link in SignOffLink.objects.filter(
        article=article, revoked_at__isnull=True, used_at__isnull=True, expires_at__gt=now
    ).order_by("created_at"):
        result.setdefault(link.step_id, []).append(link)
    return result
