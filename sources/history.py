"""What a story's revision keeps of its sourcing: attributions and corrections as lines an
editor can compare (`articles.workflow.revisions` stores them; the diff page shows what changed).

Read only from `Attribution`, the public registry fields of its `Source`, and `Correction`:
never from a model of `sources.confidential.CONFIDENTIAL_MODELS` (real identities, contacts,
justifications, who knows). An anonymous attribution is named by its public descriptor, never
by the registry source it may be linked to, exactly as readers would see it.
"""

from sources.models import AttributionKind


def attribution_line(attribution) -> str:
    """One attribution in a line, e.g. "Quoted — Ana Ruiz (mayor): “We will…”"."""
    kind = attribution.get_kind_display()
    if attribution.anonymous:
        count = f"{attribution.source_count} × " if attribution.source_count > 1 else ""
        who = f"anonymous: {count}{attribution.public_descriptor or '(no public descriptor)'}"
        if attribution.anonymity_reason:
            who += f", {attribution.anonymity_reason}"
        who += (
            " [anonymity approved]" if attribution.approved_at else " [anonymity not approved yet]"
        )
    else:
        source = attribution.source
        who = source.name if source is not None else "(no source chosen)"
        if attribution.descriptor_as_written:
            who += f" ({attribution.descriptor_as_written})"
    line = f"{kind} — {who}"
    if attribution.kind == AttributionKind.REPORTED_BY and attribution.outlet_report:
        line += f": reported “{attribution.outlet_report}”"
        if attribution.reported_on:
            line += f" on {attribution.reported_on.isoformat()}"
    if attribution.quote:
        line += f": “{attribution.quote}”"
    return line


def attributions_for_history(article) -> list[dict]:
    """The story's attributions in their order, as [{"id", "line"}]."""
    return [
        {"id": attribution.pk, "line": attribution_line(attribution)}
        for attribution in article.attributions.filter(entry=None)
        .select_related("source")
        .order_by("position", "id")
    ]


def corrections_for_history(article) -> list[dict]:
    """The story's corrections, oldest first, as [{"id", "line"}]."""
    return [
        {
            "id": correction.pk,
            "line": (
                f"{correction.get_kind_display()}"
                f"{'' if correction.is_published else ' (not published yet)'}: {correction.text}"
            ),
        }
        for correction in article.corrections.order_by("created_at", "id")
    ]
