"""RSS 2.0 and Atom feeds: latest stories, and per section, author and tag.

Items carry the dek as summary, the whole story as content, the byline as author (in Atom,
one author element per person), tags as categories and the lead image's JPEG rendition as
an enclosure and as media:content with its credit (`articles.public.delivery.feed_formats`).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Enclosure

from articles.public import queries as public_queries
from articles.public.delivery.feed_formats import FullAtomFeed, FullRssFeed, full_content
from articles.public.queries import CARD_FIELDS
from articles.public.structured_data import absolute

FEED_SIZE = 30
FEED_FIELDS = (*CARD_FIELDS, "body_html")


def _author_uri(person: dict) -> str:
    if person.get("url"):
        return absolute(person["url"])
    return absolute(f"/authors/{person['slug']}/") if person.get("slug") else ""


class LatestFeed(Feed):
    feed_type = FullRssFeed
    link = "/"

    def title(self, obj=None) -> str:
        return f"{settings.SITE_NAME}: latest stories"

    def description(self, obj=None) -> str:
        return f"The latest stories from {settings.SITE_NAME}."

    def stories(self, obj):
        return public_queries.story_cards()

    def items(self, obj=None):
        return list(self.stories(obj).only(*FEED_FIELDS)[:FEED_SIZE])

    def item_title(self, item) -> str:
        return item.headline

    def item_description(self, item) -> str:
        return item.dek

    def item_link(self, item) -> str:
        return item.url_path

    def item_guid(self, item) -> str:
        return absolute(item.url_path)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item) -> str:
        return ", ".join(person["name"] for person in item.byline) or None

    def item_author_link(self, item):
        if len(item.byline) == 1:
            return _author_uri(item.byline[0])
        return None

    def item_extra_kwargs(self, item) -> dict:
        image = item.lead_image or {}
        media = None
        if image.get("url"):
            media = {
                "url": absolute(image["url"]),
                "type": image.get("mime_type", "image/jpeg"),
                "width": image.get("width"),
                "height": image.get("height"),
                "fileSize": image.get("bytes"),
                "credit": image.get("credit", ""),
                "description": image.get("caption") or image.get("alt", ""),
            }
        return {
            "content_html": full_content(item.body_html, settings.SITE_URL),
            "media": media,
            "authors": [
                {"name": person["name"], "uri": _author_uri(person)}
                for person in item.byline
                if person.get("name")
            ],
        }

    def item_categories(self, item) -> list[str]:
        return [tag["name"] for tag in item.tags]

    def item_enclosures(self, item) -> list[Enclosure]:
        image = item.lead_image or {}
        if not image.get("url"):
            return []
        return [
            Enclosure(
                absolute(image["url"]),
                str(image.get("bytes", 0)),
                image.get("mime_type", "image/jpeg"),
            )
        ]


class LatestAtomFeed(LatestFeed):
    feed_type = FullAtomFeed
    subtitle = LatestFeed.description


class SectionFeed(LatestFeed):
    def get_object(self, request, slug):
        section = public_queries.section_by_slug(slug)
        if section is None:
            raise Http404("No such section.")
        return section

    def title(self, obj) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def description(self, obj) -> str:
        return obj.description or f"The latest {obj.name} stories from {settings.SITE_NAME}."

    def stories(self, obj):
        return public_queries.story_cards().filter(section_slug=obj.slug)


class SectionAtomFeed(SectionFeed):
    feed_type = FullAtomFeed
    subtitle = SectionFeed.description


class AuthorFeed(LatestFeed):
    def get_object(self, request, slug):
        author = public_queries.author_by_slug(slug)
        if author is None:
            raise Http404("No such author.")
        return author

    def title(self, obj) -> str:
        return f"{settings.SITE_NAME}: stories by {obj.name}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def description(self, obj) -> str:
        return f"The latest stories by {obj.name}."

    def stories(self, obj):
        return public_queries.story_cards().filter(author_slugs__contains=[obj.slug])


class AuthorAtomFeed(AuthorFeed):
    feed_type = FullAtomFeed
    subtitle = AuthorFeed.description


class TagFeed(LatestFeed):
    def get_object(self, request, slug):
        return slug

    def items(self, obj):
        stories = list(self.stories(obj).only(*FEED_FIELDS)[:FEED_SIZE])
        if not stories:
            raise Http404("No stories with this tag.")
        return stories

    def title(self, obj) -> str:
        return f"{settings.SITE_NAME}: {obj.replace('-', ' ')}"

    def link(self, obj) -> str:
        return f"/tags/{obj}/"

    def description(self, obj) -> str:
        return f"The latest stories tagged “{obj.replace('-', ' ')}”."

    def stories(self, obj):
        return public_queries.story_cards().filter(tag_slugs__contains=[obj])


class TagAtomFeed(TagFeed):
    feed_type = FullAtomFeed
    subtitle = TagFeed.description
