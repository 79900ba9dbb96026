"""Public URLs of the sources app: standards policy pages, the corrections page and feed, and
the readers' "Report an error" page."""

from django.urls import path

from articles.public import sitemaps as public_sitemaps
from articles.public.page_cache import public_page
from newsroom.site import on_site_url
from sources.public import reports, views
from sources.public.feeds import CorrectionsFeed
from sources.public.sitemaps import StandardsSitemap

# The public site's sitemap index lists this app's pages too (sitemap-standards.xml).
public_sitemaps.register("standards", StandardsSitemap)

urlpatterns = [
    # Cached like every public page, with ETag and Cache-Control (articles.public.page_cache).
    path("corrections/", public_page(views.corrections_page), name="corrections"),
    path("corrections/feed/", public_page(on_site_url(CorrectionsFeed())), name="corrections-feed"),
    path("policies/<slug:kind>/", public_page(views.policy_page), name="policy"),
    path("report-an-error/<int:story_id>/", reports.report_error, name="report-error"),
]
