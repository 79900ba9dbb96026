"""Root URLconf: admin first, the pages for people without an account, then the public site
(articles' catch-all routes last)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/two-factor/", include("newsroom.security.two_factor_views")),
    path("admin/", admin.site.urls),
    # Pages for people without an account (a shared preview, a sign-off): no login, no cache.
    path("", include("articles.external.urls")),
    path("", include("sources.public.urls")),
    # A story's signed versions, the public keys and /verify/ (before the section catch-all).
    path("", include("articles.versions.urls")),
    # The public site: search, robots.txt, sitemaps, feeds, the ninjs API, then the pages;
    # its section catch-all must stay last.
    path("", include("articles.public.urls")),
]

handler404 = "articles.public.views.not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
