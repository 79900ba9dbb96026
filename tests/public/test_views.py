"""Public pages: story, home, section, author, tag; redirects, 404 and 410."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import PublicStatus, SlugRedirect

pytestmark = pytest.mark.django_db


def test_story_page_shows_headline_byline_times_and_tags(client, make_story):
    story = make_story(
        "Ferry pier reopens after storm repairs",
        authors=("mara", "teo"),
        tags=(("Transit", "transit"), ("Storms", "storms")),
    )
    response = client.get(story.url_path)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Ferry pier reopens after storm repairs" in html
    assert 'href="/authors/mara-okonkwo/"' in html and 'href="/authors/teo-lindgren/"' in html
    assert f'datetime="{timezone.localtime(story.published_at).isoformat()}"' in html
    assert 'href="/tags/transit/"' in html
    assert 'rel="canonical"' in html and story.url_path in html
    assert 'class="skip-link" href="#main"' in html and '<main id="main"' in html
