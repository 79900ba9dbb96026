"""Public URLs of the sources app: the standards and trust pages, the corrections page and feed,
and the readers' "Report an error" page."""

from django.urls import path
from django.views.generic.base import RedirectView

from articles.public import sitemaps as public_sitemaps
from articles.public.page_cache import public_page
from newsroom.site import on_site_url
from sources.models import TOP_LEVEL_PAGES
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
    *(
        path(f"{kind}/", public_page(views.policy_page), {"kind": kind}, name=kind)
        for kind in TOP_LEVEL_PAGES
    ),
    # Where readers and trust indexes also look for the feedback policy.
    path(
        "actionable-feedback/",
        RedirectView.as_view(url="/policies/actionable-feedback/", permanent=True),
    ),
    path("report-an-error/<int:story_id>/", reports.report_error, name="report-error"),
]
