"""sitemap.xml (an index of sections, stories and authors) and the Google News sitemap.

Only visible snapshots appear: drafts, scheduled, taken-down and spiked stories never do.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from . import public_queries

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


class StorySitemap(Sitemap):
    changefreq = "hourly"
    limit = 5000

    def items(self):
        return public_queries.visible_stories().only("url_path", "updated_at")

    def location(self, item) -> str:
        return item.url_path

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return [section["slug"] for section in public_queries.site_state()["sections"]]

    def location(self, slug) -> str:
        return f"/{slug}/"


class AuthorSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return sorted(public_queries.author_slugs_with_stories())

    def location(self, slug) -> str:
        return f"/authors/{slug}/"


SITEMAPS = {"sections": SectionSitemap, "stories": StorySitemap, "authors": AuthorSitemap}


def news_sitemap(request) -> HttpResponse:
    """Stories first published in the last two days, in Google News sitemap form."""
    now = timezone.now()
    stories = (
        public_queries.visible_stories(now)
        .filter(first_published_at__gte=now - NEWS_WINDOW)
        .only("url_path", "headline", "first_published_at", "published_at", "tag_slugs")[
            :NEWS_LIMIT
        ]
    )
    xml = render_to_string(
        "articles/news_sitemap.xml",
        {"stories": stories, "publication": settings.SITE_NAME, "site_url": settings.SITE_URL},
    )
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
