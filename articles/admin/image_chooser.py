"""The lead image field of the story form: drop a picture in, or pick one already uploaded.

Two small staff-only JSON endpoints the field's script (static/js/admin-image-drop.js)
calls, registered under the Image admin's URLs:

- `drop_upload_view` takes a dropped or chosen file with its alt text, credit, caption and
  focal point, checks it exactly as every upload is checked (`articles.images.uploads`: bytes,
  header size, a full decode) and stores it through `images.image_create`. Errors come back
  as plain sentences per field, so the page shows them beside the drop zone and nothing
  else typed on the story form is touched.
- `library_view` lists the pictures this user may choose as a lead image
  (`permissions.choosable_lead_images`), with a thumbnail and the alt text.
"""

from django import forms
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from articles.images import renditions as images
from articles.images.uploads import ImageUploadField
from articles.models import Image
from articles.workflow import permissions

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


class ImageAdminForm(forms.ModelForm):
    """The Image page's form. A save that does not send the focal point (a script or an older
    page) keeps the one the picture has, instead of failing or moving it."""

    FOCAL_FIELDS = ("focal_x", "focal_y")

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        widgets = {
            name: forms.NumberInput(attrs={"step": "any", "min": "0", "max": "1"})
            for name in ("focal_x", "focal_y")
        }

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        missing = [n for n in self.FOCAL_FIELDS if n in self.fields and self.is_bound]
        missing = [n for n in missing if n not in self.data]
        if missing:
            self.data = self.data.copy()
            for name in missing:
                self.data[name] = getattr(self.instance, name)


def chooser_item(image: Image) -> dict:
    """What the field's script shows for one picture."""
    return {
        "id": image.pk,
        "alt": image.alt_text,
        "credit": image.credit,
        "thumbnail": images.thumbnail_url(image),
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
    image = images.image_create(
        user=request.user,
        file=data["file"],
        alt_text=data["alt_text"],
        credit=data["credit"],
        caption=data["caption"],
        focal_x=0.5 if data["focal_x"] is None else data["focal_x"],
        focal_y=0.5 if data["focal_y"] is None else data["focal_y"],
    )
    image = Image.objects.prefetch_related("renditions").get(pk=image.pk)
    return JsonResponse({"image": chooser_item(image)}, status=201)


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
    found = queryset.order_by("-uploaded_at").prefetch_related("renditions")[:LIBRARY_SIZE]
    return JsonResponse({"results": [chooser_item(image) for image in found]})
