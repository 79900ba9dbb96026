"""sitemap.xml (an index of sections, stories, authors and any registered sitemap, each with
its <lastmod>) and the Google News sitemap.

Only visible snapshots appear: drafts, scheduled, taken-down and spiked stories never do.

Stories are split into files by id range, STORIES_PER_FILE (50,000) ids each, so no file
holds more than the 50,000 addresses a sitemap may list, and each is one range read of a
covering index (snapshot_sitemap: id with status, go-live, update time and address) however
large the archive: no count, no OFFSET, no visit to the wide snapshot rows. The index needs
only the largest id. Story files are written as strings from plain rows, not through models
or a template: 50,000 template loops would take longer than the query. Whole files are
cached like every public page (the page cache, until the next publish).

Another app adds a sitemap of its own pages with `register` (the sources app: corrections and
the policy pages); it is served at sitemap-<name>.xml and listed in the index.
"""

from datetime import UTC, datetime, timedelta
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


def register(name: str, sitemap: type[Sitemap]) -> None:
    """Serve `sitemap` at sitemap-<name>.xml and list it in the index. Its `lastmod(item)`, if
    it has one, gives the index its <lastmod>."""
    SITEMAPS[name] = sitemap


def story_files() -> int:
    """How many story sitemap files there are (one index-only read of the largest id)."""
    last = PublishedArticle.objects.aggregate(last=Max("id"))["last"] or 0
    return max(1, -(-last // STORIES_PER_FILE))


# The newest update in each story file, read from the covering index alone (one query).
_FILE_LASTMODS = """
SELECT (id - 1) / %s + 1, max(updated_at) FROM {table}
WHERE status = %s AND published_at <= %s
GROUP BY 1
"""


def _story_file_lastmods() -> dict[int, datetime]:
    table = PublishedArticle._meta.db_table
    alias = router.db_for_read(PublishedArticle)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            _FILE_LASTMODS.format(table=connections[alias].ops.quote_name(table)),
            [STORIES_PER_FILE, PublicStatus.LIVE.value, timezone.now()],
        )
        return dict(cursor.fetchall())


def _w3c(moment: datetime | None) -> str:
    """A sitemap time: full date and time in UTC, so same-day updates show."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _sitemap_lastmod(sitemap: type[Sitemap], newest_story: datetime | None) -> datetime | None:
    """A registered sitemap's newest lastmod; lists of stories (sections, authors) change
    with the newest story."""
    if callable(getattr(sitemap, "lastmod", None)):
        return sitemap().get_latest_lastmod()
    return newest_story


def index(request) -> HttpResponse:
    """The sitemap index: sections, every story file, authors, registered sitemaps; each with
    the time it last changed."""
    site = f"{request.scheme}://{request.get_host()}"
    story_lastmods = _story_file_lastmods()
    newest = max(story_lastmods.values(), default=None)
    files = [
        (reverse("sitemap-section", kwargs={"section": "sections"}), newest),
        *(
            (reverse("sitemap-stories", kwargs={"number": n}), story_lastmods.get(n))
            for n in range(1, story_files() + 1)
        ),
        *(
            (reverse("sitemap-section", kwargs={"section": name}), _sitemap_lastmod(cls, newest))
            for name, cls in SITEMAPS.items()
            if name != "sections"
        ),
    ]
    entries = "".join(
        f"<sitemap><loc>{escape(site + path)}</loc>"
        + (f"<lastmod>{_w3c(lastmod)}</lastmod>" if lastmod else "")
        + "</sitemap>\n"
        for path, lastmod in files
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )
    return HttpResponse(xml, content_type=XML)


# One story file: the visible stories of an id range, read from the snapshot_sitemap index
# alone (an index-only scan), each lastmod (date and time in UTC, so an update later the same
# day shows) formatted by PostgreSQL. An embargoed story needs no test of its own: a
# snapshot's go-live is never before its embargo (the snapshot_not_live_before_embargo
# constraint).
_STORY_FILE = """
SELECT url_path, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM {table}
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
        f"<url><loc>{site}{escape(path)}</loc><lastmod>{moment}</lastmod>"
        "<changefreq>hourly</changefreq></url>\n"
        for path, moment in rows
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
