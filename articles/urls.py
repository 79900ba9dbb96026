"""Public URLs. Every view here reads only published snapshots (articles.public)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
    path("<slug:section>/<int:year>/<int:month>/<int:day>/<slug:slug>/", views.story, name="story"),
    path("<slug:slug>/", views.section_page, name="section"),
]
