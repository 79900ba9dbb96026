"""Placing a gallery in a story, from the gallery's page: as its lead, or in its body.

Apart from `galleries` because it saves the story through the workflow, which itself asks
`galleries` (through the publish gate) before a publish.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from articles import workflow
from articles.images import galleries
from articles.models import Article, Gallery
from articles.workflow import permissions

LEAD, BODY = "lead", "body"


def place_gallery(user, gallery: Gallery, article: Article, *, where: str) -> Article:
    """Put `gallery` in `article`: as its lead, or at the end of its body (the writer then
    drags it where it belongs). A save like any other (`workflow.save_article`): the same
    permission, lock and "live + draft" rule."""
    if where not in (LEAD, BODY):
        raise ValueError(f"Place a gallery as the {LEAD} or in the {BODY}, not {where!r}.")
    if not permissions.can_edit(user, article):
        raise PermissionDenied("You may not edit this story.")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if where == LEAD:
            article.lead_gallery = gallery
            comment = f"Gallery “{gallery}” placed as the lead"
        else:
            if gallery.pk not in galleries.embedded_ids(article.body):
                article.body = (article.body or "") + galleries.embed_html(gallery.pk)
            comment = f"Gallery “{gallery}” placed in the body"
        return workflow.save_article(
            user, article, expected_version=article.version, comment=comment
        )
