"""Public URLs of signed versions (included before the public site's section catch-all)."""

from django.urls import path

from articles.versions import views

STORY = "<slug:section>/<int:year>/<int:month>/<int:day>/<slug:slug>/"

urlpatterns = [
    path("verify/", views.verify_page, name="verify-story-text"),
    path(".well-known/newsroom-signing-keys.json", views.signing_keys, name="signing-keys"),
    path(f"{STORY}versions/", views.versions_page, name="story-versions"),
    path(f"{STORY}versions.json", views.versions_json, name="story-versions-json"),
    path(f"{STORY}versions/<int:number>/text.txt", views.version_text, name="story-version-text"),
    path(
        f"{STORY}versions/<int:number>/statement.txt",
        views.version_statement,
        name="story-version-statement",
    ),
]
