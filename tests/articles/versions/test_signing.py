"""Signatures: verify accepts what was published and nothing else; keys rotate; the private
key never leaves the server."""

import base64
import hashlib
import json
import logging
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command

from articles.models import SigningKey, StoryVersion
from articles.versions import signing, verify

from .conftest import BODY

pytestmark = pytest.mark.django_db


def _text_of(client, snapshot, number: int) -> str:
    return client.get(f"{snapshot.url_path}versions/{number}/text.txt").content.decode()


def test_verify_accepts_the_published_text_and_rejects_a_changed_one(client, live_story):
    snapshot = live_story.snapshot
    text = _text_of(client, snapshot, 1)
    # As a reader would paste it: curled quotes, blank lines between paragraphs, CRLF.
    pasted = "\r\n\r\n".join(text.splitlines()).replace("'", "’")
    answer = client.post("/verify/", {"text": pasted}).content.decode()
    assert "This text matches version 1 of “Ferry fares rise for the first time in a decade”" in (
        answer
    )
    assert "signed by key test-key" in answer

    changed = pasted.replace("$3.50", "$3.05")
    answer = client.post("/verify/", {"text": changed}).content.decode()
    assert "matches no published version" in answer
    assert "matches version" not in answer
    assert "$3.05" in answer  # what the reader typed is kept in the form


def test_a_story_page_saved_by_a_reader_verifies_as_its_latest_version(
    client, live_story, republish, clock, tmp_path
):
    snapshot = republish(
        live_story,
        at=clock + timedelta(hours=1),
        body=BODY + "<p>The board's vote was unanimous, and the new fares start in March.</p>",
    )
    saved = tmp_path / "page.html"
    saved.write_bytes(client.get(snapshot.url_path).content)
    out = []
    call_command("verify_story_text", str(saved), stdout=_Lines(out))
    assert len(out) == 1
    assert out[0].startswith(
        "This text matches version 2 of “Ferry fares rise for the first time in a decade” published "
    )
    assert "signed by key test-key" in out[0]


class _Lines:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text, *args, **kwargs):
        self.lines.extend(line for line in text.splitlines() if line)

    def flush(self):
        pass


def test_the_command_rejects_a_changed_text(client, live_story, tmp_path):
    changed = tmp_path / "story.txt"
    changed.write_text(_text_of(client, live_story.snapshot, 1).replace("ten years", "nine years"))
    with pytest.raises(CommandError, match="matches no published version"):
        call_command("verify_story_text", str(changed))


def test_a_forged_signature_is_rejected(client, live_story, tmp_path):
    version = StoryVersion.objects.get(article=live_story, number=1)
    forger = Ed25519PrivateKey.generate()  # anyone's key but the newsroom's
    version.signature = base64.b64encode(forger.sign(version.statement.encode())).decode()
    version.save()
    text = _text_of(client, live_story.snapshot, 1)

    assert not verify.signature_valid(version)
    answer = client.post("/verify/", {"text": text}).content.decode()
    assert "its signature does NOT check" in answer
    assert (
        "does not verify" in client.get(live_story.snapshot.url_path + "versions/").content.decode()
    )

    saved = tmp_path / "story.txt"
    saved.write_text(text)
    with pytest.raises(CommandError, match="signature does not verify"):
        call_command("verify_story_text", str(saved), stdout=_Lines([]))


def test_a_record_whose_text_was_changed_in_the_database_does_not_verify(live_story):
    version = StoryVersion.objects.get(article=live_story, number=1)
    version.text = version.text.replace("$3.50", "$3.05")
    version.sha256 = hashlib.sha256(version.text.encode()).hexdigest()
    version.save()
    # The hash no longer matches the signed statement: no private key, no valid record.
    assert not verify.signature_valid(version)


def test_rotation_keeps_old_versions_valid_and_both_keys_published(
    client, live_story, republish, clock, settings, tmp_path
):
    settings.NEWSROOM_SIGNING_KEY_FILE = str(tmp_path / "k2.pem")
    settings.NEWSROOM_SIGNING_KEY_ID = "k2"
    republish(live_story, at=clock + timedelta(hours=1), headline="Ferry fares rise by 50 cents")

    old, new = StoryVersion.objects.filter(article=live_story).order_by("number")
    assert (old.key.key_id, new.key.key_id) == ("test-key", "k2")
    assert verify.signature_valid(old) and verify.signature_valid(new)

    keys = json.loads(client.get("/.well-known/newsroom-signing-keys.json").content)["keys"]
    assert [(key["id"], key["status"]) for key in keys] == [
        ("test-key", "retired"),
        ("k2", "current"),
    ]
    assert keys[1]["public_key_pem"].startswith("-----BEGIN PUBLIC KEY-----")


def test_a_key_id_already_naming_another_key_is_refused(live_story, settings, tmp_path):
    settings.NEWSROOM_SIGNING_KEY_FILE = str(tmp_path / "other.pem")  # same id, new key
    with pytest.raises(signing.SigningKeyError, match="already names another public key"):
        signing.signing_key_record(signing.current_signer(), now=live_story.created_at)
    assert SigningKey.objects.count() == 1


def _private_forms() -> list[str]:
    private = signing.current_signer()._private
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    body = "".join(pem.splitlines()[1:-1])
    return [base64.b64encode(raw).decode(), raw.hex(), body, "PRIVATE KEY"]


def test_the_private_key_is_in_no_response_and_no_log(client, live_story, republish, clock, caplog):
    caplog.set_level(logging.DEBUG)
    snapshot = republish(live_story, at=clock + timedelta(hours=1), correction={
        "kind": "correction", "text": "The board met on Monday."})  # fmt: skip
    responses = [
        client.get(snapshot.url_path),
        client.get(snapshot.url_path + "versions/"),
        client.get(snapshot.url_path + "versions/2/text.txt"),
        client.get(snapshot.url_path + "versions/2/statement.txt"),
        client.get(snapshot.url_path + "versions/99/text.txt"),
        client.get("/.well-known/newsroom-signing-keys.json"),
        client.post("/verify/", {"text": _text_of(client, snapshot, 2)}),
        client.post("/verify/", {"text": "x" * (verify.MAX_TEXT_CHARS + 1)}),
    ]
    seen = "".join(r.content.decode() for r in responses) + caplog.text
    seen += repr(signing.current_signer())
    for secret in _private_forms():
        assert secret not in seen


def test_a_bad_key_file_is_named_but_never_quoted(settings, tmp_path):
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN PRIVATE KEY-----\nTOPSECRETTOPSECRET\n-----END PRIVATE KEY-----\n")
    settings.NEWSROOM_SIGNING_KEY_FILE = str(bad)
    with pytest.raises(signing.SigningKeyError) as refused:
        signing.current_signer()
    assert str(bad) in str(refused.value)
    assert "TOPSECRET" not in str(refused.value)
    assert (
        refused.value.__cause__ is None
        and refused.value.__context__ is None
        or ("TOPSECRET" not in str(refused.value.__context__))
    )
