"""The one way to read a confidential source record: permission-gated and logged.

Every read of a `SourceConfidential` for a person goes through `confidential_record_for`,
which refuses without `sources.view_confidential_source` and writes a `ConfidentialAccess`
row (who, when, which source, where) each time. The same permission decides which
attribution fields (internal justification, basis, editors who know) staff may see.
"""

import logging

from django.core.exceptions import PermissionDenied

from .models import ConfidentialAccess, Source, SourceConfidential

PERMISSION = "sources.view_confidential_source"

# Attribution fields that say something about an anonymous source's identity or its grant.
CONFIDENTIAL_ATTRIBUTION_FIELDS = ("internal_justification", "basis", "editors_who_know")

logger = logging.getLogger("sources.confidential")


class ConfidentialAccessDenied(PermissionDenied):
    """Raised when someone without the confidential-source permission asks for a record."""


def can_view_confidential(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PERMISSION))


def log_access(*, user, source: Source, context: str) -> ConfidentialAccess:
    entry = ConfidentialAccess.objects.create(source=source, user=user, context=context[:200])
    logger.info("confidential record of source %s viewed by %s (%s)", source.pk, user, context)
    return entry


def confidential_record_for(*, user, source: Source, context: str) -> SourceConfidential | None:
    """The confidential record of `source` for `user`, logging the access; None if there is none.

    Raises ConfidentialAccessDenied (a PermissionDenied) without the permission; the refusal
    is not logged as an access because nothing was shown.
    """
    if not can_view_confidential(user):
        raise ConfidentialAccessDenied(
            "Only staff with the “see confidential source identities” permission can see this."
        )
    record = SourceConfidential.objects.filter(source=source).first()
    if record is not None:
        log_access(user=user, source=source, context=context)
    return record
