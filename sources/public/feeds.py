"""The site-wide corrections feed (RSS), read from public snapshots only."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from articles.public.structured_data import absolute
from sources.public_sourcing import recent_corrections
from sources.templatetags.sources_public import isodate


class CorrectionsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Corrections"
    description = "Corrections, clarifications, editor's notes and retractions, newest first."

    def link(self):
        return reverse("corrections")

    def items(self):
        return recent_corrections(limit=50)

    def item_title(self, item):
        return f"{item['label']}: {item['headline']}"

    def item_description(self, item):
        return item["text"]

    def item_link(self, item):
        return f"{item['url']}#corrections"

    def item_guid(self, item):
        # Absolute: a feed reader keys items by guid across feeds and sites.
        return absolute(f"{item['url']}#correction-{item['at']}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return isodate(item["at"])
