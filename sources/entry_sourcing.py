"""A live entry's own sources: adding, removing, approving anonymity, and what readers see.

An entry is sourced entry by entry from the same registry as a story: each of its
`Attribution`s points at the story (`article`, whose rules decide who may approve) and at
the entry (`entry`). The rules are the story's: an anonymous source needs a public
descriptor and reason, and an editor who may approve anonymity and knows who the source is
(`approve_entry_source` records them among the editors who know, as `sources.anonymity`
does for a story); the standards gate (`standards.entry_checks`) holds the entry until then.

The sourcing assistant reads the entry's text as it reads a story's: a quoted source added
to an entry takes the words the assistant finds it saying (what the gate's quotation check
reads), and `entry_proposals` offers the sources it finds that the entry does not name yet,
each ready to add with one button.

Who may change an entry's sources is who may edit the entry (`articles.live.permissions`):
its reporter while it is filed, editors always. A change to a published entry's sources
waits, like an edit of its text, for the entry's next publish. Readers see only
`public_entry_sourcing`, copied into the entry when it is published: no confidential field.
"""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from articles.live import permissions as live_permissions
from articles.live.entries import record_change
from articles.live.errors import LiveError, LivePermissionError
from articles.live.text import clean_plain
from articles.models import EntryStatus, LiveEntry
from newsroom.ids import parse_id
from newsroom.people import display_name
from sources import confidential, public_sourcing
from sources.assistant import propose_attributions
from sources.models import Attribution, AttributionKind, Source
from sources.permissions import may_approve_anonymity

SOURCE_ADDED, SOURCE_REMOVED, SOURCE_APPROVED = "source_added", "source_removed", "source_approved"
CHANGE_LABELS = {
    SOURCE_ADDED: "source added",
    SOURCE_REMOVED: "source removed",
    SOURCE_APPROVED: "anonymity approved",
}
# What the composer offers: how the entry uses the source.
KINDS = (AttributionKind.QUOTED, AttributionKind.PARAPHRASED)


def _refuse_unless_editable(user, entry: LiveEntry) -> None:
    if not live_permissions.can_edit(user, entry):
        raise LivePermissionError(
            f"{display_name(user)} may not change this entry's sources: its reporter does "
            "until it is published; editors always."
        )


def _edited(entry: LiveEntry) -> None:
    """A published entry's sources changed: readers see them at its next publish."""
    if entry.status == EntryStatus.PUBLISHED and not entry.has_unpublished_changes:
        entry.has_unpublished_changes = True
        entry.save(update_fields=["has_unpublished_changes"])


def registry_source(name: str, *, descriptor: str = "") -> Source:
    """The registry's source called `name` (its name, an alias, or "Name (descriptor)" as
    the registry's search lists it), made when the registry has none."""
    name = " ".join(name.split())
    found = Source.objects.filter(Q(name__iexact=name) | Q(aliases__contains=[name]))
    head, _, tail = name.rpartition(" (")
    if head and tail.endswith(")"):
        found = found | Source.objects.filter(name__iexact=head, descriptor__iexact=tail[:-1])
    source = found.order_by("-is_active", "pk").first()
    return source or Source.objects.create(name=name, descriptor=descriptor)


def _clean(item: dict) -> dict:
    name = clean_plain(item.get("name"), field="source's name", limit=200)
    anonymous = bool(item.get("anonymous"))
    descriptor = clean_plain(item.get("descriptor"), field="source's description", limit=200)
    reason = clean_plain(item.get("reason"), field="reason for anonymity", limit=300)
    kind = item.get("kind") or AttributionKind.QUOTED
    if kind not in KINDS:
        raise LiveError("Choose how the entry uses the source: quoted or paraphrased.")
    if not name and not anonymous:
        raise LiveError(
            "Name the source (from the registry, or a new one), or mark it anonymous.",
            code="source_name_missing",
        )
    if anonymous and not (descriptor and reason):
        raise LiveError(
            "An anonymous source needs how readers see it (e.g. “a harbor official involved "
            "in the talks”) and the reason readers are given for anonymity.",
            code="anonymity_incomplete",
        )
    return {
        "name": name,
        "anonymous": anonymous,
        "descriptor": descriptor,
        "reason": reason if anonymous else "",
        "kind": kind,
    }


def _proposals(entry: LiveEntry) -> list:
    """What the assistant reads in the entry's working text (no registry: it is a short text,
    and the name typed is looked up when a source is added)."""
    return propose_attributions(entry.body_html or "") if entry.body_html else []


def _names(proposal, item: dict) -> bool:
    """Whether the assistant's `proposal` is about the source `item` describes."""
    if item["anonymous"]:  # "a harbor official" is who the assistant reads as "harbor official"
        theirs, ours = proposal.name.lower(), item["descriptor"].lower()
        return bool(ours) and theirs in ours
    if proposal.anonymous:
        return False
    name = item["name"].lower()
    head = name.rpartition(" (")[0] or name
    return proposal.name.lower() in (name, head) or (
        " " not in proposal.name and head.split()[-1:] == [proposal.name.lower()]
    )


def _quoted_words(proposals: list, item: dict) -> str:
    if item["kind"] != AttributionKind.QUOTED:
        return ""
    words = [p.quote for p in proposals if p.quote and _names(p, item)]
    return "\n".join(dict.fromkeys(words))


@transaction.atomic
def add_entry_sources(*, user, entry: LiveEntry, sources: list[dict], now=None) -> list:
    """Add each of `sources` (name, anonymous, descriptor, reason, kind) to `entry`."""
    _refuse_unless_editable(user, entry)
    cleaned = [_clean(item) for item in sources]
    top = entry.attributions.aggregate(top=Max("position"))["top"]
    proposals = _proposals(entry) if cleaned else []
    added = []
    for position, item in enumerate(cleaned, start=0 if top is None else top + 1):
        source = None
        if item["name"]:
            source = registry_source(
                item["name"], descriptor="" if item["anonymous"] else item["descriptor"]
            )
        added.append(
            Attribution.objects.create(
                article_id=entry.coverage.article_id,
                entry=entry,
                source=source,
                kind=item["kind"],
                anonymous=item["anonymous"],
                public_descriptor=item["descriptor"] if item["anonymous"] else "",
                anonymity_reason=item["reason"],
                quote=_quoted_words(proposals, item),
                position=position,
            )
        )
        record_change(entry, user, SOURCE_ADDED, entry_source_line(added[-1]), now=now)
    if added:
        _edited(entry)
    return added


def _attribution(entry: LiveEntry, attribution_id) -> Attribution:
    found = (
        Attribution.objects.select_for_update(of=("self",))
        .filter(entry=entry, pk=parse_id(attribution_id) or 0)
        .select_related("source")
        .first()
    )
    if found is None:
        raise LiveError("That source is no longer on this entry.", code="source_gone")
    return found


@transaction.atomic
def remove_entry_source(*, user, entry: LiveEntry, attribution_id, now=None) -> None:
    _refuse_unless_editable(user, entry)
    attribution = _attribution(entry, attribution_id)
    line = entry_source_line(attribution)
    attribution.delete()
    record_change(entry, user, SOURCE_REMOVED, line, now=now)
    _edited(entry)


@transaction.atomic
def approve_entry_source(*, user, entry: LiveEntry, attribution_id, now=None) -> Attribution:
    """`user` approves the grant of anonymity: recorded as its approver, now, and among the
    editors who know who the source is. The entry may then go out."""
    if not may_approve_anonymity(user) or not live_permissions.can_edit(user, entry):
        raise LivePermissionError(
            "Only an editor who may approve anonymity, and may edit this entry, approves it."
        )
    attribution = _attribution(entry, attribution_id)
    if not attribution.anonymous:
        raise LiveError("This source is named: there is no anonymity to approve.")
    attribution.approved_by = user
    attribution.approved_at = now or timezone.now()
    attribution.save(update_fields=["approved_by", "approved_at"])
    confidential.add_editor_who_knows(
        editor=user, attribution=attribution, context="live entry: approve anonymity"
    )
    # The history, which every staff member reads, does not say who approved (confidential).
    record_change(entry, user, SOURCE_APPROVED, "", now=now)
    return attribution


def entry_source_line(attribution: Attribution) -> str:
    """How the newsroom names an entry's source: never its identity when it is anonymous."""
    kind = attribution.get_kind_display()
    if attribution.anonymous:
        reason = f", {attribution.anonymity_reason}" if attribution.anonymity_reason else ""
        return f"{kind}: anonymous, “{attribution.public_descriptor}”{reason}"
    return f"{kind}: {attribution.source or 'no source'}"


def entry_sources(entries, user) -> dict[int, list[dict]]:
    """The sources of each of `entries` for its row on the story page, by entry id: a line
    each, whether an anonymous one still waits for an editor's approval (not who approved:
    confidential) and whether `user` may approve it. One query for them all."""
    rows: dict[int, list[dict]] = {entry.pk: [] for entry in entries}
    approver = may_approve_anonymity(user)
    for a in (
        Attribution.objects.filter(entry__in=list(rows))
        .select_related("source")
        .order_by("position", "id")
    ):
        rows[a.entry_id].append(
            {
                "id": a.pk,
                "line": entry_source_line(a),
                "anonymous": a.anonymous,
                "needs_approval": a.anonymous and a.approved_by_id is None,
                "can_approve": approver,
            }
        )
    return rows


def entry_proposals(entries) -> dict[int, list[dict]]:
    """The sources the assistant finds in each entry's working text that the entry does not
    name yet, by entry id, each as the fields "Add a source" takes (one button to add)."""
    found: dict[int, list[dict]] = {}
    named = {entry.pk: [] for entry in entries}
    for a in Attribution.objects.filter(entry__in=list(named)).select_related("source"):
        named[a.entry_id].append(
            {
                "name": a.source.name if a.source and not a.anonymous else "",
                "anonymous": a.anonymous,
                "descriptor": a.public_descriptor,
            }
        )
    for entry in entries:
        rows = []
        for proposal in _proposals(entry):
            if proposal.kind not in KINDS or any(_names(proposal, n) for n in named[entry.pk]):
                continue
            row = {
                "name": "" if proposal.anonymous else proposal.name,
                "kind": proposal.kind,
                "anonymous": proposal.anonymous,
                "descriptor": proposal.name if proposal.anonymous else proposal.descriptor,
                "reason": proposal.anonymity_reason,
            }
            if row not in rows:
                rows.append(row)
        found[entry.pk] = rows
    return found


def public_entry_sourcing(entry: LiveEntry) -> dict:
    """What readers see of the entry's sourcing (the story's box's shape), for its publish."""
    attributions = public_sourcing.public_entry_attributions(entry)
    return public_sourcing.sourcing_box(None, attributions) if attributions else {}
