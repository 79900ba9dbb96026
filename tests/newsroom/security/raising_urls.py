"""The site's URLs plus one view that fails, for the error-logging test."""

from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("the printing press jammed")


urlpatterns = [path("fail/", fail), *site_urlpatterns]
