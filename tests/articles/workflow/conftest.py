"""Fixtures for the workflow tests: a clock and a story in every position (roles: tests/conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.revisions import record_revision


@pytest.fixture
def clock():
    """A fixed 'now' that tests move by hand: no sleeping."""
    return timezone.now().replace(microsecond=0) - timedelta(days=1)


@pytest.fixture
def story(make_article, reporter):
    """A draft written by `reporter`, with a first revision."""
    article = make_article(created_by=reporter)
    record_revision(article, user=reporter, comment="Created")
    return article


@pytest.fixture
def story_in(story, reporter, editor, clock):
    """Move `story` to a workflow position through the workflow itself."""

    def move(position: str):
        now = clock
        if position == "draft":
            return story
        workflow.submit_for_review(reporter, story, now=now)
        if position == "in_review":
            return story
        if position == "spiked":
            workflow.spike(editor, story, note="Not running it.", now=now)
            return story
        workflow.publish(editor, story, now=now)
        if position == "published":
            return story
        if position == "unpublished":
            workflow.unpublish(editor, story, note="Legal asked.", now=now)
            return story
        story.dek = "An editor's fresh dek."
        workflow.save_article(editor, story, expected_version=story.version, now=now)
        if position == "live_draft":
            return story
        workflow.submit_for_review(reporter, story, now=now)
        assert position == "live_in_review"
        return story

    return move


def correction_post(correction, **changes) -> dict:
    """A correction's fields as the admin's form posts them, with `changes` applied."""
    local = timezone.localtime(correction.created_at)
    data = {
        "kind": correction.kind,
        "text": correction.text,
        "created_at_0": f"{local:%Y-%m-%d}",
        "created_at_1": f"{local:%H:%M:%S}",
    }
    data.update(changes)
    return data
