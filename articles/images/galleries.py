"""Galleries in stories: where they are placed, what the gate checks, what readers get.

A gallery (`Gallery`, its ordered `GalleryItem`s) is placed as a story's lead
(`Article.lead_gallery`, shown where the lead picture would be) or in its body as
`<figure data-gallery="12"></figure>` (kept by `newsroom.html`'s allow-list and by the
editor's NewsroomGallery node). `gallery_placing.place_gallery` does either through the one
save pipeline.

Before a publish, `publishing.gallery_problems` holds each picture of each gallery to the
rules of a lead picture (prepared, licensed for the web now, alt text written), with the
lead picture's (`publishing.media_problems`). At publish, `snapshot_galleries` is
what the snapshot keeps (renditions, words, public rights), and `body_with_galleries` puts
the rendered galleries in place of their figures: public code reads only the snapshot.
A change to a gallery a story uses is an edit of that story (`stories_using`), as for a
picture.
"""

import re

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string

from articles.images import renditions
from articles.models import Article, Gallery, GalleryItem
from articles.workflow import permissions

# A gallery's figure as the sanitizer leaves it (its content, if any, is the editor's label).
EMBED = re.compile(r'<figure data-gallery="(?P<id>[0-9]{1,11})"[^>]*>.*?</figure>', re.S)


def embed_html(gallery_id: int) -> str:
    return f'<figure data-gallery="{int(gallery_id)}"></figure>'


def embedded_ids(html: str) -> list[int]:
    """The galleries a body places, in their order, each once."""
    found: list[int] = []
    for match in EMBED.finditer(html or ""):
        gallery_id = int(match["id"])
        if gallery_id not in found:
            found.append(gallery_id)
    return found


def _with_items(queryset):
    # Not the renditions: publishing makes any still missing, and reads them fresh.
    items = GalleryItem.objects.select_related("image")
    return queryset.prefetch_related(Prefetch("items", queryset=items))


def story_galleries(article: Article) -> tuple[list[Gallery], list[int]]:
    """The story's galleries (its lead first, then the body's in order) and the ids the body
    names that no longer exist."""
    wanted = ([article.lead_gallery_id] if article.lead_gallery_id else []) + [
        gallery_id
        for gallery_id in embedded_ids(article.body)
        if gallery_id != article.lead_gallery_id
    ]
    found = {g.pk: g for g in _with_items(Gallery.objects.filter(pk__in=wanted))}
    return [found[i] for i in wanted if i in found], [i for i in wanted if i not in found]


def stories_using(gallery: Gallery):
    """Stories showing `gallery` as their lead or in their body."""
    marker = f'data-gallery="{gallery.pk}"'
    return Article.objects.filter(Q(lead_gallery=gallery) | Q(body__contains=marker))


def _item_data(item: GalleryItem) -> dict:
    data = renditions.lead_image_data(item.image)
    if data:
        data["caption"] = item.shown_caption
        data["credit"] = item.shown_credit
    return data


def snapshot_galleries(article: Article) -> list[dict]:
    """What a snapshot keeps of the story's galleries, for its page and its JSON-LD."""
    galleries, _ = story_galleries(article)
    kept = []
    for gallery in galleries:
        items = [data for data in map(_item_data, gallery.items.all()) if data]
        if items:
            kept.append(
                {
                    "id": gallery.pk,
                    "anchor": f"gallery-{gallery.pk}",
                    "title": gallery.title,
                    "description": gallery.description,
                    "lead": gallery.pk == article.lead_gallery_id,
                    "items": items,
                }
            )
    return kept


def render_gallery(gallery: dict) -> str:
    """A gallery's reader markup (snapshot data only: no request, no database)."""
    return render_to_string("articles/includes/gallery.html", {"gallery": gallery})


def body_with_galleries(body_html: str, galleries: list[dict]) -> str:
    """The snapshot's body with each gallery figure replaced by the gallery (a gallery the
    snapshot does not carry, or placed a second time, is left out)."""
    by_id = {str(gallery["id"]): gallery for gallery in galleries}
    shown: set[str] = set()

    def replace(match) -> str:
        gallery_id = match["id"]
        if gallery_id not in by_id or gallery_id in shown:  # once: its anchors are unique
            return ""
        shown.add(gallery_id)
        return render_gallery(by_id[gallery_id])

    return EMBED.sub(replace, body_html or "")


def check_pictures(user, images) -> None:
    """Only pictures `user` may choose as a lead image go in a gallery (ValidationError)."""
    ids = [image.pk for image in images]
    allowed = set(
        permissions.choosable_lead_images(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    refused = [image for image in images if image.pk not in allowed]
    if refused:
        raise ValidationError(
            "You may not use the picture “%(picture)s”: it was uploaded for a story not yet "
            "published. Ask an editor, or upload your own.",
            code="picture_not_choosable",
            params={"picture": refused[0]},
        )
