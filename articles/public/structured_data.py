"""schema.org NewsArticle JSON-LD for story pages, and its safe embedding in HTML.

The sources app adds citations, corrections and publishing principles (`jsonld_extras`,
asked through `articles.sourcing`).
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.images.rights import image_object_rights
from articles.sourcing import answers

# The same escapes as django.utils.html.json_script: no "</script>", "<!--" or "&" survives.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute(url: str) -> str:
    """`url` on the site's public address (SITE_URL) unless it is already absolute."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


def news_article_jsonld(story) -> dict:
    """The NewsArticle description of a published snapshot.

    Snapshot data and settings only (no request, no clock): it is rendered into the
    snapshot's head markup at publish time (articles.public.rendering.render_head_html).
    """
    url = absolute(story.url_path)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": story.headline[:110],
        "description": story.dek,
        "datePublished": story.published_at.isoformat(),
        "dateModified": story.updated_at.isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": person["name"],
                "url": absolute(person.get("url") or f"/authors/{person['slug']}/"),
                **({"jobTitle": person["job_title"]} if person.get("job_title") else {}),
            }
            for person in story.byline
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": settings.SITE_URL + "/",
        },
        "articleSection": story.section_name,
        "keywords": [tag["name"] for tag in story.tags],
        "isAccessibleForFree": True,
        "inLanguage": "en",
    }
    if story.dateline:
        data["locationCreated"] = {"@type": "Place", "name": story.dateline}
    image = story.lead_image or {}
    if image.get("url"):
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": absolute(image["url"]),
                "width": image.get("width"),
                "height": image.get("height"),
                **({"caption": image["caption"]} if image.get("caption") else {}),
                **image_object_rights(image),
            }
        ]
    data.update(answers().jsonld_extras(story))
    return data


def jsonld_script(data: dict) -> SafeString:
    """`data` in a <script type="application/ld+json"> element, safe against `</script>`."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
