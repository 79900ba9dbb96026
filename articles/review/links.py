"""Sign-off links: a signed, expiring, revocable address, mailed to someone a step allows
(its person, its group's members, or its outside signers such as the newsroom's counsel), that
lets them sign that one step of a story's review chain without logging in.

The row keeps a random token; the address carries it signed (`newsroom.tokens`) and goes only
into the mail (`link_url`), never onto a page. The link's page counts every opening, keeps the
first 50 (time and a keyed hash of the address) and the name, address and decision typed.
Who may be sent a link is decided in `articles.review.permissions`; sending, revoking and
deciding go through `articles.review.signoffs`.
"""

import hashlib
import hmac
import logging
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ReviewStep, SignOff, SignOffLink
from articles.workflow.notifications import deliver_mail
from newsroom import tokens
from newsroom.people import display_name

logger = logging.getLogger("newsroom")

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


def normalized_address(address: str) -> str:
    """An email address as links compare them: trimmed, lower case."""
    return clean_typed(address, limit=254).lower()


def step_addresses(step: ReviewStep) -> set[str]:
    """Every address the step allows a link to go to: its person's account address, its
    group's active members' addresses, and its outside signers (set up by an admin)."""
    people = get_user_model().objects.filter(is_active=True).exclude(email="")
    if step.user_id is not None:
        people = people.filter(pk=step.user_id)
    else:
        people = people.filter(groups=step.group_id)
    found = {normalized_address(email) for email in people.values_list("email", flat=True)}
    found.update(normalized_address(email) for email in step.outside_signers or [])
    return found - {""}


def reporter_addresses(article: Article) -> set[str]:
    """The addresses of the story's own reporters: whoever created it, the byline's accounts
    and the byline's author profiles."""
    found = set()
    if article.created_by is not None:
        found.add(article.created_by.email)
    for link in article.author_links.select_related("author", "author__user"):
        found.add(link.author.email)
        if link.author.user is not None:
            found.add(link.author.user.email)
    return {normalized_address(email) for email in found if email} - {""}


def signed_token(link: SignOffLink) -> str:
    return tokens.sign(link.token, salt=LINK_SALT)


def link_url(link: SignOffLink) -> str:
    """The link's full address, for the mail to its addressee (and nowhere else)."""
    return settings.SITE_URL + reverse("external:sign_off", args=[signed_token(link)])


def mail_link(link_id: int) -> bool:
    """Mail the link to the one address it is for (after the sending commits). Mail trouble
    is logged and never undoes the sending: the editor can revoke the link and send another."""
    link = SignOffLink.objects.select_related("article", "step", "created_by").get(pk=link_id)
    until = timezone.localtime(link.expires_at)
    body = (
        f"{display_name(link.created_by, 'The newsroom')} asks you to read “{link.article.headline}” "
        f"and approve or reject it for {link.step.name}.\n\n"
        f"{link_url(link)}\n\n"
        f"The link is for you only: it takes one decision, until {until:%b %d, %H:%M %Z}.\n"
    )
    subject = f"Sign-off requested ({link.step.name}): {link.article.headline}"
    try:
        deliver_mail.enqueue(subject, body, [link.sent_to])
    except Exception:  # the queue itself is unreachable: say so in the log, carry on
        logger.exception("Could not queue the sign-off link mail for link %s", link.pk)
        return False
    return True


def link_for_token(signed: str, *, now=None, for_update: bool = False) -> SignOffLink:
    """The link a signed token names, or SignOffLinkError. A used link is returned (its page
    shows the decision) until it expires; an expired or revoked one is refused."""
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
    if link.expires_at <= now:
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
    """Count the opening (every one), and keep its time and hashed address (the first 50)."""
    now = now or timezone.now()
    changes = {"opened_count": F("opened_count") + 1}
    if len(link.visits) < MAX_VISITS_KEPT:
        link.visits = [*link.visits, {"at": now.isoformat(), "ip_hash": ip_hash(address)}]
        changes["visits"] = link.visits
    SignOffLink.objects.filter(pk=link.pk).update(**changes)
    link.opened_count += 1


def first_opened_at(link: SignOffLink):
    """When the link's page was first opened, or None."""
    if not link.visits:
        return None
    try:
        return datetime.fromisoformat(link.visits[0]["at"])
    except (KeyError, TypeError, ValueError):
        return None


def link_decision(link: SignOffLink) -> SignOff | None:
    return link.sign_offs.order_by("-at").first()


def open_links(article: Article, *, now=None) -> dict[int, list[SignOffLink]]:
    """The story's sign-off links whose page still opens (used ones too, until they expire:
    the panel lets an editor revoke them), by step id."""
    now = now or timezone.now()
    result: dict[int, list[SignOffLink]] = {}
    for link in SignOffLink.objects.filter(
        article=article, revoked_at__isnull=True, expires_at__gt=now
    ).order_by("created_at"):
        result.setdefault(link.step_id, []).append(link)
    return result
