"""The public addresses of versions: who sees what, and hostile input."""

import base64
import hashlib
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.utils import timezone

from articles import workflow

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "number", ["0", "99", "99999999999999999999", "%D9%A1%D9%A2", "-1", "1e3", "%00", "abc"]
)
def test_hostile_version_numbers_are_not_found(client, live_story, number):
    base = live_story.snapshot.url_path + "versions/"
    for address in (f"{base}{number}/text.txt", f"{base}{number}/statement.txt"):
        assert client.get(address).status_code == 404


def test_a_withdrawn_story_has_gone_versions_and_its_text_matches_nothing(
    client, live_story, editor, clock, django_capture_on_commit_callbacks
):
    snapshot = live_story.snapshot
    text = client.get(snapshot.url_path + "versions/1/text.txt").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the page cache goes, as in life
        workflow.unpublish(editor, live_story, note="Legal asked.", now=clock + timedelta(hours=1))
    assert client.get(snapshot.url_path + "versions/").status_code == 410
    assert client.get(snapshot.url_path + "versions/1/text.txt").status_code == 410
    answer = client.post("/verify/", {"text": text}).content.decode()
    assert "matches no published version" in answer


def test_a_moved_story_sends_its_versions_along(client, live_story, republish, clock):
    old = live_story.snapshot.url_path
    snapshot = republish(live_story, at=clock + timedelta(hours=1), slug="ferry-fares-rise")
    response = client.get(old + "versions/")
    assert response.status_code == 301
    assert response["Location"] == snapshot.url_path + "versions/"


def test_a_scheduled_story_has_no_versions_page_yet(client, make_article, editor):
    article = make_article("Bridge closes for repairs")
    workflow.submit_for_review(editor, article)
    snapshot = workflow.publish(editor, article, at=timezone.now() + timedelta(hours=3))
    assert client.get(snapshot.url_path + "versions/").status_code == 404
    assert client.get(snapshot.url_path + "versions/1/text.txt").status_code == 404


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Paste the text of the story"),
        ("x" * 200_001, "Paste one story at a time"),
    ],
)
def test_the_verify_page_says_what_is_wrong_with_a_text(client, db, text, message):
    response = client.post("/verify/", {"text": text})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_nul_or_a_script_in_the_text_is_checked_as_text(client, db):
    response = client.post("/verify/", {"text": "Headline\x00<script>alert(1)</script>"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "matches no published version" in page
    assert "<script>alert(1)" not in page


def test_the_statement_names_the_story_version_and_hash(client, live_story):
    snapshot = live_story.snapshot
    statement = client.get(snapshot.url_path + "versions/1/statement.txt")
    assert statement["Content-Type"] == "text/plain; charset=utf-8"
    lines = statement.content.decode().splitlines()
    version = live_story.versions.get()
    assert lines[0] == "newsroom-signed-version/1"
    assert "version: 1" in lines
    assert f"sha256: {version.sha256}" in lines
    assert lines[3].endswith(snapshot.url_path)


def test_a_reader_checks_a_version_from_the_json_without_our_code(client, live_story):
    def get(url: str) -> bytes:
        return client.get(url.removeprefix(settings.SITE_URL)).content

    listing = json.loads(get(live_story.snapshot.url_path + "versions.json"))
    keys = {key["id"]: key for key in json.loads(get(listing["keys_url"]))["keys"]}
    (version,) = listing["versions"]
    text, statement = get(version["text_url"]), get(version["statement_url"])
    assert hashlib.sha256(text).hexdigest() == version["sha256"]
    assert f"sha256: {version['sha256']}\n".encode() in statement
    key = Ed25519PublicKey.from_public_bytes(
        base64.b64decode(keys[version["key_id"]]["public_key_base64"])
    )
    key.verify(base64.b64decode(version["signature"]), statement)  # raises if forged
