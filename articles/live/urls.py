"""A live story's public addresses (included by `articles.public.urls` before its catch-all)."""

from django.urls import path

from articles.live import feeds, views
from articles.public.page_cache import public_page
from newsroom.site import on_site_url

STORY = "<slug:section>/<int:year>/<int:month>/<int:day>/<slug:slug>/"

urlpatterns = [
    path("live/<str:article_id>/updates/", views.updates, name="live-updates"),
    path(f"{STORY}entries/<str:entry_id>/", views.entry_page, name="live-entry"),
    path(
        f"{STORY}entries/feed/rss/",
        public_page(on_site_url(feeds.LiveEntriesFeed())),
        name="live-feed",
    ),
    path(
        f"{STORY}entries/feed/atom/",
        public_page(on_site_url(feeds.LiveEntriesAtomFeed())),
        name="live-feed-atom",
    ),
]
