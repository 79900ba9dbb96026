"""What readers and search engines are told about a picture's rights.

`public_rights` is what a snapshot keeps of them at publish (in its `lead_image` data, by
`renditions.lead_image_data`); `image_object_rights` turns that into the `ImageObject`
properties of Google's image licence metadata (`license`, `acquireLicensePage`,
`creditText`, `copyrightNotice`, `creator`), which `articles.public.structured_data` adds to
the story's JSON-LD. Nothing confidential is in a licence's public part: the terms agreed
with an agency and the expiry stay on the editorial side.

`rights_problems` is what the publish gate says of a licence (a picture's, or a video's or
sound's) that has ended or does not allow a use.
"""

import re

from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Image, LicenceKind, Licensed

_CC_VERSION = re.compile(r"^(?:CC[- ])?(?P<kind>[A-Za-z-]+)\s+(?P<version>\d\.\d)$")


def creative_commons_url(version: str) -> str:
    """The deed's address for "BY-SA 4.0" (or "CC BY 4.0", "CC0 1.0"); "" if unreadable."""
    text = version.strip()
    if text.upper().startswith("CC0"):
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    match = _CC_VERSION.match(text)
    if not match:
        return ""
    return f"https://creativecommons.org/licenses/{match['kind'].lower()}/{match['version']}/"


def public_rights(image: Image) -> dict:
    """The rights a published story shows and states in its structured data."""
    licence_url = image.licence_url
    if not licence_url and image.licence_kind == LicenceKind.CREATIVE_COMMONS:
        licence_url = creative_commons_url(image.licence_version)
    return {
        "licence": image.get_licence_kind_display(),
        "licence_url": licence_url,
        "acquire_licence_url": image.acquire_licence_url,
        "copyright_notice": image.copyright_notice,
        "creator": image.creator,
    }


def image_object_rights(image_data: dict) -> dict:
    """The rights properties of an `ImageObject`, from a snapshot's lead image data."""
    rights = image_data.get("rights") or {}
    found = {
        "license": rights.get("licence_url"),
        "acquireLicensePage": rights.get("acquire_licence_url"),
        "creditText": image_data.get("credit"),
        "copyrightNotice": rights.get("copyright_notice"),
    }
    data = {key: value for key, value in found.items() if value}
    if rights.get("creator"):
        data["creator"] = {"@type": "Person", "name": rights["creator"]}
    return data


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j M Y")


def rights_problems(image: Licensed, *, use: str = "web", now, what="picture") -> list[str]:
    """Why `image`'s licence (a picture's, or a clip's: `what`) does not allow `use` ("web",
    "social", …) at `now`, in words."""
    problems = []
    name = f"“{image}”"
    if image.licence_expires_at is not None and image.licence_expires_at <= now:
        problems.append(
            f"The licence of the {what} {name} ended on {_when(image.licence_expires_at)}: "
            f"choose another {what}, or record the renewed licence on the {what}'s page."
        )
    if use not in image.allowed_uses():
        allowed = ", ".join(image.allowed_uses()) or "no use at all"
        problems.append(
            f"The licence of the {what} {name} does not allow {use} use (it allows: "
            f"{allowed}): choose another {what}, or correct its licence."
        )
    return problems
