"""The only reads public views make: published snapshots, never the working copy."""

from django.http import Http404

from .models import PublishedArticle


def visible_stories():
    return PublishedArticle.objects.visible()


def story_by_path(path: str) -> PublishedArticle:
    try:
        return PublishedArticle.objects.visible().get(url_path=path)
    except PublishedArticle.DoesNotExist:
        raise Http404("No story at this address.") from None
