"""The site's URLconf plus the benchmark's baseline: a constant response.

`/bench/constant/` returns a fixed small HTML page through the same middleware stack as
every other page (it is matched first, so it also pays the least URL resolution). It is
mounted only here, never in the real site.
"""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_safe

CONSTANT_PAGE = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>OK</title></head>'
    b"<body><p>A constant response.</p></body></html>"
)


@require_safe
def constant(request):
    return HttpResponse(CONSTANT_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/constant/", constant, name="bench-constant"),
    path("", include("newsroom.urls")),
]

handler404 = "articles.public.views.not_found"
