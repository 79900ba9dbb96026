"""Galleries: an ordered set of pictures with their captions and credits, shown as a story's
lead or in its body (articles.images.galleries)."""

from django.conf import settings
from django.db import models

from articles.models.images import Image


class Gallery(models.Model):
    title = models.CharField(
        max_length=200,
        help_text="Shown to readers above the pictures, e.g. “The flood, day by day”.",
    )
    description = models.TextField(
        blank=True, help_text="Optional: a sentence or two readers see under the title."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "galleries"

    def __str__(self) -> str:
        return self.title


class GalleryItem(models.Model):
    """One picture of a gallery, in its place, with the words readers see under it."""

    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="items")
    # PROTECT: deleting a picture must not silently take it out of a gallery in a live story.
    image = models.ForeignKey(
        Image, on_delete=models.PROTECT, related_name="gallery_items", verbose_name="picture"
    )
    position = models.PositiveIntegerField(
        "order", default=0, help_text="Lower numbers come first."
    )
    caption = models.CharField(
        max_length=500, blank=True, help_text="Empty: the picture's own caption."
    )
    credit = models.CharField(max_length=200, blank=True, help_text="Empty: the picture's credit.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gallery", "image"], name="gallery_item_picture_once")
        ]

    def __str__(self) -> str:
        return str(self.image)

    @property
    def shown_caption(self) -> str:
        return self.caption or self.image.caption

    @property
    def shown_credit(self) -> str:
        return self.credit or self.image.credit
