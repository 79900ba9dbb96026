"""A picture's C2PA content credentials are read on upload (articles.images.credentials, with
c2pa-python): who signed it, what was done to it and whether AI made it, checked and shown on
the picture's page; the file as signed is kept privately, since the public original is
re-encoded without metadata. The signed files are made here with the same SDK and a test
certificate chain (made with `cryptography`), as a camera or a generator would sign them."""

import datetime
import io

import c2pa
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.urls import reverse
from PIL import Image as PILImage

from articles.images import credentials
from articles.models import Image

from .conftest import AI_SOURCE, plain_jpeg, upload

pytestmark = pytest.mark.django_db

AGENCY = "Northwire Photos"
CAMERA = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, AGENCY),
        ]
    )


def _usage(*, sign: bool) -> x509.KeyUsage:
    flags = dict.fromkeys(
        ("content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
         "encipher_only", "decipher_only"), False)  # fmt: skip
    return x509.KeyUsage(digital_signature=sign, key_cert_sign=not sign, crl_sign=not sign, **flags)


def _signer() -> c2pa.Signer:
    """A signer with a leaf certificate under its own root (not on any trust list)."""
    now = datetime.datetime.now(datetime.UTC)
    root_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def certificate(subject, public_key, serial, *, ca):
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(_name("Northwire Root"))
            .public_key(public_key)
            .serial_number(serial)
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(_usage(sign=not ca), critical=True)
        )
        if not ca:  # what C2PA asks of a signing certificate
            builder = (
                builder.add_extension(
                    x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
                )
                .add_extension(
                    x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                    critical=False,
                )
                .add_extension(
                    x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False
                )
            )
        return builder.sign(root_key, hashes.SHA256())

    root = certificate(_name("Northwire Root"), root_key.public_key(), 1, ca=True)
    leaf = certificate(_name("Northwire Desk"), key.public_key(), 2, ca=False)
    chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (leaf, root))
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    info = c2pa.C2paSignerInfo(alg=b"es256", sign_cert=chain, private_key=private, ta_url=None)
    return c2pa.Signer.from_info(info)


def signed_jpeg(*, source_type: str = AI_SOURCE) -> bytes:
    """A JPEG whose credentials say it was created (by `source_type`) with "Harbor Imager"."""
    picture = io.BytesIO()
    PILImage.new("RGB", (640, 400), (30, 90, 120)).save(picture, "JPEG")
    action = {
        "action": "c2pa.created",
        "softwareAgent": {"name": "Harbor Imager 2"},
        "digitalSourceType": source_type,
    }
    manifest = {
        "claim_generator_info": [{"name": "Harbor Imager", "version": "2.0"}],
        "title": "cranes.jpg",
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [action]}}],
    }
    signed = io.BytesIO()
    with c2pa.Builder(manifest) as builder:
        builder.sign(_signer(), "image/jpeg", io.BytesIO(picture.getvalue()), signed)
    return signed.getvalue()


def test_signed_credentials_are_read_checked_and_say_ai_made_it():
    found = credentials.read_credentials(io.BytesIO(signed_jpeg()), "JPEG")
    assert found["state"] == "untrusted"  # intact, but our test root is on no trust list
    assert found["signer"] == AGENCY and found["signed_with"] == "Harbor Imager"
    assert found["ai_made"] is True and found["digital_source_type"] == AI_SOURCE
    assert [a["action"] for a in found["actions"]] == ["Created"]
    assert found["actions"][0]["software"] == "Harbor Imager 2"


def test_a_file_changed_after_signing_is_reported_as_broken():
    data = bytearray(signed_jpeg(source_type=CAMERA))
    data[-200] ^= 0xFF  # a byte of the picture itself, after the manifest
    found = credentials.read_credentials(io.BytesIO(bytes(data)), "JPEG")
    assert found["state"] == "invalid" and found["problems"]
    assert found["ai_made"] is False
    words = dict(credentials.shown(found))
    assert "changed after it was signed" in words["Check"]


def test_a_file_without_credentials_reads_as_none():
    assert credentials.read_credentials(io.BytesIO(plain_jpeg()), "JPEG") == {}
    assert credentials.shown({}) == []


def test_an_upload_keeps_the_credentials_and_the_file_as_signed(client, reporter):
    client.force_login(reporter)
    data = signed_jpeg()
    response = client.post(
        reverse("admin:articles_image_drop_upload"),
        {"file": upload("cranes.jpg", data), "alt_text": "Cranes", "credit": "Northwire"},
    )
    assert response.status_code == 201
    image = Image.objects.get(pk=response.json()["image"]["id"])
    assert image.content_credentials["signer"] == AGENCY
    assert image.digital_source_type == AI_SOURCE  # the credentials said it; XMP did not
    with image.signed_original.open("rb") as kept:
        assert kept.read() == data  # the exact bytes the credentials are signed over
    with image.file.open("rb") as public:
        assert credentials.read_credentials(public, "JPEG") == {}  # the public copy is clean
    page = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    assert "Content credentials (C2PA)" in page and "Harbor Imager" in page
    assert "made or changed with AI" in page and "not on the trust list" in page


def test_an_upload_without_credentials_keeps_no_extra_file(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_image_drop_upload"),
        {"file": upload("plain.jpg", plain_jpeg()), "alt_text": "Plain", "credit": "Staff"},
    )
    image = Image.objects.get(pk=response.json()["image"]["id"])
    assert image.content_credentials == {} and not image.signed_original
    page = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    assert "None: the file carried no C2PA content credentials." in page
