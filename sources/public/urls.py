"""Public URLs of the sources app: standards policy pages and the corrections page and feed."""

from django.urls import path

from newsroom.site import on_site_url
from sources.public import views
from sources.public.feeds import CorrectionsFeed

urlpatterns = [
    path("corrections/", views.corrections_page, name="corrections"),
    path("corrections/feed/", on_site_url(CorrectionsFeed()), name="corrections-feed"),
    path("policies/<slug:kind>/", views.policy_page, name="policy"),
]
