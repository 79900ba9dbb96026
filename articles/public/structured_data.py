"""schema.org JSON-LD for the public pages, and its safe embedding in HTML.

- a story: NewsArticle, or the subtype its type of work says (Reportage, Analysis, Opinion,
  Background; sponsored copy is an AdvertiserContentArticle), with its pictures in 16:9,
  4:3 and 1:1, "How we reported this" as `backstory`, and the organization as publisher;
- the home page: the WebSite (with its SearchAction) and the NewsMediaOrganization;
- an author's page: a ProfilePage about a Person.

The organization carries every trust page the Trust Project names (publishingPrinciples,
ethicsPolicy, correctionsPolicy, …); the sources app answers where they are
(`trust_pages`), and the citations and corrections of a story (`jsonld_extras`), asked
through `articles.sourcing`.

A story's JSON-LD is stored in its snapshot's head markup at publish time, so the site's own
address is not written into it: `HOST_SLOT` stands in its place and the story view puts the
current SITE_URL in (`with_site_url`). A move to another domain or to HTTPS can then never
leave a stale canonical, og:url or JSON-LD address behind.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.images.portraits import portrait
from articles.images.rights import image_object_rights
from articles.models import KindOfWork
from articles.sourcing import answers

# The same escapes as django.utils.html.json_script: no "</script>", "<!--" or "&" survives.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# Stands for SITE_URL in stored markup: a private-use character, which neither HTML nor
# JSON escaping changes and no address contains.
HOST_SLOT = "\ue011"

ARTICLE_TYPES = {
    KindOfWork.NEWS: "ReportageNewsArticle",
    KindOfWork.ANALYSIS: "AnalysisNewsArticle",
    KindOfWork.OPINION: "OpinionNewsArticle",
    KindOfWork.BACKGROUND: "BackgroundNewsArticle",
    KindOfWork.SPONSORED: "AdvertiserContentArticle",
}

# The lead picture's crops Google's Article rules ask for (16:9, 4:3, 1:1), widest first
# (articles.images.renditions.CROPS).
IMAGE_CROPS = ("wide", "standard", "square")


def with_site_url(markup: str) -> str:
    """Stored markup with the site's current public address in place of `HOST_SLOT`."""
    return markup.replace(HOST_SLOT, settings.SITE_URL)


def absolute(url: str, site_url: str | None = None) -> str:
    """`url` on the site's public address (SITE_URL) unless it is already absolute."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return (settings.SITE_URL if site_url is None else site_url) + url


def organization_jsonld(site_url: str | None = None) -> dict:
    """The newsroom as a NewsMediaOrganization: logo, profiles elsewhere, every trust page."""
    site_url = settings.SITE_URL if site_url is None else site_url
    width, height = settings.ORGANIZATION_LOGO_SIZE
    data = {
        "@type": "NewsMediaOrganization",
        "@id": f"{site_url}/#organization",
        "name": settings.SITE_NAME,
        "url": f"{site_url}/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static(settings.ORGANIZATION_LOGO), site_url),
            "width": width,
            "height": height,
        },
    }
    if settings.ORGANIZATION_SAME_AS:
        data["sameAs"] = list(settings.ORGANIZATION_SAME_AS)
    for prop, path in answers().trust_pages().items():
        data[prop] = site_url + path
    return data


def home_jsonld() -> dict:
    """The home page's WebSite (searchable from a search engine's box) and organization."""
    site_url = settings.SITE_URL
    organization = organization_jsonld(site_url)
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": f"{site_url}/#website",
                "url": f"{site_url}/",
                "name": settings.SITE_NAME,
                "inLanguage": "en",
                "publisher": {"@id": organization["@id"]},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": f"{site_url}/search/?q={{search_term_string}}",
                    },
                    "query-input": "required name=search_term_string",
                },
            },
            organization,
        ],
    }


def profile_page_jsonld(author) -> dict:
    """An author's page: a ProfilePage whose main entity is the Person (public fields only)."""
    url = absolute(f"/authors/{author.slug}/")
    person = {"@type": "Person", "@id": f"{url}#person", "name": author.name, "url": url}
    if author.job_title:
        person["jobTitle"] = author.job_title
    if author.bio:
        person["description"] = author.bio
    # The portrait copy, never the upload itself: it may carry EXIF and GPS.
    photo = portrait(author.photo)
    if photo:
        person["image"] = absolute(photo["jpeg"])
    person["worksFor"] = {"@id": f"{settings.SITE_URL}/#organization", "name": settings.SITE_NAME}
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": person,
    }


def _images(image: dict, site_url: str) -> list[dict]:
    """The lead picture in 16:9, 4:3 and 1:1 (each ≥ 1,200 px wide where the original
    allows), else the whole picture (snapshots published before the crops existed)."""
    crops = image.get("crops") or {}
    chosen = [crops[name] for name in IMAGE_CROPS if crops.get(name, {}).get("url")]
    chosen = chosen or [image]
    words = {"caption": image["caption"]} if image.get("caption") else {}
    words.update(image_object_rights(image))  # credit, licence, copyright, creator
    return [
        {
            "@type": "ImageObject",
            "url": absolute(item["url"], site_url),
            "width": item.get("width"),
            "height": item.get("height"),
            **words,
        }
        for item in chosen
    ]


def _gallery(gallery: dict, site_url: str, story_url: str) -> dict:
    """An `ImageGallery` of the story: each picture an `ImageObject` with its rights."""
    return {
        "@type": "ImageGallery",
        "name": gallery["title"],
        "url": f"{story_url}#{gallery['anchor']}",
        **({"description": gallery["description"]} if gallery.get("description") else {}),
        "associatedMedia": [
            {
                "@type": "ImageObject",
                "contentUrl": absolute(item["url"], site_url),
                "width": item.get("width"),
                "height": item.get("height"),
                **({"caption": item["caption"]} if item.get("caption") else {}),
                **image_object_rights(item),
            }
            for item in gallery["items"]
        ],
    }


def _duration(seconds: float) -> str:
    """ISO 8601, as schema.org's `duration` wants it: 75.4 -> "PT1M15S"."""
    minutes, rest = divmod(round(seconds or 0), 60)
    return f"PT{minutes}M{rest}S" if minutes else f"PT{rest}S"


def _clip(clip: dict, site_url: str) -> dict:
    """A `VideoObject` or `AudioObject` of a video or sound in the story, with its rights."""
    data = {
        "@type": "VideoObject" if clip["kind"] == "video" else "AudioObject",
        "name": clip["title"],
        "description": clip.get("caption") or clip["title"],
        "contentUrl": absolute(clip["url"], site_url),
        "encodingFormat": clip["mime_type"],
        "duration": _duration(clip.get("duration")),
        "uploadDate": clip["uploaded_at"],
        **image_object_rights(clip),
    }
    if clip.get("poster"):
        data["thumbnailUrl"] = absolute(clip["poster"], site_url)
    if clip.get("transcript"):
        data["transcript"] = clip["transcript"]
    if clip.get("captions"):
        data["caption"] = {"@type": "MediaObject", "contentUrl": absolute(clip["captions"], site_url),
                           "encodingFormat": "text/vtt"}  # fmt: skip
    return data


def byline_jsonld(story, site_url: str | None = None) -> list[dict]:
    """The story's byline as schema.org Persons (the NewsArticle's and a live story's)."""
    site_url = settings.SITE_URL if site_url is None else site_url
    return [
        {
            "@type": "Person",
            "name": person["name"],
            "url": absolute(person.get("url") or f"/authors/{person['slug']}/", site_url),
            **({"jobTitle": person["job_title"]} if person.get("job_title") else {}),
        }
        for person in story.byline
    ]


def news_article_jsonld(story, site_url: str | None = None) -> dict:
    """The NewsArticle description of a published snapshot.

    Snapshot data and settings only (no request, no clock): it is rendered into the
    snapshot's head markup at publish time (articles.public.rendering.render_head_html),
    there with `HOST_SLOT` as `site_url`.
    """
    site_url = settings.SITE_URL if site_url is None else site_url
    url = absolute(story.url_path, site_url)
    data = {
        "@context": "https://schema.org",
        "@type": ARTICLE_TYPES.get(story.kind_of_work, "NewsArticle"),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": story.headline[:110],
        "description": story.dek,
        "datePublished": story.published_at.isoformat(),
        "dateModified": story.updated_at.isoformat(),
        "author": byline_jsonld(story, site_url),
        "publisher": organization_jsonld(site_url),
        "articleSection": story.section_name,
        "keywords": [tag["name"] for tag in story.tags],
        "isAccessibleForFree": True,
        "inLanguage": "en",
    }
    if story.dateline:
        data["locationCreated"] = {"@type": "Place", "name": story.dateline}
    if story.how_we_reported:
        data["backstory"] = story.how_we_reported
    image = story.lead_image or {}
    if image.get("url"):
        data["image"] = _images(image, site_url)
    galleries = [
        _gallery(gallery, site_url, url) for gallery in getattr(story, "galleries", None) or []
    ]
    if galleries:
        data["hasPart"] = galleries
    clips = [_clip(clip, site_url) for clip in getattr(story, "clips", None) or []]
    for kind, key in (("VideoObject", "video"), ("AudioObject", "audio")):
        found = [clip for clip in clips if clip["@type"] == kind]
        if found:
            data[key] = found
    data.update(answers().jsonld_extras(story))
    return data


def jsonld_script(data: dict) -> SafeString:
    """`data` in a <script type="application/ld+json"> element, safe against `</script>`."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
