"""The site's URLconf plus the benchmark's baseline: a constant response.

`/bench/constant/` returns a fixed small HTML page through the same middleware stack as
every other page (it is matched first, so it also pays the least URL resolution). It is
mounted only here, never in the real site.

With NEWSROOM_BENCH_SERVE_MEDIA=1 (bench/lighthouse.py) uploaded pictures are served too, as
production's web server or storage would serve them (renditions have unique names: kept a
year); production's Django never serves MEDIA_ROOT.
"""

import os

from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from django.views.static import serve

CONSTANT_PAGE = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>OK</title></head>'
    b"<body><p>A constant response.</p></body></html>"
)


@require_safe
def constant(request):
    return HttpResponse(CONSTANT_PAGE, content_type="text/html; charset=utf-8")


def media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


urlpatterns = [path("bench/constant/", constant, name="bench-constant")]
if os.environ.get("NEWSROOM_BENCH_SERVE_MEDIA") == "1":
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", media))
urlpatterns.append(path("", include("newsroom.urls")))

handler404 = "articles.public.views.not_found"
