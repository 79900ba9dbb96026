"""A live story's published entries in its ninjs item, as `associations` (`entry-<id>`, oldest
first), each a ninjs text item of its own with its permalink: for the API's story and the
exporter. Only what `articles.live.stream` lets out."""

from articles.live import stream
from articles.public.structured_data import absolute

MAX_ENTRIES = 500


def entry_item(snapshot, entry: dict) -> dict:
    url = absolute(entry["url"])
    item = {
        "uri": f"urn:newsroom:story:{snapshot.article_id}:entry:{entry['id']}",
        "type": "text",
        "mimetype": "text/html",
        "representationtype": "complete",
        "pubstatus": "usable",
        "firstcreated": entry["published_at"].isoformat(),
        "versioncreated": (entry["updated_at"] or entry["published_at"]).isoformat(),
        "headline": entry["headline"],
        "body_html": entry["html"],
        "body_text": entry["text"],
        "byline": entry["author_name"],
        "links": [{"href": url, "rel": "canonical", "mimetype": "text/html"}],
    }
    if entry["correction"]:
        item["ednote"] = f"Correction: {entry['correction']}"
    return item


def with_live_entries(item: dict, snapshot) -> dict:
    """`item` (a story's ninjs) with its live entries added to its associations, if it has any."""
    entries = stream.latest_entries(snapshot, count=MAX_ENTRIES)
    if entries:
        item["associations"] = {
            **item.get("associations", {}),
            **{f"entry-{entry['id']}": entry_item(snapshot, entry) for entry in reversed(entries)},
        }
    return item
