"""Pictures: the uploaded original and its renditions."""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.files import ImageFieldFile

from articles.images.uploads import ImageUploadField, check_upload, clean_original


def validate_image_upload(value) -> None:
    """A newly uploaded file must be a web image within the size limit (read from its header)."""
    if not value or getattr(value, "_committed", True):
        return  # the stored file was checked when it was uploaded
    check_upload(value.file)


class OriginalImageFieldFile(ImageFieldFile):
    """Stores an upload under a random name, upright and with its metadata stripped.

    Every way a file reaches storage (the admin's form, `image.file.save(...)` in code)
    comes through here, so no original in the public media folder keeps its upload name
    or its EXIF/GPS, XMP or ICC comments.
    """

    def save(self, name, content, save=True):
        data, extension = clean_original(content)
        name = f"{secrets.token_urlsafe(16)}.{extension}"
        super().save(name, ContentFile(data, name=name), save=False)
        # Width and height of what was stored (upright), not of the upload.
        self.field.update_dimension_fields(self.instance, force=True)
        if save:
            self.instance.save()


class OriginalImageField(models.ImageField):
    attr_class = OriginalImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})


class Image(models.Model):
    file = OriginalImageField(
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image_upload],
        help_text="JPEG, PNG, WebP or GIF, at most 40 megapixels and 10,000 pixels a side.",
    )
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required to publish.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Photographer and agency, e.g. “Ana Ruiz/Newsroom”."
    )
    # The point a crop keeps in view, as fractions of the upright picture's width and height.
    focal_x = models.FloatField(
        "focal point across",
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="0 is the left edge, 1 the right. Click the preview to set it.",
    )
    focal_y = models.FloatField(
        "focal point down",
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="0 is the top edge, 1 the bottom.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
            )
        ]

    def __str__(self) -> str:
        return self.alt_text or self.file.name

    def save(self, *args, **kwargs):
        # FieldFile.save() can leave width/height unset; read them from the stored file.
        if self.file and not (self.width and self.height):
            self._meta.get_field("file").update_dimension_fields(self, force=True)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        image = super().from_db(db, field_names, values)
        image._remember_stored_file()
        return image

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._remember_stored_file()

    def _remember_stored_file(self) -> None:
        # The file name as stored, so a save can tell that the file was replaced.
        if "file" in self.__dict__:
            self._stored_file_name = self.file.name or ""

    def take_replaced_file_name(self) -> str | None:
        """The previous file's name if the file changed since it was loaded/saved (once)."""
        previous = getattr(self, "_stored_file_name", None)
        current = self.file.name or ""
        self._stored_file_name = current
        if previous is None or previous == current:
            return None
        return previous


class Rendition(models.Model):
    """A resized, re-encoded, metadata-free copy of an image, made once and stored."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=10)  # "jpeg", "webp", "avif"
    # "" for the whole picture; otherwise the name of a crop (articles.images.renditions.CROPS), cut
    # around the image's focal point.
    crop = models.CharField(max_length=20, blank=True, default="")
    file = models.ImageField(upload_to="renditions/%Y/%m/", width_field=None, height_field=None)

    class Meta:
        ordering = ["image", "crop", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "crop", "width", "format"],
                name="rendition_unique_crop_size_format",
            )
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.crop or 'full'} {self.width}w {self.format}"
