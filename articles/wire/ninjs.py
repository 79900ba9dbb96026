"""Published stories in IPTC ninjs 1.x (JSON): the API's and the exporter's one shape.

Built only from a snapshot, so nothing editorial or confidential can appear in it.
"""

from django.conf import settings

PUBSTATUS = {"live": "usable", "withdrawn": "withdrawn", "retracted": "canceled"}


def _absolute(url: str, request=None) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request is not None else settings.SITE_URL + url


def _picture(image: dict, request=None) -> dict:
    return {
        "uri": _absolute(image["url"], request),
        "type": "picture",
        "mimetype": image.get("mime_type", "image/jpeg"),
        "headline": image.get("alt", ""),
        "description_text": image.get("caption", ""),
        "body_text": image.get("alt", ""),
        "copyrightholder": image.get("credit", ""),
        "byline": image.get("credit", ""),
        "renditions": {
            f"{r['format']}-{r['width']}": {
                "href": _absolute(r["url"], request),
                "mimetype": r["mime_type"],
                "width": r["width"],
                "height": r["height"],
            }
            for r in image.get("renditions", [])
        },
    }


def _provenance(origin: dict) -> dict:
    """Where wire copy came from, in ninjs's own words: the originating publisher as an
    `infosource`, its licence as `usageterms`, its id and version under `altids`."""
    if not origin or not origin.get("publisher"):
        return {}
    source = {"name": origin["publisher"], "role": "originating"}
    if origin.get("url"):
        source["uri"] = origin["url"]
    found = {"infosource": [source]}
    if origin.get("licence"):
        found["usageterms"] = origin["licence"]
    if origin.get("agency_id"):
        found["altids"] = {"originating": origin["agency_id"]}
        if origin.get("agency_version"):
            found["altids"]["originating_version"] = origin["agency_version"]
    if origin.get("credit_lines"):
        found["creditline"] = "; ".join(origin["credit_lines"])
    return found


def snapshot_to_ninjs(snapshot, request=None) -> dict:
    """A ninjs 1.x item for a published snapshot. `request` makes links absolute on its host."""
    url = _absolute(snapshot.url_path, request)
    item = {
        "uri": f"urn:newsroom:story:{snapshot.article_id}",
        "type": "text",
        "mimetype": "text/html",
        "representationtype": "complete",
        "profile": snapshot.kind_of_work,
        "version": snapshot.updated_at.isoformat(),
        "versioncreated": snapshot.updated_at.isoformat(),
        "firstcreated": snapshot.first_published_at.isoformat(),
        "pubstatus": PUBSTATUS.get(snapshot.status, "usable"),
        "language": "en",
        "copyrightholder": settings.SITE_NAME,
        "headline": snapshot.headline,
        "slugline": snapshot.slug,
        "description_text": snapshot.dek,
        "body_html": snapshot.body_html,
        "body_text": snapshot.body_text,
        "byline": ", ".join(person["name"] for person in snapshot.byline),
        "located": snapshot.dateline,
        "subject": [{"name": tag["name"], "code": tag["slug"]} for tag in snapshot.tags],
        "genre": [{"name": snapshot.get_kind_of_work_display(), "code": snapshot.kind_of_work}],
        "service": [{"name": snapshot.section_name, "code": snapshot.section_slug}],
        "person": [
            {
                "name": person["name"],
                "rel": "author",
                "uri": _absolute(person.get("url") or f"/authors/{person['slug']}/", request),
            }
            for person in snapshot.byline
        ],
        "links": [{"href": url, "rel": "canonical", "mimetype": "text/html"}],
    }
    if snapshot.embargo_until is not None:
        # ninjs `embargoed`: the story was not for release before this time.
        item["embargoed"] = snapshot.embargo_until.isoformat()
    if snapshot.lead_image and snapshot.lead_image.get("url"):
        item["associations"] = {"featureimage": _picture(snapshot.lead_image, request)}
    if snapshot.corrections:
        item["ednote"] = " ".join(
            f"{c.get('label') or c['kind'].title()}: {c['text']}" for c in snapshot.corrections
        )
    item.update(_provenance(snapshot.provenance))
    if snapshot.status == "retracted" and snapshot.notice:
        item["ednote"] = snapshot.notice
    return item
