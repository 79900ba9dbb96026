"""Pictures: the uploaded original, its renditions, its rights and where it was used."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
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


def incoming_storage() -> FileSystemStorage:
    """Where an upload waits, with its metadata, for the task worker: outside the public media
    folder, so nothing a browser can fetch carries its GPS or camera serial."""
    return FileSystemStorage(location=settings.IMAGE_INCOMING_ROOT, base_url=None)


class ImageStatus(models.TextChoices):
    PREPARING = "preparing", "Preparing"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be prepared"


class LicenceKind(models.TextChoices):
    STAFF = "staff", "Staff"
    AGENCY = "agency", "Agency"
    POOL = "pool", "Pool"
    HANDOUT = "handout", "Handout"
    CREATIVE_COMMONS = "cc", "Creative Commons"
    PUBLIC_DOMAIN = "public_domain", "Public domain"
    USER_SUBMITTED = "user_submitted", "User-submitted, with permission"


# The uses a licence may allow, as (field, label) pairs: one boolean field each.
USES = (
    ("use_web", "web"),
    ("use_social", "social"),
    ("use_newsletter", "newsletter"),
    ("use_archive", "archive"),
)


def expiry_fallback_field(noun: str, help_text: str = "") -> models.ForeignKey:
    """A licensed piece of media's `expiry_fallback`: another of its kind that live stories show
    in its place once its licence ends (`articles.images.expiry`); it may not be itself
    (`Licensed.clean`)."""
    return models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=f"{noun} after the licence ends",
        help_text=help_text,
    )


class Licensed(models.Model):
    """Who made a piece of media, who licenses it and for what, until when: a picture's
    rights, and a video's or sound's (`articles.models.clips`). Checked by the publish gate
    (`articles.images.publishing.rights_problems`)."""

    creator = models.CharField("creator", max_length=200, blank=True)
    copyright_notice = models.CharField(max_length=300, blank=True)
    digital_source_type = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the picture was made, as IPTC names it (e.g. a digital capture, or "
        "trained algorithmic media for AI images).",
    )
    licence_kind = models.CharField(
        "licence", max_length=20, choices=LicenceKind.choices, default=LicenceKind.STAFF
    )
    licensor = models.CharField(
        max_length=200, blank=True, help_text="The agency or other licensor, e.g. “Reuters”."
    )
    licence_version = models.CharField(
        max_length=40, blank=True, help_text="For Creative Commons: the licence, e.g. “BY 4.0”."
    )
    licence_terms = models.TextField(
        "terms",
        blank=True,
        help_text="The usage terms as agreed (for a reader's picture: the permission given).",
    )
    licence_url = models.URLField(
        "web statement of rights", blank=True, help_text="The page that states the licence."
    )
    acquire_licence_url = models.URLField(
        "licensor URL", blank=True, help_text="Where others can license the picture."
    )
    use_web = models.BooleanField("web", default=True)
    use_social = models.BooleanField("social", default=True)
    use_newsletter = models.BooleanField("newsletter", default=True)
    use_archive = models.BooleanField("archive", default=True)
    licence_expires_at = models.DateTimeField(
        "licence ends",
        null=True,
        blank=True,
        help_text="After this, live stories show the fallback below instead (or nothing).",
    )
    # A subclass declares its `expiry_fallback = expiry_fallback_field(...)` (another of its
    # kind) and names one of itself in messages ("picture").
    noun = "piece of media"

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.licence_kind == LicenceKind.AGENCY and not self.licensor.strip():
            raise ValidationError(
                {"licensor": "Name the agency whose licence this is."}, code="agency_unnamed"
            )
        if self.licence_kind == LicenceKind.CREATIVE_COMMONS and not self.licence_version.strip():
            raise ValidationError(
                {"licence_version": "Give the Creative Commons licence and version, e.g. BY 4.0."},
                code="cc_version_missing",
            )
        if self.licence_kind == LicenceKind.USER_SUBMITTED and not self.licence_terms.strip():
            raise ValidationError(
                {
                    "licence_terms": "Write down the permission the sender gave (who, when, for what)."
                },
                code="permission_missing",
            )
        if self.expiry_fallback_id is not None and self.expiry_fallback_id == self.pk:
            raise ValidationError(
                {"expiry_fallback": f"A {self.noun} cannot stand in for itself."},
                code="self_fallback",
            )

    def allowed_uses(self) -> list[str]:
        return [label for field, label in USES if getattr(self, field)]


class Image(Licensed):
    noun = "picture"

    file = OriginalImageField(
        upload_to="images/%Y/%m/",
        blank=True,
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
    status = models.CharField(
        max_length=10, choices=ImageStatus.choices, default=ImageStatus.READY, editable=False
    )
    # Why preparing failed, in words for the uploader (the file is damaged, …).
    problem = models.TextField(blank=True, editable=False)
    # The upload as it came, until the task worker stores it cleaned (`file`) and renders it.
    incoming = models.FileField(
        upload_to="incoming/", storage=incoming_storage, blank=True, editable=False
    )
    # What the file's IPTC/XMP said when it was uploaded (articles.images.metadata).
    metadata = models.JSONField(default=dict, blank=True, editable=False)
    # What its C2PA content credentials said when it was uploaded (articles.images.credentials).
    content_credentials = models.JSONField(default=dict, blank=True, editable=False)
    # The file exactly as uploaded, kept (privately, never served) when it carries content
    # credentials: they are signed over its bytes, which the public original, re-encoded
    # without metadata, no longer has.
    signed_original = models.FileField(
        upload_to="signed/", storage=incoming_storage, blank=True, editable=False
    )

    expiry_fallback = expiry_fallback_field("picture")
    location = models.CharField(max_length=200, blank=True)
    # The picture's 64-bit difference hash (articles.images.duplicates), made by the task
    # worker: uploads within a few bits of it are offered this picture instead.
    perceptual_hash = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)
    date_created = models.CharField(max_length=40, blank=True, help_text="As the file states it.")

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
        return self.alt_text or self.file.name or f"Picture {self.pk}"

    def save(self, *args, **kwargs):
        # FieldFile.save() can leave width/height unset; read them from the stored file.
        if self.file and not (self.width and self.height):
            self._meta.get_field("file").update_dimension_fields(self, force=True)
        super().save(*args, **kwargs)

    @property
    def is_ready(self) -> bool:
        return self.status == ImageStatus.READY

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


class MediaUse(models.Model):
    """A publish that showed a piece of media: the usage log ("used 3 times, last on 2 Dec
    in …"); a picture's (`ImageUse`) and a video's or sound's (`articles.models.clips.ClipUse`)
    are read by `articles.images.usage`."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    headline = models.CharField(max_length=300)  # as published, kept if the story goes
    used_at = models.DateTimeField()
    how = models.CharField(max_length=20, default="lead")  # "lead", "body", or "fallback"

    class Meta:
        abstract = True
        ordering = ["-used_at"]

    def __str__(self) -> str:
        return f"{self.headline} on {self.used_at:%Y-%m-%d}"


class ImageUse(MediaUse):
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="uses")

    class Meta(MediaUse.Meta):
        indexes = [models.Index(fields=["image", "-used_at"], name="image_use_latest")]
