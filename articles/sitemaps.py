"""sitemap.xml (an index of sections, stories and authors) and the Google News sitemap.

Only visible snapshots appear: drafts, scheduled, taken-down and spiked stories never do.

Stories are split into files by id range, STORIES_PER_FILE ids each, so no file holds more
than the 50,000 addresses a sitemap may list, and each is one range read on the primary
key however large the archive (no count, no OFFSET); the index needs only the largest id.
Story files are written as strings, not through a template: 50,000 template loops would
take longer than the query.
"""

from datetime import timedelta
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import public_queries
from .models import PublishedArticle

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
STORIES_PER_FILE = 10_000  # well under the 50,000 a sitemap may list: each file stays fast
XML = "application/xml; charset=utf-8"


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


SITEMAPS = {"sections": SectionSitemap, "authors": AuthorSitemap}


def story_files() -> int:
    """How many story sitemap files there are (one index-only read of the largest id)."""
    last = PublishedArticle.objects.aggregate(last=Max("id"))["last"] or 0
    return max(1, -(-last // STORIES_PER_FILE))


def index(request) -> HttpResponse:
    """The sitemap index: sections, every story file, authors."""
    site = f"{request.scheme}://{request.get_host()}"
    files = [
        reverse("sitemap-section", kwargs={"section": "sections"}),
        *(reverse("sitemap-stories", kwargs={"number": n}) for n in range(1, story_files() + 1)),
        reverse("sitemap-section", kwargs={"section": "authors"}),
    ]
    entries = "".join(f"<sitemap><loc>{escape(site + path)}</loc></sitemap>\n" for path in files)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )
    return HttpResponse(xml, content_type=XML)


def stories(request, number: int) -> HttpResponse:
    """Story file `number`: the visible stories with ids in its range, with lastmod."""
    if not 1 <= number <= story_files():
        raise Http404("No such sitemap.")
    site = f"{request.scheme}://{request.get_host()}"
    rows = (
        public_queries.visible_stories()
        .filter(pk__gt=(number - 1) * STORIES_PER_FILE, pk__lte=number * STORIES_PER_FILE)
        .order_by("pk")
        .values_list("url_path", "updated_at")
    )
    entries = "".join(
        f"<url><loc>{escape(site + path)}</loc><lastmod>{updated.date().isoformat()}</lastmod>"
        "<changefreq>hourly</changefreq></url>\n"
        for path, updated in rows
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )
    return HttpResponse(xml, content_type=XML)


def news_sitemap(request) -> HttpResponse:
    """Stories first published in the last two days, in Google News sitemap form."""
    now = timezone.now()
    stories = (
        public_queries.visible_stories(now)
        # published_at is never before first_published_at: the first filter is what the
        # time index can use, the second is the rule.
        .filter(published_at__gte=now - NEWS_WINDOW, first_published_at__gte=now - NEWS_WINDOW)
        .only("url_path", "headline", "first_published_at", "published_at", "tag_slugs")[
            :NEWS_LIMIT
        ]
    )
    xml = render_to_string(
        "articles/news_sitemap.xml",
        {"stories": stories, "publication": settings.SITE_NAME, "site_url": settings.SITE_URL},
    )
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
