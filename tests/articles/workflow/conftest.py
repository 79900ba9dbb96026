"""Fixtures for the workflow tests: a clock and a story in every position (roles: tests/conftest.py)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import workflow
from articles.models import ReviewStep, Section, StoryPart
from articles.workflow.revisions import record_revision


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


# --- review chains: an Investigations section needing Legal, Standards, Managing editor ------


@pytest.fixture
def investigations(db):
    return Section.objects.create(name="Investigations", slug="investigations")


@pytest.fixture
def lawyer(make_user):
    """In the "Legal" group only: no role, no permission."""
    user = make_user("lena", first_name="Lena", last_name="Marsh")
    user.groups.add(Group.objects.get_or_create(name="Legal")[0])
    return user


@pytest.fixture
def standards_editor(make_user):
    return make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")


@pytest.fixture
def chain(investigations, lawyer, standards_editor, editor):
    """Investigations: Legal (a group, and outside counsel by link; the text only), Standards
    (a person; the text and the display), Managing editor (a person)."""
    legal = ReviewStep.objects.create(
        section=investigations,
        position=1,
        name="Legal",
        group=Group.objects.get(name="Legal"),
        touches=[StoryPart.TEXT.value],
        outside_signers=["ada@counsel.example"],  # the newsroom's counsel, set up by an admin
    )
    standards = ReviewStep.objects.create(
        section=investigations,
        position=2,
        name="Standards",
        user=standards_editor,
        touches=[StoryPart.TEXT.value, StoryPart.DISPLAY.value],
    )
    managing = ReviewStep.objects.create(
        section=investigations, position=3, name="Managing editor", user=editor
    )
    return legal, standards, managing
