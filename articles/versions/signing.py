"""The newsroom's Ed25519 key: signing a version's statement, and checking a signature.

The private key is read from the PEM file `settings.NEWSROOM_SIGNING_KEY_FILE` (PKCS#8,
unencrypted, readable only by the app's user) when the first version is signed, and is kept
in this module's cache only: it is never stored, logged, shown in an error or sent anywhere.
Errors name the file, never its contents. Development and tests may let the file be created
on first use (`NEWSROOM_SIGNING_KEY_CREATE`); production refuses to start without one.

The key's id is `settings.NEWSROOM_SIGNING_KEY_ID`, or "ed25519-" and the first 8 hex digits
of the SHA-256 of its public key. Each public key that signs is recorded as a `SigningKey`
the first time it does; a new key retires the others (they stay published, and their
signatures stay valid). Rotation is therefore: point the setting at a new file (and a new id).
"""

import base64
import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from articles.models import SigningKey


class SigningKeyError(ImproperlyConfigured):
    """The signing key is missing, unreadable or not an Ed25519 key (says which file)."""


@dataclass(frozen=True)
class Signer:
    key_id: str
    public_key: str  # raw, base64
    _private: Ed25519PrivateKey

    def __repr__(self) -> str:  # never print the private key, even by accident in a traceback
        return f"Signer(key_id={self.key_id!r})"

    def sign(self, message: str) -> str:
        return base64.b64encode(self._private.sign(message.encode("utf-8"))).decode("ascii")


def raw_public(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def public_pem(public_key_b64: str) -> str:
    """The SubjectPublicKeyInfo PEM of a raw base64 public key (what openssl reads)."""
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def default_key_id(public_key_b64: str) -> str:
    return "ed25519-" + hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:8]


def create_key_file(path: Path) -> None:
    """Write a new private key to `path`, readable by its owner only (refuses to overwrite)."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)


def _load(path_setting: str, key_id_setting: str, create: bool) -> Signer:
    if not path_setting:
        raise SigningKeyError(
            "NEWSROOM_SIGNING_KEY_FILE is not set: published versions are signed with the "
            "newsroom's Ed25519 key. Create one (docs/signed-versions.md: openssl genpkey "
            "-algorithm ed25519 -out signing_key.pem) and set the variable to its path."
        )
    path = Path(path_setting)
    if not path.exists() and create:
        create_key_file(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningKeyError(
            f"The signing key file {path} cannot be read ({error.strerror}): "
            "check NEWSROOM_SIGNING_KEY_FILE and the file's owner."
        ) from None
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        private = None
    if not isinstance(private, Ed25519PrivateKey):
        # No `from`: the parser's error could quote the file.
        raise SigningKeyError(
            f"The signing key file {path} is not an unencrypted Ed25519 private key in PEM "
            "(create one with: openssl genpkey -algorithm ed25519 -out <file>)."
        ) from None
    public = raw_public(private.public_key())
    return Signer(
        key_id=key_id_setting or default_key_id(public), public_key=public, _private=private
    )


@functools.lru_cache(maxsize=4)
def _cached(path_setting: str, key_id_setting: str, create: bool) -> Signer:
    return _load(path_setting, key_id_setting, create)


def current_signer() -> Signer:
    """The newsroom's key as configured now (read once per file and id)."""
    return _cached(
        str(getattr(settings, "NEWSROOM_SIGNING_KEY_FILE", "") or ""),
        str(getattr(settings, "NEWSROOM_SIGNING_KEY_ID", "") or ""),
        bool(getattr(settings, "NEWSROOM_SIGNING_KEY_CREATE", False)),
    )


def signing_key_record(signer: Signer, *, now) -> SigningKey:
    """The `SigningKey` row of `signer`, recorded (and the others retired) on its first use.

    Refuses a key id already used by another public key: readers would find two keys under
    one name, and old signatures would no longer check against the published one."""
    found = SigningKey.objects.filter(key_id=signer.key_id).first()
    if found is not None:
        if found.public_key != signer.public_key:
            raise SigningKeyError(
                f"The key id {signer.key_id!r} already names another public key: give the new "
                "key a new id (NEWSROOM_SIGNING_KEY_ID), so versions signed with the old one "
                "stay verifiable."
            )
        if found.retired_at is None:
            return found
        # An old key brought back: it becomes the current one again.
        found.retired_at = None
        found.save(update_fields=["retired_at"])
    else:
        same_key = SigningKey.objects.filter(public_key=signer.public_key).first()
        if same_key is not None:
            raise SigningKeyError(
                f"This key is already published as {same_key.key_id!r}: set "
                f"NEWSROOM_SIGNING_KEY_ID={same_key.key_id} (or create a new key to rotate)."
            )
        found = SigningKey.objects.create(
            key_id=signer.key_id, public_key=signer.public_key, first_used_at=now
        )
    SigningKey.objects.exclude(pk=found.pk).filter(retired_at__isnull=True).update(retired_at=now)
    return found


def signature_is_valid(*, public_key: str, message: str, signature: str) -> bool:
    """Whether `signature` (base64) is `public_key`'s signature of `message`."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), message.encode("utf-8"))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
