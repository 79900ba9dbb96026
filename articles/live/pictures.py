"""A live entry's picture: chosen from the image library, checked like a story's lead picture.

An entry may carry one picture. Before the entry goes out the picture must be prepared, its
licence must allow the web now (`articles.images.publishing`, the rules a story's lead
picture follows), and it must have alt text and a credit: readers who cannot see it are told
what it shows, and whoever made it is named. At the publish, readers' copy of the picture
(renditions, alt text, caption, credit) is copied into the entry (`public_image`), and the
public stream reads only that.
"""

from django.utils import timezone

from articles.images.publishing import preparation_problems, rights_problems
from articles.images.renditions import lead_image_data
from articles.live.errors import LiveError
from articles.models import Image, ImageStatus
from articles.workflow.errors import MediaNotPublishable
from newsroom.ids import parse_id

CHOICES_SHOWN = 40


def chosen_image(value) -> Image | None:
    """The library's picture the composer names by id (blank: none)."""
    if value in (None, ""):
        return None
    image = Image.objects.filter(pk=parse_id(value) or 0).first()
    if image is None:
        raise LiveError(
            "That picture is not in the image library (any more): choose another.",
            code="image_missing",
        )
    return image


def picture_problems(image: Image | None, *, now=None) -> list[str]:
    """Everything that keeps `image` out of an entry readers see now."""
    if image is None:
        return []
    problems = [*preparation_problems(image), *rights_problems(image, use="web", now=now)]
    missing = [
        words
        for words, value in (("alt text", image.alt_text), ("a credit", image.credit))
        if not value.strip()
    ]
    if missing:
        problems.append(
            f"The picture “{image}” needs {' and '.join(missing)} before readers see it: "
            "add it on the picture's page in the image library."
        )
    return problems


def check_picture(image: Image | None, *, now=None) -> None:
    problems = picture_problems(image, now=now or timezone.now())
    if problems:
        raise MediaNotPublishable(" ".join(problems))


def public_picture(image: Image | None) -> dict:
    """Readers' copy of the picture, in the shape `includes/picture.html` reads."""
    return lead_image_data(image) if image is not None else {}


def library_choices():
    """The newest ready pictures of the library, for the composer's picture list."""
    return Image.objects.filter(status=ImageStatus.READY).order_by("-id")[:CHOICES_SHOWN]
