"""Previews of the working copy: for staff, and through share links for reviewers without an account.

Both pages (the staff preview in the story admin, the shared one in `articles.external`)
render the public story template with an unsaved snapshot (`build_preview_snapshot`), so a
preview looks exactly like the page readers will get. A share link is a random
token stored in `PreviewLink` and handed out signed (`newsroom.tokens`, the same scheme as a
sign-off link's), with an expiry, and revocable; the URL carries no story id.

An embargoed story leaves the building by no share link, except one an editor marked
"cleared for embargo" when making it (`PreviewLink.embargo_cleared`): making any other link
is refused, and a link made before the embargo was set stops opening until it lifts.
"""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, PreviewLink
from articles.workflow import permissions
from articles.workflow.errors import WorkflowError, WorkflowPermissionError
from newsroom import tokens
from newsroom.time_zone import newsroom_time

SALT = "articles.workflow.preview-link"
DEFAULT_DAYS = 3
MAX_DAYS = 30


class PreviewLinkError(Exception):
    code = "preview_link_invalid"


def create_preview_link(
    user,
    article: Article,
    *,
    days: int = DEFAULT_DAYS,
    embargo_cleared: bool = False,
    now=None,
) -> PreviewLink:
    """A new share link valid for `days` (1–30). While the story is embargoed only an
    editor may make one, marked `embargo_cleared` (its reader is cleared for the embargo)."""

    if not permissions.can_share_preview(user, article):
        raise WorkflowPermissionError(
            f"You may not share a preview of “{article.headline}”.", code="permission_denied"
        )
    now = now or timezone.now()
    if embargo_cleared and not permissions.can_clear_for_embargo(user, article):
        raise WorkflowPermissionError(
            "Only an editor may clear a share link for an embargo.", code="cannot_clear_embargo"
        )
    if article.is_embargoed(now) and not embargo_cleared:
        raise WorkflowError(
            f"“{article.headline}” is embargoed until {newsroom_time(article.embargo_until)}: "
            "a share link would let it out before then. An editor can make one for a reader "
            "cleared for the embargo (tick “Cleared for embargo”).",
            code="embargoed",
        )
    days = max(1, min(int(days), MAX_DAYS))
    return PreviewLink.objects.create(
        article=article,
        token=tokens.new_token(),
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(days=days),
        embargo_cleared=embargo_cleared,
    )


def revoke_preview_link(user, link: PreviewLink, *, now=None) -> PreviewLink:

    if not permissions.can_share_preview(user, link.article):
        raise WorkflowPermissionError(
            "You may not revoke this preview link.", code="permission_denied"
        )
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def signed_token(link: PreviewLink) -> str:
    return tokens.sign(link.token, salt=SALT)


def link_for_token(signed: str, *, now=None) -> PreviewLink:
    """The usable link a signed token names, or PreviewLinkError (bad, expired or revoked)."""
    token = tokens.unsign(signed, salt=SALT)
    if token is None:
        raise PreviewLinkError("This preview link is not valid.")
    link = PreviewLink.objects.select_related("article").filter(token=token).first()
    if link is None or not link.is_usable(now):
        raise PreviewLinkError("This preview link has expired or was revoked.")
    if link.article.is_embargoed(now) and not link.embargo_cleared:
        # Says no more than that: not the story, not the embargo time.
        raise PreviewLinkError("This preview is not available yet.")
    return link
