"""Stories published before versions were signed get their live text as version 1."""

import io

import pytest
from django.core.management import call_command

from articles.models import StoryVersion
from articles.versions import verify

pytestmark = pytest.mark.django_db


def test_the_backfill_signs_each_live_story_once_and_counts_them(client, live_story):
    StoryVersion.objects.all().delete()  # as before the migration
    out = io.StringIO()
    call_command("record_story_versions", stdout=out)
    assert "Recorded version 1 of 1 of 1 published stories." in out.getvalue()

    version = StoryVersion.objects.get(article=live_story)
    assert version.number == 1 and verify.signature_valid(version)
    text = client.get(live_story.snapshot.url_path + "versions/1/text.txt").content.decode()
    assert "matches version 1" in client.post("/verify/", {"text": text}).content.decode()

    again = io.StringIO()
    call_command("record_story_versions", stdout=again)
    assert "Recorded version 1 of 0 of 0 published stories." in again.getvalue()
    assert StoryVersion.objects.count() == 1
