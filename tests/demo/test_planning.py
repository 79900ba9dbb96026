"""The demo's planned day on the story budget (demo/planning.yaml)."""

import pytest
from django.utils import timezone

from articles.models import ArticleState, PlannedStory, PlanStatus
from demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_planned_day_with_one_draft_started():
    load_demo()
    plans = PlannedStory.objects.all()
    today = [
        p
        for p in plans
        if p.publish_at and timezone.localdate(p.publish_at) == timezone.localdate()
    ]
    assert len(today) >= 4
    assert len({p.section_id for p in plans}) >= 5
    assert {p.status for p in plans} == set(PlanStatus.values)
    assert plans.filter(publish_at__isnull=True).exists()  # something for "unscheduled"
    started = plans.get(article__isnull=False)
    assert started.article.state == ArticleState.DRAFT
    assert [a.name for a in started.article.authors.all()] == ["Jonah Perrault"]
    assert started.article.section == started.section


def test_the_planned_day_loads_once(capsys):
    load_demo()
    before = list(PlannedStory.objects.order_by("pk").values())
    load_demo()
    assert list(PlannedStory.objects.order_by("pk").values()) == before
