"""The story form's headline wraps on screen (a one-row textarea with a length guide) but is
stored as one line: a pasted line break becomes a space, and the limit is still enforced."""

import pytest

from tests.conftest import story_form_data

pytestmark = pytest.mark.django_db


def test_headline_is_a_wrapping_field_with_its_limit(client, reporter, make_article):
    article = make_article(created_by=reporter)
    client.force_login(reporter)
    _, _, page = story_form_data(client, article)
    html = page.content.decode()
    assert '<textarea name="headline"' in html
    assert 'maxlength="200"' in html.split('<textarea name="headline"')[1].split(">")[0]
    assert "js/admin-story-counts.js" in html


def test_a_line_break_pasted_into_the_headline_is_saved_as_a_space(client, reporter, make_article):
    article = make_article(created_by=reporter)
    client.force_login(reporter)
    url, data, _ = story_form_data(
        client,
        article,
        headline="Ferry fares rise\r\nfor the first time  in a decade",
        _continue="1",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Ferry fares rise for the first time in a decade"
