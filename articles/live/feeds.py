"""RSS 2.0 and Atom feeds of a live story's entries (newest first): each item one published
entry, linking to its permalink. Only what `articles.live.stream` lets out."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from articles.live import purge, stream
from articles.public import edge
from articles.public import queries as public_queries
from articles.public.structured_data import absolute

FEED_SIZE = 50


class LiveEntriesFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        story = request.live_story  # set by get_object
        return edge.name_keys(
            response, {edge.story_key(story.article_id), purge.live_key(story.article_id)}
        )

    def get_object(self, request, *args, **kwargs):
        found = public_queries.story_at(request.path.rsplit("entries/", 1)[0])
        if found.story is None or stream.public_coverage(found.story.article_id) is None:
            raise Http404("No live story at this address.")
        request.live_story = found.story
        return found.story

    def title(self, obj) -> str:
        return f"{obj.headline}: live updates ({settings.SITE_NAME})"

    def link(self, obj) -> str:
        return obj.url_path

    def description(self, obj) -> str:
        return obj.dek or f"Live updates from {settings.SITE_NAME}."

    def items(self, obj):
        return stream.latest_entries(obj, count=FEED_SIZE)

    def item_title(self, item) -> str:
        return item["headline"] or item["text"][:100]

    def item_description(self, item) -> str:
        if not item["correction"]:
            return item["html"]
        return item["html"] + format_html(
            "<p><strong>Correction:</strong> {}</p>", item["correction"]
        )

    def item_link(self, item) -> str:
        return item["url"]

    def item_guid(self, item) -> str:
        return absolute(item["url"])

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item["published_at"]

    def item_updateddate(self, item):
        return item["updated_at"] or item["published_at"]

    def item_author_name(self, item):
        return item["author_name"] or None


class LiveEntriesAtomFeed(LiveEntriesFeed):
    feed_type = Atom1Feed
    subtitle = LiveEntriesFeed.description
