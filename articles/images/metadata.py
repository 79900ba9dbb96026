"""What a picture's file says about itself: IPTC and XMP read on upload, with pyexiv2.

Agencies and photographers' tools (Photo Mechanic, Lightroom) write the caption, credit and
rights into the file as IPTC Core/Extension, both as XMP and as the older IPTC IIM records.
`read_metadata` reads them (XMP first, IIM where XMP is silent) into plain words keyed by
`SOURCES`; `prefill` turns them into the Image fields they suggest (caption, credit, creator,
rights, licence), which the uploader sees and corrects. EXIF is not read: GPS and camera
serials are private, and no rendition or stored original keeps them
(`articles.images.uploads.clean_original`).

pyexiv2 (the exiv2 C++ library in a wheel) reads in process from the bytes, without
decoding the picture: a few milliseconds, so it runs inside the upload request. The module
imports no models.
"""

import logging
import re

import pyexiv2

logger = logging.getLogger("newsroom")

# Each field: the XMP keys, then the IPTC IIM keys, tried in order (pyexiv2's key names).
SOURCES = {
    "headline": ["Xmp.photoshop.Headline", "Iptc.Application2.Headline"],
    "description": ["Xmp.dc.description", "Iptc.Application2.Caption"],
    "creator": ["Xmp.dc.creator", "Iptc.Application2.Byline"],
    "credit_line": ["Xmp.photoshop.Credit", "Iptc.Application2.Credit"],
    "source": ["Xmp.photoshop.Source", "Iptc.Application2.Source"],
    "copyright_notice": ["Xmp.dc.rights", "Iptc.Application2.Copyright"],
    "usage_terms": ["Xmp.xmpRights.UsageTerms"],
    "web_statement": ["Xmp.xmpRights.WebStatement"],
    "licensor_name": ["Xmp.plus.Licensor[1]/plus:LicensorName"],
    "licensor_url": ["Xmp.plus.Licensor[1]/plus:LicensorURL"],
    "digital_source_type": ["Xmp.iptcExt.DigitalSourceType"],
    "location": ["Xmp.iptc.Location", "Iptc.Application2.SubLocation"],
    "city": ["Xmp.photoshop.City", "Iptc.Application2.City"],
    "country": ["Xmp.photoshop.Country", "Iptc.Application2.CountryName"],
    "date_created": ["Xmp.photoshop.DateCreated", "Iptc.Application2.DateCreated"],
}
LABELS = {
    "headline": "Headline",
    "description": "Description (caption)",
    "creator": "Creator",
    "credit_line": "Credit line",
    "source": "Source",
    "copyright_notice": "Copyright notice",
    "usage_terms": "Usage terms",
    "web_statement": "Web statement of rights",
    "licensor_name": "Licensor",
    "licensor_url": "Licensor URL",
    "digital_source_type": "Digital source type",
    "location": "Location",
    "city": "City",
    "country": "Country",
    "date_created": "Date created",
}
# IPTC's Digital Source Type vocabulary (cv.iptc.org/newscodes/digitalsourcetype/), in words.
DIGITAL_SOURCE_TYPES = {
    "digitalCapture": "Digital capture (a camera)",
    "negativeFilm": "Scan of a film negative",
    "positiveFilm": "Scan of a slide",
    "print": "Scan of a print",
    "minorHumanEdits": "Human edits",
    "compositeCapture": "Composite of captures",
    "algorithmicallyEnhanced": "Algorithmically enhanced",
    "dataDrivenMedia": "Data-driven media",
    "digitalArt": "Digital art",
    "virtualRecording": "Virtual recording",
    "compositeSynthetic": "Composite including generative AI",
    "trainedAlgorithmicMedia": "Trained algorithmic media (made by generative AI)",
    "algorithmicMedia": "Algorithmic media (made by an algorithm, no training data)",
    "screenCapture": "Screen capture",
    "compositeWithTrainedAlgorithmicMedia": "Composite with generative AI elements",
}
AI_SOURCE_TYPES = {
    "trainedAlgorithmicMedia",
    "compositeSynthetic",
    "compositeWithTrainedAlgorithmicMedia",
    "algorithmicMedia",
}
_CC_URL = re.compile(
    r"creativecommons\.org/(?:licenses/(?P<kind>[a-z-]+)/(?P<version>\d\.\d)|publicdomain/zero)"
)
MAX_LENGTH = 1000  # a field longer than this is cut: nothing from a file fills the page


def _text(value) -> str:
    """One string from what pyexiv2 gives: a string, a list (Bag/Seq) or a language map."""
    if isinstance(value, dict):
        value = value.get('lang="x-default"') or next(iter(value.values()), "")
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value if item)
    text = str(value or "").replace("\x00", "").strip()
    if text.startswith("type="):  # a container's own entry, not a value
        return ""
    return text[:MAX_LENGTH]


def read_metadata(handle) -> dict[str, str]:
    """The IPTC/XMP words of the file `handle` reads, by `SOURCES` key (empty ones left out).

    A file whose metadata cannot be parsed gives {}: the upload goes on without it."""
    handle.seek(0)
    data = handle.read()
    handle.seek(0)
    try:
        with pyexiv2.ImageData(data) as image:
            found = {**image.read_iptc(), **image.read_xmp()}
    except (RuntimeError, ValueError, UnicodeDecodeError) as error:
        logger.warning("Could not read a picture's IPTC/XMP: %s", error)
        return {}
    read = {}
    for field, keys in SOURCES.items():
        for key in keys:
            text = _text(found.get(key))
            if text:
                read[field] = text
                break
    return read


def source_type_code(value: str) -> str:
    """The vocabulary's code ("trainedAlgorithmicMedia") from its URL or the code itself."""
    return value.rstrip("/").rsplit("/", 1)[-1]


def describe_source_type(value: str) -> str:
    code = source_type_code(value)
    return DIGITAL_SOURCE_TYPES.get(code, code)


def is_ai_made(value: str) -> bool:
    return source_type_code(value) in AI_SOURCE_TYPES


def _cc_licence(url: str) -> str:
    """ "BY-SA 4.0" (or "CC0 1.0") from a Creative Commons licence URL, else ""."""
    match = _CC_URL.search(url)
    if not match:
        return ""
    if match.group("kind") is None:
        return "CC0 1.0"
    return f"{match.group('kind').upper()} {match.group('version')}"


def prefill(read: dict[str, str]) -> dict[str, str]:
    """The Image fields `read` suggests (caption, credit, creator, rights, licence kind)."""
    fields: dict[str, str] = {}
    caption = read.get("description") or read.get("headline")
    if caption:
        fields["caption"] = caption[:500]
    creator = read.get("creator", "")
    credit = read.get("credit_line", "")
    if creator and credit and creator.lower() not in credit.lower():
        fields["credit"] = f"{creator}/{credit}"[:200]
    elif credit or creator:
        fields["credit"] = (credit or creator)[:200]
    simple = {
        "creator": ("creator", 200),
        "copyright_notice": ("copyright_notice", 300),
        "licence_terms": ("usage_terms", MAX_LENGTH),
        "location": ("location", 200),
        "date_created": ("date_created", 40),
    }
    for field, (key, length) in simple.items():
        if read.get(key):
            fields[field] = read[key][:length]
    if not fields.get("location") and (read.get("city") or read.get("country")):
        place = ", ".join(part for part in (read.get("city"), read.get("country")) if part)
        fields["location"] = place[:200]
    for field, key in (("licence_url", "web_statement"), ("acquire_licence_url", "licensor_url")):
        if read.get(key, "").startswith(("https://", "http://")):
            fields[field] = read[key][:200]
    if read.get("digital_source_type"):
        fields["digital_source_type"] = read["digital_source_type"][:200]
    cc = _cc_licence(read.get("web_statement", ""))
    licensor = read.get("licensor_name") or read.get("source") or ""
    if cc:
        fields["licence_kind"] = "cc"
        fields["licence_version"] = cc
    elif licensor:
        fields["licence_kind"] = "agency"
        fields["licensor"] = licensor[:200]
    return fields


def shown(read: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) pairs of what was read, for the picture's page and the story form."""
    rows = []
    for field, label in LABELS.items():
        if read.get(field):
            value = read[field]
            if field == "digital_source_type":
                value = describe_source_type(value)
            rows.append((label, value))
    return rows
