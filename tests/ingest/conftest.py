"""Fixtures for ingest and proposal tests: a reporter, an editor, a story with sources."""

import pytest

from articles.permissions import ensure_role_groups

STORY_BODY = (
    "<p>Rep. Jane Doe (D-Wash.) told NTD that the plan “was necessary.”</p>"
    "<p>The Associated Press reported on Nov. 17 that talks had stalled.</p>"
    "<p>The White House declined to comment.</p>"
)


@pytest.fixture
def roles(db):
    ensure_role_groups()


@pytest.fixture
def reporter(make_user, roles):
    return make_user("reporter", groups=["Reporters"])


@pytest.fixture
def editor(make_user, roles):
    return make_user("editor", groups=["Editors"])


@pytest.fixture
def story(make_article, reporter):
    return make_article(headline="Plan approved", body=STORY_BODY, created_by=reporter)
