"""Who may do what with sources: the one home of the sources app's permission predicates.

The services (`sources.confidential`, `sources.anonymity`, `sources.registry`,
`sources.corrections`) and the admin screens ask these; none of them reads a permission
itself. Changing a story's sourcing is changing the story, so it follows the story's rule
(`articles.workflow.permissions.can_edit`).

| who | may |
| --- | --- |
| holders of `sources.view_confidential_source` | read and write confidential records (each read logged) |
| holders of `sources.approve_anonymity` (Editors, Standards editors) | approve a grant of anonymity on a story they may edit |
| holders of `sources.view_confidential_source`, and the approver | see who approved a grant of anonymity (others see only that it is approved) |
| holders of `sources.merge_source` | merge duplicate sources |
| editors | change what readers see of a source a live story names; delete a published correction |
"""

from articles.workflow.permissions import can_edit, holders, is_editor

VIEW_CONFIDENTIAL = "sources.view_confidential_source"
APPROVE_ANONYMITY = "sources.approve_anonymity"
MERGE_SOURCES = "sources.merge_source"


def _holds(user, permission: str) -> bool:
    return bool(user and user.is_active and user.has_perm(permission))


def can_view_confidential(user) -> bool:
    """Whether `user` may see confidential records (a source's identity, a grant's record)."""
    return _holds(user, VIEW_CONFIDENTIAL)


def can_see_anonymity_approver(user, attribution) -> bool:
    """Whether `user` may see who approved this grant of anonymity: the approver is always
    among the editors who know the source, which is confidential; the approver knows it."""
    approver = attribution.approved_by_id
    return can_view_confidential(user) or (approver is not None and approver == user.pk)


def can_see_sourcing_audit(user) -> bool:
    """Whether `user` may read the sourcing audit: it names who approved grants of
    anonymity (with counts), which only those who may see an approver may read."""
    return can_view_confidential(user)


def may_publish_corrections(user) -> bool:
    """Editors who may write corrections and publish them: they handle readers' error reports
    and correct the stories a fallen source touches (each such correction is a publish)."""
    return _holds(user, "sources.add_correction") and _holds(user, "articles.publish_article")


def may_approve_anonymity(user) -> bool:
    """Whether `user` may approve grants of anonymity at all."""
    return _holds(user, APPROVE_ANONYMITY)


def can_approve_anonymity(user, article) -> bool:
    """Whether `user` may approve the anonymous sources of this story now (the story page's
    approve button): they may approve, and they may change the story."""
    return can_edit(user, article) and may_approve_anonymity(user)


def anonymity_approvers():
    """Active staff who may approve a grant of anonymity, by name (superusers last)."""
    return holders(APPROVE_ANONYMITY).order_by(
        "is_superuser", "first_name", "last_name", "username"
    )


def can_merge_sources(user) -> bool:
    return _holds(user, MERGE_SOURCES)


def can_change_public_fields_of_any_source(user) -> bool:
    """Editors may change what readers see of any source, one that live stories name included
    (others only of sources no live story names: `sources.registry.may_change_public_fields`)."""
    return is_editor(user)


def can_change_sourcing(user, article) -> bool:
    """Whether `user` may change the story's attributions, requests and proposals."""
    return can_edit(user, article)


def can_delete_published_correction(user) -> bool:
    """A published correction is part of the record: only editors take one down."""
    return is_editor(user)
