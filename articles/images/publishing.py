"""What a story's pictures must be before readers see them: prepared, and licensed for the web.

The lead picture, and each picture of the story's galleries (with its alt text written);
each outside player in the body from an allowed provider, with its caption and credit; each
video or sound the body places (`articles.clips.in_stories`).

These are the stories app's own rules about its own pictures, so the workflow asks them
itself (`transitions._publish` calls `check_media`), next to the sign-offs, rather than
through the sourcing protocol: no override reason lets an expired licence through.
"""

from django.utils import timezone

from articles.clips.in_stories import clips_problems
from articles.embeds import providers as embeds
from articles.images import galleries
from articles.images.rights import rights_problems
from articles.models import Image, ImageStatus
from articles.workflow.errors import MediaNotPublishable


def preparation_problems(image: Image) -> list[str]:
    if image.status == ImageStatus.PREPARING:
        return [
            f"The picture “{image}” is still being prepared (its sizes for readers are being "
            "made): publish again in a moment."
        ]
    if image.status == ImageStatus.FAILED:
        return [f"The picture “{image}” could not be prepared. {image.problem}".strip()]
    return []


def gallery_problems(article, *, now) -> list[str]:
    """Why the story's galleries keep it off the public site now, in words."""
    found, missing = galleries.story_galleries(article)
    problems = [
        f"The body places gallery {gallery_id}, which no longer exists: take it out of the body."
        for gallery_id in missing
    ]
    for gallery in found:
        items = list(gallery.items.all())
        if not items:
            problems.append(f"The gallery “{gallery}” has no pictures: add some, or take it out.")
        for number, item in enumerate(items, start=1):
            image = item.image
            if not image.alt_text.strip():
                problems.append(
                    f"Picture {number} of the gallery “{gallery}” has no alt text: write what "
                    "it shows on the picture's page."
                )
            problems += preparation_problems(image)
            problems += rights_problems(image, use="web", now=now)
    return problems


def media_problems(article, *, now=None) -> list[str]:
    """Everything that keeps `article`'s picture, galleries and embeds off the public site now."""
    now = now or timezone.now()
    image = article.lead_image
    problems = []
    if image is not None:
        problems += [*preparation_problems(image), *rights_problems(image, use="web", now=now)]
    return [
        *problems,
        *gallery_problems(article, now=now),
        *clips_problems(article, now=now),
        *embeds.figure_problems(article.body),
    ]


def check_media(article, *, now=None) -> None:
    """Refuse the publish (`MediaNotPublishable`) with every reason, or return."""
    problems = media_problems(article, now=now)
    if problems:
        raise MediaNotPublishable(" ".join(problems))
