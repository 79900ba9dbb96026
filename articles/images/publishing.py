"""What a story's picture must be before readers see it: prepared, and licensed for the web.

These are the stories app's own rules about its own pictures, so the workflow asks them
itself (`transitions._publish` calls `check_media`), next to the sign-offs, rather than
through the sourcing protocol: no override reason lets an expired licence through.
"""

from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Image, ImageStatus
from articles.workflow.errors import MediaNotPublishable


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j M Y")


def rights_problems(image: Image, *, use: str = "web", now) -> list[str]:
    """Why `image`'s licence does not allow `use` ("web", "social", …) at `now`, in words."""
    problems = []
    name = f"“{image}”"
    if image.licence_expires_at is not None and image.licence_expires_at <= now:
        problems.append(
            f"The licence of the picture {name} ended on {_when(image.licence_expires_at)}: "
            "choose another picture, or record the renewed licence on the picture's page."
        )
    if use not in image.allowed_uses():
        allowed = ", ".join(image.allowed_uses()) or "no use at all"
        problems.append(
            f"The licence of the picture {name} does not allow {use} use (it allows: "
            f"{allowed}): choose another picture, or correct its licence."
        )
    return problems


def preparation_problems(image: Image) -> list[str]:
    if image.status == ImageStatus.PREPARING:
        return [
            f"The picture “{image}” is still being prepared (its sizes for readers are being "
            "made): publish again in a moment."
        ]
    if image.status == ImageStatus.FAILED:
        return [f"The picture “{image}” could not be prepared. {image.problem}".strip()]
    return []


def media_problems(article, *, now=None) -> list[str]:
    """Everything that keeps `article`'s picture off the public site now."""
    image = article.lead_image
    if image is None:
        return []
    now = now or timezone.now()
    return [*preparation_problems(image), *rights_problems(image, use="web", now=now)]


def check_media(article, *, now=None) -> None:
    """Refuse the publish (`MediaNotPublishable`) with every reason, or return."""
    problems = media_problems(article, now=now)
    if problems:
        raise MediaNotPublishable(" ".join(problems))
