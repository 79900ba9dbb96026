"""A live story's public addresses (included by `articles.public.urls` before its catch-all)."""

from django.urls import path

from articles.live import views

urlpatterns = [
    path("live/<str:article_id>/updates/", views.updates, name="live-updates"),
    path(
        "<slug:section>/<int:year>/<int:month>/<int:day>/<slug:slug>/entries/<str:entry_id>/",
        views.entry_page,
        name="live-entry",
    ),
]
