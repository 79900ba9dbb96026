"""Approving a grant of anonymity, and asking for it: the one home of both.

Whoever holds `sources.approve_anonymity` (the Editors and the "Standards editors" groups
by default; a newsroom that wants only a standards desk to approve takes it from Editors)
approves an anonymous attribution in one step, `approve_anonymity`: they are recorded as the
approving editor, now, and added to the editors who know who the source is. Approving does
not need, nor give, access to the confidential record itself (`view_confidential_source`):
the approver vouches that they know. `approver_names` names them, so a reporter told to
"ask an editor" knows whom to ask.

A writer who may not approve asks for it with `request_approval`: the approvers to ask are
chosen here (`approvers_to_ask`: everyone else who may approve and has an address), mailed
after the commit, and the request is kept in the story's history. The admin only reads which
button was pressed and calls these. Who may approve is `sources.permissions`'s rule.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles import workflow
from articles.workflow import notifications
from newsroom.people import display_name
from sources import confidential
from sources.models import Attribution
from sources.permissions import anonymity_approvers, can_change_sourcing, may_approve_anonymity


class AnonymityError(ValidationError):
    """An approval that cannot be made (the attribution is not anonymous, the story is not
    this user's to change)."""


def approver_names(limit: int = 5) -> str:
    """ "Ana Ruiz, Sam Lee" (at most `limit`, then "and N more"), or "" if nobody may."""
    names = [display_name(user) for user in anonymity_approvers()[: limit + 1]]
    if len(names) > limit:
        more = anonymity_approvers().count() - limit
        return ", ".join(names[:limit]) + f" and {more} more"
    return ", ".join(names)


def approvers_to_ask(*, user, attribution: Attribution) -> list:
    """Who to ask when `user` asks for approval of an anonymous source: everyone else who
    may approve and has an address. Refused when `user` may not change the story's sourcing
    or nothing needs approving."""
    article = attribution.article
    if not can_change_sourcing(user, article):
        raise AnonymityError(
            "You may not change the sourcing of this story now.", code="story_not_editable"
        )
    if not attribution.anonymous or attribution.approved_by_id:
        raise AnonymityError(
            "This source needs no approval: it is not anonymous, or it is approved already.",
            code="nothing_to_approve",
        )
    return [u for u in anonymity_approvers() if u.email and u.pk != user.pk]


def request_approval(*, user, attribution: Attribution) -> int:
    """The story's writer asks the editors who may approve an anonymous source: they are
    mailed after the commit and the request is kept in the story's history. Returns how
    many were asked."""
    approvers = approvers_to_ask(user=user, attribution=attribution)
    article = attribution.article
    who = attribution.public_descriptor or "an anonymous source"
    asker = display_name(user)
    workflow.record_approval_request(user, article, note=f"{asker} asked for approval of “{who}”.")
    transaction.on_commit(
        lambda: notifications.story_mail(
            article.pk,
            f"Approve an anonymous source: {article.headline}",
            f"{asker} asks an editor to approve the anonymous source “{who}” in "
            f"“{article.headline}”. Approving is one button on the attribution: "
            "“Approve anonymity — I know who this is”.",
            [u.email for u in approvers],
        )
    )
    return len(approvers)


@transaction.atomic
def approve_anonymity(*, user, attribution: Attribution, now=None) -> Attribution:
    """`user` approves the grant: approving editor and time recorded, and `user` added to the
    editors who know the source (the other editors who know, and the record's text, stay)."""
    if not may_approve_anonymity(user):
        raise confidential.ConfidentialAccessDenied(
            "Only editors who may approve anonymity can approve it (the Editors group, or "
            "whoever the newsroom gave the permission)."
        )
    attribution = (
        Attribution.objects.select_for_update().select_related("article").get(pk=attribution.pk)
    )
    if not can_change_sourcing(user, attribution.article):
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
