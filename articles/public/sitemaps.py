"""sitemap.xml (an index of sections, stories and authors) and the Google News sitemap.

Only visible snapshots appear: drafts, scheduled, taken-down and spiked stories never do.

Stories are split into files by id range, STORIES_PER_FILE (50,000) ids each, so no file
holds more than the 50,000 addresses a sitemap may list, and each is one range read of a
covering index (snapshot_sitemap: id with status, go-live, update time and address) however
large the archive: no count, no OFFSET, no visit to the wide snapshot rows. The index needs
only the largest id. Story files are written as strings from plain rows, not through models
or a template: 50,000 template loops would take longer than the query. Whole files are
cached like every public page (the page cache, until the next publish).
"""

from datetime import timedelta
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db import connections, router
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import PublicStatus, PublishedArticle
from articles.public import queries as public_queries

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
STORIES_PER_FILE = 50_000  # the most a sitemap may list
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


# One story file: the visible stories of an id range, read from the snapshot_sitemap index
# alone (an index-only scan), the day of each lastmod formatted by PostgreSQL. An embargoed
# story needs no test of its own: a snapshot's go-live is never before its embargo (the
# snapshot_not_live_before_embargo constraint).
_STORY_FILE = """
SELECT url_path, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM {table}
WHERE id > %s AND id <= %s AND status = %s AND published_at <= %s
ORDER BY id
"""


def stories(request, number: int) -> HttpResponse:
    """Story file `number`: the visible stories with ids in its range, with lastmod. Rows
    are read as plain tuples and written as strings (no model, no template)."""
    if not 1 <= number <= story_files():
        raise Http404("No such sitemap.")
    site = escape(f"{request.scheme}://{request.get_host()}")
    table = PublishedArticle._meta.db_table
    alias = router.db_for_read(PublishedArticle)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            _STORY_FILE.format(table=connections[alias].ops.quote_name(table)),
            [
                (number - 1) * STORIES_PER_FILE,
                number * STORIES_PER_FILE,
                PublicStatus.LIVE.value,
                timezone.now(),
            ],
        )
        rows = cursor.fetchall()
    entries = "".join(
        f"<url><loc>{site}{escape(path)}</loc><lastmod>{day}</lastmod>"
        "<changefreq>hourly</changefreq></url>\n"
        for path, day in rows
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
