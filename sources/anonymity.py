"""Approving a grant of anonymity: who may, and the one step that does it.

Whoever holds `sources.approve_anonymity` (the Editors and the "Standards editors" groups
by default; a newsroom that wants only a standards desk to approve takes it from Editors)
approves an anonymous attribution in one step, `approve_anonymity`: they are recorded as the
approving editor, now, and added to the editors who know who the source is. Approving does
not need, nor give, access to the confidential record itself (`view_confidential_source`):
the approver vouches that they know. `anonymity_approvers` names them, so a reporter told to
"ask an editor" knows whom to ask.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.workflow.permissions import can_edit, holders
from newsroom.people import display_name
from sources import confidential
from sources.models import Attribution

APPROVE_PERMISSION = "sources.approve_anonymity"
APP_LABEL, CODENAME = APPROVE_PERMISSION.split(".")


class AnonymityError(ValidationError):
    """An approval that cannot be made (the attribution is not anonymous, the story is not
    this user's to change)."""


def anonymity_approvers():
    """Active staff who may approve a grant of anonymity, by name (superusers last)."""
    return holders(APPROVE_PERMISSION).order_by(
        "is_superuser", "first_name", "last_name", "username"
    )


def approver_names(limit: int = 5) -> str:
    """ "Ana Ruiz, Sam Lee" (at most `limit`, then "and N more"), or "" if nobody may."""
    names = [display_name(user) for user in anonymity_approvers()[: limit + 1]]
    if len(names) > limit:
        more = anonymity_approvers().count() - limit
        return ", ".join(names[:limit]) + f" and {more} more"
    return ", ".join(names)


def may_approve(user) -> bool:
    """Whether `user` may approve grants of anonymity."""
    return bool(user and user.is_active and user.has_perm(APPROVE_PERMISSION))


def approvers_to_ask(*, user, attribution: Attribution) -> list:
    """Who to ask when `user` asks for approval of an anonymous source: everyone else who
    may approve and has an address. Refused when `user` may not change the story's sourcing
    or nothing needs approving. (The admin mails them and records the request in the
    story's history through the workflow: `sources.admin.inlines`.)"""
    article = attribution.article
    if not can_edit(user, article):
        raise AnonymityError(
            "You may not change the sourcing of this story now.", code="story_not_editable"
        )
    if not attribution.anonymous or attribution.approved_by_id:
        raise AnonymityError(
            "This source needs no approval: it is not anonymous, or it is approved already.",
            code="nothing_to_approve",
        )
    return [u for u in anonymity_approvers() if u.email and u.pk != user.pk]


@transaction.atomic
def approve_anonymity(*, user, attribution: Attribution, now=None) -> Attribution:
    """`user` approves the grant: approving editor and time recorded, and `user` added to the
    editors who know the source (the other editors who know, and the record's text, stay)."""
    if not may_approve(user):
        raise confidential.ConfidentialAccessDenied(
            "Only editors who may approve anonymity can approve it (the Editors group, or "
            "whoever the newsroom gave the permission)."
        )
    attribution = (
        Attribution.objects.select_for_update().select_related("article").get(pk=attribution.pk)
    )
    if not can_edit(user, attribution.article):
        raise AnonymityError(
            "You may not change the sourcing of this story now.", code="story_not_editable"
        )
    if not attribution.anonymous:
        raise AnonymityError(
            "This attribution is not anonymous: there is no anonymity to approve.",
            code="not_anonymous",
        )
    attribution.approved_by = user
    attribution.approved_at = now or timezone.now()
    attribution.save(update_fields=["approved_by", "approved_at"])
    confidential.add_editor_who_knows(
        editor=user, attribution=attribution, context="admin: approve anonymity"
    )
    return attribution
