"""Plans for the planning tests: a reporter with an author profile, plans on one day."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from articles import planning
from authors.models import Author


@pytest.fixture
def day():
    return timezone.localdate() + timedelta(days=2)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def writer_author(reporter):
    return Author.objects.create(name="Rita Reyes", slug="rita-reyes", user=reporter)


@pytest.fixture
def make_plan(editor, section, day):
    def make(slug="pier-vote", **fields):
        fields.setdefault("budget_line", "The council votes on the Pier 9 rezoning tonight.")
        fields.setdefault("section", section)
        fields.setdefault("publish_at", at(day, 18))
        return planning.create_plan(editor, slug=slug, **fields)

    return make
