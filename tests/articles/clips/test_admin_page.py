"""The clip's page in the admin as an editor reads it: the caption has room to be read whole,
and the rights fields it shares with pictures speak of the video or sound."""

import re

import pytest
from django.urls import reverse

from tests.articles.clips.test_in_stories import ready_clip

pytestmark = pytest.mark.django_db


def test_the_clip_page_shows_the_whole_caption_and_speaks_of_the_clip(client, editor):
    caption = "Water over the seawall on Front Street at noon, seen from the ferry terminal."
    clip = ready_clip(caption=caption)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_clip_change", args=[clip.pk])).content.decode()
    assert re.search(
        r'<textarea name="caption"[^>]*>\s*' + re.escape(caption) + "</textarea>", page
    )
    assert 'maxlength="500"' in re.search(r'<textarea name="caption"[^>]*>', page)[0]
    rights = page.split('id="fieldset-0-2-heading"', 1)[-1]  # the Rights section
    assert "the picture" not in rights and "reader's picture" not in rights
    assert "Where others can license the video or sound." in rights
