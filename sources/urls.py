"""Public URLs of the sources app: standards policy pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("policies/<slug:kind>/", views.policy_page, name="policy"),
]
