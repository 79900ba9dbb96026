"""Public URLs. Every view here reads only published snapshots (articles.public.queries).

Fixed prefixes come first; the section page is the catch-all and stays last.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from articles.live import urls as live_urls
from articles.public import api, feeds, sitemaps, views
from articles.public.page_cache import public_page
from newsroom.site import on_site_url

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", public_page(on_site_url(sitemaps.index)), name="sitemap-index"),
    path(
        "sitemap-stories-<int:number>.xml",
        public_page(on_site_url(sitemaps.stories)),
        name="sitemap-stories",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(on_site_url(sitemap_views.sitemap)),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", public_page(sitemaps.news_sitemap), name="news-sitemap"),
    path("feeds/rss/", public_page(on_site_url(feeds.LatestFeed())), name="feed-latest"),
    path("feeds/atom/", public_page(on_site_url(feeds.LatestAtomFeed())), name="feed-latest-atom"),
    path(
        "feeds/sections/<slug:slug>/rss/",
        public_page(on_site_url(feeds.SectionFeed())),
        name="feed-section",
    ),
    path(
        "feeds/sections/<slug:slug>/atom/",
        public_page(on_site_url(feeds.SectionAtomFeed())),
        name="feed-section-atom",
    ),
    path(
        "feeds/authors/<slug:slug>/rss/",
        public_page(on_site_url(feeds.AuthorFeed())),
        name="feed-author",
    ),
    path(
        "feeds/authors/<slug:slug>/atom/",
        public_page(on_site_url(feeds.AuthorAtomFeed())),
        name="feed-author-atom",
    ),
    path("feeds/tags/<slug:slug>/rss/", public_page(on_site_url(feeds.TagFeed())), name="feed-tag"),
    path(
        "feeds/tags/<slug:slug>/atom/",
        public_page(on_site_url(feeds.TagAtomFeed())),
        name="feed-tag-atom",
    ),
    path("api/stories/", api.story_list, name="api-stories"),
    path("api/stories/<int:article_id>/", api.story_detail, name="api-story"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
    path("<slug:section>/<int:year>/<int:month>/<int:day>/<slug:slug>/", views.story, name="story"),
    *live_urls.urlpatterns,
    path("<slug:slug>/", views.section_page, name="section"),
]
