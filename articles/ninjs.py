"""Published stories in IPTC ninjs (JSON) — the API's and the exporter's one shape."""

from django.conf import settings


def snapshot_to_ninjs(snapshot, request=None) -> dict:
    """A ninjs 1.x item for a published snapshot."""
    base = settings.SITE_URL
    item = {
        "uri": f"urn:newsroom:story:{snapshot.article_id}",
        "type": "text",
        "version": snapshot.updated_at.isoformat(),
        "versioncreated": snapshot.updated_at.isoformat(),
        "firstcreated": snapshot.first_published_at.isoformat(),
        "pubstatus": "usable",
        "language": "en",
        "headline": snapshot.headline,
        "description_text": snapshot.dek,
        "body_html": snapshot.body_html,
        "byline": ", ".join(person["name"] for person in snapshot.byline),
        "located": snapshot.dateline,
        "subject": [{"name": tag["name"], "code": tag["slug"]} for tag in snapshot.tags],
        "genre": [{"name": snapshot.kind_of_work}],
        "service": [{"name": snapshot.section_name, "code": snapshot.section_slug}],
        "person": [{"name": p["name"], "rel": "author"} for p in snapshot.byline],
        "links": [{"href": base + snapshot.url_path, "rel": "canonical", "mimetype": "text/html"}],
    }
    return item
