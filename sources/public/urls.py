"""Public URLs of the sources app: standards policy pages, the corrections page and feed, and
the readers' "Report an error" page."""

from django.urls import path

from newsroom.site import on_site_url
from sources.public import reports, views
from sources.public.feeds import CorrectionsFeed

urlpatterns = [
    path("corrections/", views.corrections_page, name="corrections"),
    path("corrections/feed/", on_site_url(CorrectionsFeed()), name="corrections-feed"),
    path("policies/<slug:kind>/", views.policy_page, name="policy"),
    path("report-an-error/<int:story_id>/", reports.report_error, name="report-error"),
]
