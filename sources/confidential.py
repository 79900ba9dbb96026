"""The one way to read or write what is confidential about a source: permission-gated and logged.

Confidential data lives only in the models of `CONFIDENTIAL_MODELS`: a source's record
(`SourceConfidential`: real identity, contacts, notes), a grant of anonymity's record
(`AttributionConfidential`: why it was granted, how the source knows, which editors know who
it is) and the access log itself. Every read for a person goes through this module, which
refuses without `sources.view_confidential_source` (`sources.permissions.can_view_confidential`)
and writes a `ConfidentialAccess` row (who,
when, which source or attribution, where) each time.

Because the rule is "these models", not "these field names", it can be enforced structurally:
`lookup_reveals_confidential` tells whether a query path (an admin filter, a search field, an
ordering) reaches one of these models, and `sources.middleware` refuses such lookups in every
admin list for anyone without the permission, logging the attempt.
"""

import logging

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction

from sources.models import (
    Attribution,
    AttributionConfidential,
    ConfidentialAccess,
    SourceConfidential,
)
from sources.permissions import can_view_confidential

CONFIDENTIAL_MODELS = (
    SourceConfidential,
    AttributionConfidential,
    AttributionConfidential.editors_who_know.through,  # who knows, row by row
    ConfidentialAccess,
)

logger = logging.getLogger("sources.confidential")

DENIED_MESSAGE = "Only staff with the “see confidential source identities” permission can see this."


class ConfidentialAccessDenied(PermissionDenied):
    """Raised when someone without the confidential-source permission asks for a record."""


def _require(user) -> None:
    if not can_view_confidential(user):
        raise ConfidentialAccessDenied(DENIED_MESSAGE)


def log_access(
    *, user, context: str, source=None, attribution=None, refused: bool = False
) -> ConfidentialAccess:
    if source is None and attribution is not None:
        source = attribution.source
    entry = ConfidentialAccess.objects.create(
        source=source,
        attribution=attribution,
        user=user if getattr(user, "pk", None) else None,
        context=context[:200],
        refused=refused,
    )
    what = "refused" if refused else "viewed"
    logger.log(
        logging.WARNING if refused else logging.INFO,
        "confidential record %s: source %s attribution %s, user %s (%s)",
        what,
        getattr(source, "pk", None),
        getattr(attribution, "pk", None),
        user,
        context,
    )
    return entry


def confidential_record_for(*, user, source, context: str) -> SourceConfidential | None:
    """The confidential record of `source` for `user`, logging the access; None if there is none.

    Raises ConfidentialAccessDenied (a PermissionDenied) without the permission; the refusal
    is not logged as an access because nothing was shown.
    """
    _require(user)
    record = SourceConfidential.objects.filter(source=source).first()
    if record is not None:
        log_access(user=user, source=source, context=context)
    return record


def attribution_record_for(
    *, user, attribution: Attribution, context: str
) -> AttributionConfidential | None:
    """The confidential record of one grant of anonymity for `user`, logging the access."""
    _require(user)
    if attribution.pk is None:
        return None
    record = (
        AttributionConfidential.objects.filter(attribution=attribution)
        .prefetch_related("editors_who_know")
        .first()
    )
    if record is not None:
        log_access(user=user, attribution=attribution, context=context)
    return record


def save_attribution_record(
    *, user, attribution: Attribution, internal_justification: str, basis: str, editors_who_know
) -> AttributionConfidential:
    """Write a grant's confidential record (only with the permission)."""
    _require(user)
    with transaction.atomic():
        record, _ = AttributionConfidential.objects.get_or_create(attribution=attribution)
        record.internal_justification = internal_justification
        record.basis = basis
        record.save()
        record.editors_who_know.set(editors_who_know)
    return record


def add_editor_who_knows(*, editor, attribution: Attribution, context: str) -> None:
    """Record `editor` among the editors who know who the source is, without reading the
    record: an approver vouches that they know, which needs no access to what is written.
    Logged as an access to the attribution's record."""
    with transaction.atomic():
        record, _ = AttributionConfidential.objects.get_or_create(attribution=attribution)
        record.editors_who_know.add(editor)
    log_access(user=editor, attribution=attribution, context=context)


def has_knowing_editor(attribution: Attribution) -> bool:
    """Whether an editor is recorded as knowing who the source is: the standards check's
    question, answered without saying who. Uses `confidential__editors_who_know` if prefetched."""
    try:
        record = attribution.confidential
    except AttributionConfidential.DoesNotExist:
        return False
    return bool(record.editors_who_know.all())


# Fields outside those models that are as secret: who approved a grant of anonymity is always
# one of the editors who know the source (`permissions.can_see_anonymity_approver`).
CONFIDENTIAL_FIELDS = {(Attribution, "approved_by")}


def lookup_reveals_confidential(model, lookup: str) -> bool:
    """Whether a query path from `model` ("source__confidential__real_identity__startswith",
    "confidential__isnull", "attributions__confidential") touches a confidential model.

    Walks the path through forward and reverse relations (hidden ones included) until a part
    is not a field (a lookup or transform such as "startswith" or "isnull")."""
    if model in CONFIDENTIAL_MODELS:
        return True
    for part in lookup.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if (model, field.name) in CONFIDENTIAL_FIELDS:
            return True
        if not field.is_relation:
            return False
        related = field.related_model
        if related is None:  # a generic foreign key: not a query path
            return False
        if related in CONFIDENTIAL_MODELS:
            return True
        model = related
    return False
