"""Fixtures for the image tests: pictures with what phones put in them (roles: tests/conftest.py)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageCms


def phone_jpeg(size=(1800, 1200), color=(200, 40, 40)) -> bytes:
    """Stored landscape and tagged 'rotate 90°', with GPS, XMP, an ICC profile and a comment."""
    exif = PILImage.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (59.0, 19.0, 30.0)
    gps[3], gps[4] = "E", (18.0, 4.0, 12.0)
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        b'22-rdf-syntax-ns#"><rdf:Description exif:GPSLatitude="59,19.5N"/></rdf:RDF></x:xmpmeta>'
    )
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(
        out, "JPEG", exif=exif, xmp=xmp, icc_profile=icc, comment=b"home of the source"
    )
    return out.getvalue()


def plain_jpeg(size=(1000, 600), color=(30, 90, 160)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header: enough for anything that does not decode it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_picture(field_file) -> PILImage.Image:
    with field_file.storage.open(field_file.name, "rb") as handle:
        picture = PILImage.open(handle)
        picture.load()
    return picture


AI_SOURCE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


def agency_jpeg(size=(1200, 800), *, xmp: dict | None = None, iptc: dict | None = None) -> bytes:
    """A JPEG as a photo agency sends it: IPTC IIM and XMP captions, credit and rights (written
    with pyexiv2), plus what a camera adds (GPS, its serial number)."""
    import pyexiv2

    out = io.BytesIO()
    PILImage.new("RGB", size, (40, 110, 70)).save(out, "JPEG")
    iptc_values = {
        "Iptc.Application2.Headline": "Harbor cranes",
        "Iptc.Application2.Caption": "IIM caption, older than the XMP one.",
        "Iptc.Application2.Byline": ["Ana Ruiz"],
        "Iptc.Application2.City": "Portmouth",
        "Iptc.Application2.CountryName": "Norway",
        **(iptc or {}),
    }
    xmp_values = {
        "Xmp.dc.description": {'lang="x-default"': "Three cranes unload the first ship at dawn."},
        "Xmp.dc.creator": ["Ana Ruiz"],
        "Xmp.photoshop.Credit": "Northwire Photos",
        "Xmp.photoshop.Source": "Northwire",
        "Xmp.dc.rights": {'lang="x-default"': "© 2026 Northwire Photos"},
        "Xmp.xmpRights.UsageTerms": {'lang="x-default"': "Editorial use only, no archive."},
        "Xmp.xmpRights.WebStatement": "https://northwire.example/licence",
        "Xmp.photoshop.DateCreated": "2026-12-01T06:40:00",
        "Xmp.iptcExt.DigitalSourceType": AI_SOURCE,
        **(xmp or {}),
    }
    with pyexiv2.ImageData(out.getvalue()) as data:
        data.modify_exif(
            {
                "Exif.GPSInfo.GPSLatitudeRef": "N",
                "Exif.GPSInfo.GPSLatitude": "59/1 19/1 30/1",
                "Exif.Photo.BodySerialNumber": "SN-4471-CAMERA",
            }
        )
        data.modify_iptc(iptc_values)
        data.modify_xmp(xmp_values)
        data.modify_xmp(
            {
                "Xmp.plus.Licensor": "type=Seq",
                "Xmp.plus.Licensor[1]/plus:LicensorName": "Northwire Photos",
                "Xmp.plus.Licensor[1]/plus:LicensorURL": "https://northwire.example/buy",
            }
        )
        return data.get_bytes()
