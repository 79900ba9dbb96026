"""A plan's history (articles.planning.history: record_event, plan_history): every status change and
every change of its planned publish time is kept, with who and when, and listed on the
plan's page; a change refused or a save that moves nothing adds no line."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles import planning
from articles.models import PlanEvent, PlanEventKind, PlanStatus
from tests.articles.planning.conftest import at

pytestmark = pytest.mark.django_db


def sentences(plan) -> list[str]:
    return [sentence for _event, sentence in planning.plan_history(plan)]


def test_a_new_plan_starts_its_history(editor, reporter, make_plan, day):
    plan = make_plan(writer=reporter)
    (event,) = PlanEvent.objects.filter(plan=plan)
    assert event.kind == PlanEventKind.CREATED and event.by == editor
    assert event.to_status == PlanStatus.ASSIGNED and event.to_time == at(day, 18)
    assert sentences(plan) == [f"Planned as assigned, for {planning.workflow_time(at(day, 18))}."]


def test_status_changes_are_kept_with_who_moved_them(editor, reporter, make_plan):
    plan = make_plan(writer=reporter)
    planning.change_status(reporter, plan, to=PlanStatus.IN_PROGRESS)
    planning.change_status(reporter, plan, to=PlanStatus.IN_PROGRESS)  # no move: no line
    planning.change_status(editor, plan, to=PlanStatus.KILLED)
    with pytest.raises(planning.PlanningPermissionError):
        planning.change_status(reporter, plan, to=PlanStatus.FILED)  # out of killed: refused
    history = planning.plan_history(plan)
    assert [(e.by_name, text) for e, text in history[:2]] == [
        ("Edna Ives", "Moved from in progress to killed."),
        ("Rita Reyes", "Moved from assigned to in progress."),
    ]
    assert len(history) == 3  # and the plan's creation


def test_rescheduling_is_kept_from_the_calendar_and_the_form(editor, make_plan, day):
    plan = make_plan()
    planning.reschedule(editor, plan, day=day + timedelta(days=2))
    planning.reschedule(editor, plan, day=day + timedelta(days=2))  # the same day: no line
    planning.reschedule(editor, plan, day=None)
    plan.budget_line = "The council votes on the Pier 9 rezoning, finally."
    planning.save_plan(editor, plan)  # a new budget line moves nothing
    plan.publish_at = at(day, 9)
    planning.save_plan(editor, plan)  # the form's planned time: a reschedule
    moved = PlanEvent.objects.filter(plan=plan, kind=PlanEventKind.RESCHEDULED)
    assert [(e.from_time, e.to_time) for e in moved.order_by("at", "pk")] == [
        (at(day, 18), at(day + timedelta(days=2), 18)),
        (at(day + timedelta(days=2), 18), None),
        (None, at(day, 9)),
    ]
    newest = sentences(plan)[:3]
    assert newest == [
        f"Rescheduled from unscheduled to {planning.workflow_time(at(day, 9))}.",
        f"Unscheduled (was {planning.workflow_time(at(day + timedelta(days=2), 18))}).",
        f"Rescheduled from {planning.workflow_time(at(day, 18))} to "
        f"{planning.workflow_time(at(day + timedelta(days=2), 18))}.",
    ]


def test_a_refused_reschedule_leaves_no_line(reporter, make_plan, day):
    plan = make_plan(writer=reporter)
    with pytest.raises(planning.PlanningPermissionError):
        planning.reschedule(reporter, plan, day=day + timedelta(days=1))
    assert not PlanEvent.objects.filter(plan=plan, kind=PlanEventKind.RESCHEDULED).exists()


def test_starting_the_draft_is_kept(reporter, writer_author, make_plan):
    plan = make_plan(writer=reporter)
    planning.start_draft(reporter, plan)
    event = PlanEvent.objects.filter(plan=plan).first()
    assert event.kind == PlanEventKind.DRAFT_STARTED and event.by == reporter
    assert sentences(plan)[0] == "Draft started; moved from assigned to in progress."


def test_the_plans_page_lists_its_history(client, editor, reporter, make_plan, day):
    plan = make_plan(writer=reporter)
    planning.change_status(reporter, plan, to=PlanStatus.FILED)
    planning.reschedule(editor, plan, day=day + timedelta(days=1))
    address = reverse("admin:articles_plannedstory_change", args=[plan.pk])
    for person in (editor, reporter):  # the reporter sees her own plan read-only, history too
        client.force_login(person)
        page = client.get(address).content.decode()
        assert 'id="plan-history-title"' in page
        rescheduled = page.index("Rescheduled from")
        filed = page.index("Moved from assigned to filed.")
        planned = page.index("Planned as assigned")
        assert rescheduled < filed < planned  # newest first
        assert "Rita Reyes</span>: Moved from assigned to filed." in page


def test_the_history_costs_one_query_however_long(django_assert_num_queries, editor, make_plan):
    plan = make_plan()
    for n in range(12):
        planning.change_status(editor, plan, to=PlanStatus.IDEA if n % 2 else PlanStatus.FILED)
    with django_assert_num_queries(1):
        assert len(planning.plan_history(plan)) == 13
