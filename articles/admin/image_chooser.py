"""The lead image field of the story form: drop a picture in, or pick one already uploaded.

Two small staff-only JSON endpoints the field's script (static/js/admin-image-drop.js)
calls, registered under the Image admin's URLs:

- `drop_upload_view` takes a dropped or chosen file with its alt text, credit, caption and
  focal point, checks it exactly as every upload is checked (`articles.images.uploads`: bytes,
  header size, a full decode) and keeps it through `preparing.image_create` (the task worker prepares it). Errors come back
  as plain sentences per field, so the page shows them beside the drop zone and nothing
  else typed on the story form is touched.
- `library_view` lists the pictures this user may choose as a lead image
  (`permissions.choosable_lead_images`), with a thumbnail and the alt text.
- `read_metadata_view` reads a chosen file's IPTC/XMP before it is uploaded, so the field
  can fill the caption and credit the uploader left empty and show what else it says
  (rights, licensor, whether AI made it); the same words are applied to the picture's
  rights when it is uploaded (`preparing.accept_upload`). It also hashes the file and names
  the pictures we already have that look the same (`articles.images.duplicates`), with their
  rights and usage, so the field can offer one of them instead of a second copy.
- `progress_view` says how far the task worker has come preparing one of them (the field
  asks every few seconds until it is ready).

The same picture is also part of the story's Save: the drop zone's inputs are posted with
the story form (`NEW_PICTURE_FIELDS`), `clean_new_picture` refuses the save with the reason
(alt text or credit missing, no right to upload, a file that is no picture) and
`store_new_picture` uploads it inside the save's transaction and makes it the lead image, so
a chosen picture is never dropped silently. A form shown again unsaved keeps the words
(`posted_picture`) and asks for the file again: a browser cannot keep it.
"""

from datetime import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from articles.images import duplicates, metadata, preparing, renditions, usage
from articles.images.uploads import ImageUploadField, check_upload
from articles.models import USES, Image
from articles.workflow import permissions
from newsroom.ids import parse_id

ADD_IMAGE = "articles.add_image"
LIBRARY_SIZE = 24

NO_FILE = "Drop a picture on the box, or choose one with the button, before uploading."
NO_ALT_TEXT = (
    "Write the alt text: say what the picture shows, for readers who cannot see it. "
    "The picture is not added without it."
)
NO_CREDIT = (
    "Write the credit: the photographer and agency, e.g. “Ana Ruiz/Newsroom”. "
    "The picture is not added without it."
)
MAY_NOT_UPLOAD = "Your account may not upload pictures. Ask an editor to add the picture."


class ImageDropForm(forms.Form):
    """A picture for the lead image: the file, the words that must go with it, its focal point."""

    file = ImageUploadField(error_messages={"required": NO_FILE})
    alt_text = forms.CharField(max_length=300, error_messages={"required": NO_ALT_TEXT})
    credit = forms.CharField(max_length=200, error_messages={"required": NO_CREDIT})
    caption = forms.CharField(max_length=500, required=False)
    focal_x = forms.FloatField(min_value=0, max_value=1, required=False)
    focal_y = forms.FloatField(min_value=0, max_value=1, required=False)


# The Image page's rights fields, in the order the page shows them.
RIGHTS_FIELDS = [
    "creator",
    "copyright_notice",
    "licence_kind",
    "licensor",
    "licence_version",
    "licence_terms",
    "licence_url",
    "acquire_licence_url",
    *[field for field, _ in USES],
    "licence_expires_at",
    "expiry_fallback",
    "digital_source_type",
    "location",
    "date_created",
]


def _https_urls(field, **kwargs):
    # The admin assumes https for its URL inputs (newsroom.admin_mixins); so does this form's
    # own class, built before the admin sees it (no Django 6 deprecation warning).
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ImageAdminForm(forms.ModelForm):
    """The Image page's form. A save that does not send the focal point, or the rights (no
    licence field: a script or an older page), keeps what the picture has, instead of failing
    or clearing them (an absent checkbox would otherwise read as a use forbidden)."""

    FOCAL_FIELDS = ("focal_x", "focal_y")

    class Meta:
        model = Image
        formfield_callback = _https_urls
        fields = [
            "file",
            "alt_text",
            "caption",
            "credit",
            "focal_x",
            "focal_y",
            *RIGHTS_FIELDS,
        ]
        widgets = {
            name: forms.NumberInput(attrs={"step": "any", "min": "0", "max": "1"})
            for name in ("focal_x", "focal_y")
        }

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if "file" in self.fields:
            # A picture needs its file; only one still waiting for the worker has none yet.
            self.fields["file"].required = not self.instance.incoming
        if not self.is_bound:
            return
        missing = [n for n in self.FOCAL_FIELDS if n in self.fields and n not in self.data]
        if "licence_kind" not in self.data:
            missing += [n for n in RIGHTS_FIELDS if n in self.fields and n not in self.data]
        if missing:
            self.data = self.data.copy()
            for name in missing:
                value = getattr(self.instance, name)
                if name == "expiry_fallback":
                    value = self.instance.expiry_fallback_id
                if isinstance(value, bool):
                    value = "on" if value else ""
                if isinstance(value, datetime):  # the admin's widget reads a date and a time
                    local = timezone.localtime(value)
                    self.data[f"{name}_0"] = local.date().isoformat()
                    self.data[f"{name}_1"] = local.strftime("%H:%M:%S")
                self.data[name] = "" if value is None else value


def chooser_item(image: Image) -> dict:
    """What the field's script shows for one picture."""
    return {
        "id": image.pk,
        "progress": preparing.progress(image),
        "usage": usage.summary(image),
        "progress_url": reverse("admin:articles_image_progress", args=[image.pk]),
        "alt": image.alt_text,
        "credit": image.credit,
        "thumbnail": renditions.thumbnail_url(image),
        "focal_point": [image.focal_x, image.focal_y],
        "change_url": reverse("admin:articles_image_change", args=[image.pk]),
    }


def _errors(form_errors) -> dict[str, list[str]]:
    return {
        field: [str(message) for message in messages] for field, messages in form_errors.items()
    }


@require_POST
def drop_upload_view(request):
    """Store a dropped picture; 201 with the new image, or 400/403 with sentences to show."""
    if not request.user.has_perm(ADD_IMAGE):
        return JsonResponse({"errors": {"__all__": [MAY_NOT_UPLOAD]}}, status=403)
    form = ImageDropForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"errors": _errors(form.errors)}, status=400)
    data = form.cleaned_data
    try:
        image = _create(request.user, data)
    except PermissionDenied:
        return JsonResponse({"errors": {"__all__": [MAY_NOT_UPLOAD]}}, status=403)
    image = Image.objects.prefetch_related("renditions").get(pk=image.pk)
    return JsonResponse({"image": chooser_item(image)}, status=201)


def _create(user, data) -> Image:
    return preparing.image_create(
        user=user,
        file=data["file"],
        alt_text=data["alt_text"],
        credit=data["credit"],
        caption=data["caption"],
        focal_x=0.5 if data["focal_x"] is None else data["focal_x"],
        focal_y=0.5 if data["focal_y"] is None else data["focal_y"],
    )


@require_GET
def library_view(request):
    """Up to LIBRARY_SIZE pictures this user may choose, newest first, matching `q`."""
    if not request.user.has_perm("articles.view_image"):
        return JsonResponse({"results": []}, status=403)
    queryset = permissions.choosable_lead_images(request.user)
    term = request.GET.get("q", "").strip()
    if term:
        queryset = queryset.filter(
            Q(alt_text__icontains=term) | Q(caption__icontains=term) | Q(credit__icontains=term)
        )
    found = usage.with_usage(queryset.order_by("-uploaded_at")).prefetch_related("renditions")
    found = found[:LIBRARY_SIZE]
    return JsonResponse({"results": [chooser_item(image) for image in found]})


@require_POST
def read_metadata_view(request):
    """What a chosen file's IPTC/XMP says: rows to show and the words to prefill."""
    if not request.user.has_perm(ADD_IMAGE):
        return JsonResponse({"errors": {"__all__": [MAY_NOT_UPLOAD]}}, status=403)
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"errors": {"file": [NO_FILE]}}, status=400)
    try:
        check_upload(upload)
    except ValidationError as error:
        return JsonResponse({"errors": {"file": error.messages}}, status=400)
    read = metadata.read_metadata(upload)
    suggested = metadata.prefill(read)
    # Pictures we already have that look the same, among those this user may choose.
    found = duplicates.offers(
        duplicates.hash_upload(upload), permissions.choosable_lead_images(request.user)
    )
    return JsonResponse(
        {
            "read": [{"label": label, "value": value} for label, value in metadata.shown(read)],
            "prefill": {key: suggested[key] for key in ("caption", "credit") if key in suggested},
            "ai_made": metadata.is_ai_made(read.get("digital_source_type", "")),
            "duplicates": [
                {**item, "change_url": reverse("admin:articles_image_change", args=[item["id"]])}
                for item in found
            ],
        }
    )


@require_GET
def progress_view(request, object_id):
    """How far one picture this user may choose is prepared; 404 for any other."""
    image_id = parse_id(object_id)
    if image_id is None or not request.user.has_perm("articles.view_image"):
        return JsonResponse({"error": "No such picture."}, status=404)
    found = permissions.choosable_lead_images(request.user).filter(pk=image_id)
    image = found.prefetch_related("renditions").first()
    if image is None:
        return JsonResponse({"error": "No such picture."}, status=404)
    return JsonResponse({"image": chooser_item(image)})


# The story form's fields for a new picture, as the drop zone posts them.
NEW_PICTURE_FIELDS = {
    "new_lead_image": ImageUploadField(required=False),
    "new_lead_image_alt": forms.CharField(required=False, max_length=300),
    "new_lead_image_credit": forms.CharField(required=False, max_length=200),
    "new_lead_image_caption": forms.CharField(required=False, max_length=500),
    "new_lead_image_focal_x": forms.FloatField(required=False, min_value=0, max_value=1),
    "new_lead_image_focal_y": forms.FloatField(required=False, min_value=0, max_value=1),
}


def posted_picture(form) -> dict | None:
    """What a bound story form posted for a new picture (to show again when it comes back
    unsaved), or None when nothing was."""
    if not form.is_bound:
        return None
    words = {
        key: form.data.get(f"new_lead_image_{key}", "")[:500]
        for key in ("alt", "credit", "caption", "focal_x", "focal_y")
    }
    chosen = form.files.get("new_lead_image")
    file_name = getattr(chosen, "name", "")[:200] if chosen else ""
    if not (file_name or words["alt"].strip() or words["credit"].strip()):
        return None
    return {**words, "file_name": file_name}


def clean_new_picture(form) -> None:
    """Refuse the story's save, with the reason beside the lead image, when a picture was
    chosen that cannot be added as it stands."""
    for name in NEW_PICTURE_FIELDS:
        # These inputs are part of the lead image's widget: their errors are shown there.
        for message in form.errors.pop(name, []):
            form.add_error("lead_image", f"Not saved: {message}")
    data = form.cleaned_data
    if not data.get("new_lead_image"):
        return
    reasons = []
    if not form.user.has_perm(ADD_IMAGE):
        reasons.append(MAY_NOT_UPLOAD)
    if not (data.get("new_lead_image_alt") or "").strip():
        reasons.append(NO_ALT_TEXT)
    if not (data.get("new_lead_image_credit") or "").strip():
        reasons.append(NO_CREDIT)
    for reason in reasons:
        form.add_error("lead_image", f"Not saved: {reason}")


def store_new_picture(form) -> Image | None:
    """Upload the picture chosen on a valid story form and make it the story's lead image
    (inside the save's transaction: a refused save stores no image row)."""
    data = form.cleaned_data
    chosen = data.get("new_lead_image")
    if not chosen:
        return None
    image = preparing.image_create(
        user=form.user,
        file=chosen,
        alt_text=data["new_lead_image_alt"].strip(),
        credit=data["new_lead_image_credit"].strip(),
        caption=(data.get("new_lead_image_caption") or "").strip(),
        focal_x=0.5
        if data.get("new_lead_image_focal_x") is None
        else data["new_lead_image_focal_x"],
        focal_y=0.5
        if data.get("new_lead_image_focal_y") is None
        else data["new_lead_image_focal_y"],
    )
    form.instance.lead_image = image
    return image
