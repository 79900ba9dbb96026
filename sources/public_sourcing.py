"""What readers may see of a story's sourcing. The snapshot copies only what these return.

Nothing here may read SourceConfidential, internal justifications, bases, or the editors
who know an identity. `jsonld_extras` and `recent_corrections` read only public snapshots.
"""

from datetime import datetime

from articles.models import PublishedArticle
from sources.models import SCHEMA_PROPERTIES, AttributionKind, SourceKind, policy_path


def public_attributions(article) -> list[dict]:
    """Public data of each of the story's own attributions, in order."""
    return _public(article.attributions.filter(entry=None))


def public_entry_attributions(entry) -> list[dict]:
    """Public data of each of a live entry's own attributions, in order."""
    return _public(entry.attributions.all())


def _public(attributions) -> list[dict]:
    result = []
    for attribution in attributions.select_related("source").order_by("position", "id"):
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


def trust_pages() -> dict[str, str]:
    """The newsroom's trust pages by the NewsMediaOrganization property each backs, as paths
    (every kind's page exists from the sources migrations; no database query)."""
    return {prop: policy_path(kind) for kind, prop in SCHEMA_PROPERTIES.items()}


def _citation(item: dict) -> dict | None:
    """A cited work: another outlet's reporting, or a document we name; None for the rest."""
    if item.get("anonymous") or not item.get("name"):
        return None
    if item.get("kind") == AttributionKind.REPORTED_BY:
        publisher = {"@type": "NewsMediaOrganization", "name": item["name"]}
        if item.get("url"):
            publisher["url"] = item["url"]
        citation = {
            "@type": "CreativeWork",
            "name": item.get("reported") or f"Reporting by {item['name']}",
            "publisher": publisher,
        }
        if item.get("reported_on"):
            citation["datePublished"] = item["reported_on"]
    elif item.get("source_kind") == SourceKind.DOCUMENT:
        citation = {"@type": "CreativeWork", "name": item["name"]}
        if item.get("url"):  # a document's address is the work's own
            citation["url"] = item["url"]
    else:
        return None
    return citation


def jsonld_extras(story) -> dict:
    """schema.org additions for a PublishedArticle's NewsArticle JSON-LD (no database query).

    `citation` for the outlets credited and the documents named in the story (each with its
    `name`; a document's `url` where the registry knows one, an outlet's address on its
    `publisher`: the registry knows the outlet's site, not the report's), and `correction` as
    CorrectionComment items. The policy pages belong to the organization (`trust_pages`).
    """
    citations = []
    for item in story.attributions or []:
        citation = _citation(item)
        if citation is not None and citation not in citations:
            citations.append(citation)
    corrections = [
        {"@type": "CorrectionComment", "text": c["text"], "datePublished": c["at"]}
        for c in story.corrections or []
    ]
    extras = {}
    if citations:
        extras["citation"] = citations
    if corrections:
        extras["correction"] = corrections
    return extras


def recent_corrections(*, limit: int = 50) -> list[dict]:
    """Corrections on live stories, newest first, each with its story's headline and address.

    Reads only visible snapshots: a correction on a withdrawn story disappears with it.
    """

    snapshots = (
        PublishedArticle.objects.visible()
        .exclude(corrections=[])
        .order_by("-updated_at")
        .only("headline", "url_path", "corrections", "updated_at")[: limit * 2]
    )
    items = [
        {**correction, "headline": s.headline, "url": s.url_path, "story_id": s.pk}
        for s in snapshots
        for correction in s.corrections
    ]
    items.sort(key=lambda c: datetime.fromisoformat(c["at"]), reverse=True)
    return items[:limit]
