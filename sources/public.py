"""What readers may see of a story's sourcing. The snapshot copies only what these return.

Nothing here may read SourceConfidential, internal justifications, bases, or the editors
who know an identity.
"""

from .models import AttributionKind


def public_attributions(article) -> list[dict]:
    """Public data of each attribution, in order."""
    result = []
    for attribution in article.attributions.select_related("source").order_by("position", "id"):
        source = attribution.source
        anonymous = attribution.anonymous
        result.append(
            {
                "kind": attribution.kind,
                "anonymous": anonymous,
                "name": "" if anonymous or source is None else source.name,
                "descriptor": attribution.public_descriptor
                if anonymous
                else (source.descriptor if source else ""),
                "source_kind": "" if anonymous or source is None else source.kind,
                "url": "" if anonymous or source is None else source.url,
                "reason": attribution.anonymity_reason if anonymous else "",
                "count": attribution.source_count if anonymous else 1,
                "reported": attribution.outlet_report
                if attribution.kind == AttributionKind.REPORTED_BY
                else "",
                "reported_on": attribution.reported_on.isoformat()
                if attribution.reported_on
                else "",
            }
        )
    return result


def sourcing_box(article, attributions: list[dict] | None = None) -> dict:
    """The "How we sourced this" box: named sources, outlets, anonymous count, no replies."""
    attributions = public_attributions(article) if attributions is None else attributions
    named, outlets, anonymous, declined, no_response = [], [], [], [], []
    for item in attributions:
        if item["kind"] == AttributionKind.REPORTED_BY:
            outlets.append({"name": item["name"], "reported_on": item["reported_on"]})
        elif item["kind"] == AttributionKind.DECLINED:
            declined.append(item["name"] or item["descriptor"])
        elif item["kind"] == AttributionKind.NO_RESPONSE:
            no_response.append(item["name"] or item["descriptor"])
        elif item["anonymous"]:
            anonymous.append(
                {"descriptor": item["descriptor"], "reason": item["reason"], "count": item["count"]}
            )
        elif item["name"]:
            named.append({"name": item["name"], "descriptor": item["descriptor"]})
    return {
        "named": _unique(named),
        "outlets": _unique(outlets),
        "anonymous": anonymous,
        "anonymous_count": sum(a["count"] for a in anonymous),
        "declined": sorted(set(declined)),
        "no_response": sorted(set(no_response)),
    }


def public_corrections(article) -> list[dict]:
    """Corrections readers see, oldest first."""
    return [
        {
            "kind": c.kind,
            "label": c.get_kind_display(),
            "text": c.text,
            "at": c.created_at.isoformat(),
        }
        for c in article.corrections.filter(is_published=True).order_by("created_at", "id")
    ]


def _unique(items: list[dict]) -> list[dict]:
    seen, result = set(), []
    for item in items:
        key = tuple(sorted(item.items()))
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result
