"""schema.org `LiveBlogPosting` JSON-LD of a live story's page: its coverage times and the
entries on the page as `liveBlogUpdate`s (public fields only, from `articles.live.stream`)."""

from django.conf import settings

from articles.public.structured_data import absolute, byline_jsonld


def live_blog_jsonld(snapshot, stream) -> dict:
    url = absolute(snapshot.url_path)
    coverage = stream.coverage
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url + "#live",
        "url": url,
        "mainEntityOfPage": url,
        "headline": snapshot.headline[:110],
        "description": snapshot.dek,
        "datePublished": snapshot.published_at.isoformat(),
        "dateModified": snapshot.updated_at.isoformat(),
        "author": byline_jsonld(snapshot),
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": settings.SITE_URL + "/",
        },
        "liveBlogUpdate": [_update(snapshot, entry) for entry in stream.entries],
    }
    if coverage.started_at:
        data["coverageStartTime"] = coverage.started_at.isoformat()
    if coverage.ended_at:
        data["coverageEndTime"] = coverage.ended_at.isoformat()
    return data


def _update(snapshot, entry: dict) -> dict:
    update = {
        "@type": "BlogPosting",
        "@id": absolute(entry["url"]),
        "url": absolute(entry["url"]),
        "headline": (entry["headline"] or entry["text"] or snapshot.headline)[:110],
        "articleBody": entry["text"],
        "datePublished": entry["published_at"].isoformat(),
        "dateModified": (entry["updated_at"] or entry["published_at"]).isoformat(),
    }
    if entry["author_name"]:
        update["author"] = {"@type": "Person", "name": entry["author_name"]}
    return update
