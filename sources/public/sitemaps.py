"""The sitemap of the newsroom's standards pages: corrections and every policy page.

Registered with the public site's sitemap index (`articles.public.sitemaps.register`) by
`sources/public/urls.py`, so it is served at sitemap-standards.xml.
"""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from sources.models import PolicyPage
from sources.public_sourcing import recent_corrections

CORRECTIONS = "corrections"


class StandardsSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list:
        return [CORRECTIONS, *PolicyPage.objects.only("kind", "updated_at")]

    def location(self, item) -> str:
        return reverse("corrections") if item == CORRECTIONS else item.get_absolute_url()

    def lastmod(self, item) -> datetime | None:
        if item == CORRECTIONS:
            newest = recent_corrections(limit=1)
            return datetime.fromisoformat(newest[0]["at"]) if newest else None
        return item.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        """The newest of the pages' times (a site with no correction yet has none for it)."""
        times = [self.lastmod(item) for item in self.items()]
        return max((moment for moment in times if moment), default=None)
