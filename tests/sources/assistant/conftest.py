"""Fixtures for ingest and proposal tests: a reporter, an editor, a story with sources."""

import pytest

STORY_BODY = (
    "<p>Rep. Jane Doe (D-Wash.) told NTD that the plan “was necessary.”</p>"
    "<p>The Associated Press reported on Nov. 17 that talks had stalled.</p>"
    "<p>The White House declined to comment.</p>"
)


@pytest.fixture
def story(make_article, reporter):
    return make_article(headline="Plan approved", body=STORY_BODY, created_by=reporter)
