"""The planning rules (articles/planning/: permissions, changes, selectors): who may plan, move
and start a draft, and what starting a draft makes."""

import pytest
from django.utils import timezone

from articles import planning, workflow
from articles.models import ArticleAuthor, ArticleState, EditorialNote, PlanStatus
from tests.articles.planning.conftest import at

pytestmark = pytest.mark.django_db


def test_an_editor_plans_and_a_plan_with_a_writer_starts_assigned(editor, reporter, make_plan):
    idea = make_plan("harbor-idea", writer=None)
    assigned = make_plan("pier-vote", writer=reporter)
    assert idea.status == PlanStatus.IDEA
    assert assigned.status == PlanStatus.ASSIGNED
    assert assigned.created_by == editor


def test_a_reporter_may_not_create_a_plan(reporter, section):
    with pytest.raises(planning.PlanningPermissionError):
        planning.create_plan(reporter, slug="mine", budget_line="My idea.", section=section)


def test_a_reporter_sees_only_the_plans_assigned_to_them(
    reporter, other_reporter, editor, make_plan
):
    mine = make_plan("mine", writer=reporter)
    as_photographer = make_plan("photo", photographer=reporter)
    make_plan("theirs", writer=other_reporter)
    assert set(planning.visible_plans(reporter)) == {mine, as_photographer}
    assert planning.visible_plans(editor).count() == 3


def test_staff_without_story_permissions_see_no_plans(unprivileged, make_plan):
    make_plan()
    assert not planning.visible_plans(unprivileged).exists()
    assert not planning.can_use_planning(unprivileged)


def test_a_reporter_moves_their_own_plan_between_assigned_in_progress_and_filed(
    reporter, make_plan
):
    plan = make_plan(writer=reporter)
    planning.change_status(reporter, plan, to=PlanStatus.IN_PROGRESS)
    planning.change_status(reporter, plan, to=PlanStatus.FILED)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FILED


def test_a_reporter_may_not_kill_a_plan_nor_move_someone_elses(reporter, other_reporter, make_plan):
    mine = make_plan("mine", writer=reporter)
    theirs = make_plan("theirs", writer=other_reporter)
    with pytest.raises(planning.PlanningPermissionError, match="assigned, in progress and filed"):
        planning.change_status(reporter, mine, to=PlanStatus.KILLED)
    with pytest.raises(planning.PlanningPermissionError):
        planning.change_status(reporter, theirs, to=PlanStatus.FILED)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (PlanStatus.ASSIGNED, PlanStatus.ASSIGNED)


def test_an_editor_kills_and_revives_a_plan(editor, make_plan):
    plan = make_plan()
    planning.change_status(editor, plan, to=PlanStatus.KILLED)
    planning.change_status(editor, plan, to=PlanStatus.IDEA)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IDEA


def test_an_unknown_status_is_refused_with_a_sentence(editor, make_plan):
    with pytest.raises(planning.PlanningError, match="not a plan status"):
        planning.change_status(editor, make_plan(), to="x" * 500)


def test_rescheduling_keeps_the_time_of_day_and_moves_copy_due_with_it(editor, make_plan, day):
    plan = make_plan(publish_at=at(day, 18, 30), copy_due_at=at(day, 16))
    later = day + timezone.timedelta(days=3)
    planning.reschedule(editor, plan, day=later)
    plan.refresh_from_db()
    assert plan.publish_at == at(later, 18, 30)
    assert plan.copy_due_at == at(later, 16)


def test_an_unscheduled_plan_put_on_a_day_is_planned_for_ten(editor, make_plan, day):
    plan = make_plan(publish_at=None)
    planning.reschedule(editor, plan, day=day)
    assert plan.publish_at == at(day, 10)
    planning.reschedule(editor, plan, day=None)
    plan.refresh_from_db()
    assert plan.publish_at is None


def test_a_reporter_may_not_reschedule(reporter, make_plan, day):
    plan = make_plan(writer=reporter)
    with pytest.raises(planning.PlanningPermissionError, match="Only editors"):
        planning.reschedule(reporter, plan, day=day)


def test_the_writer_starts_the_draft_with_byline_section_and_planned_time(
    reporter, writer_author, make_plan, section
):
    plan = make_plan(writer=reporter, planned_words=800, needs_art=True)
    article = planning.start_draft(reporter, plan)
    plan.refresh_from_db()
    assert plan.article == article and plan.status == PlanStatus.IN_PROGRESS
    assert article.state == ArticleState.DRAFT
    assert article.headline == "Pier vote"  # short, from the slug; the budget line is the dek
    assert article.dek == plan.budget_line
    assert article.section == section
    assert article.created_by == reporter
    assert [link.author for link in ArticleAuthor.objects.filter(article=article)] == [
        writer_author
    ]
    note = EditorialNote.objects.get(article=article).text
    assert "Planned for" in note and "800 words" in note and "Needs art" in note
    assert "18:00" in note
    # a real save: it has a revision and the reporter may edit their draft
    assert article.version == 1
    assert workflow.allowed_actions(reporter, article)


def test_an_editor_starts_the_draft_bylined_to_the_writer(
    editor, reporter, writer_author, make_plan
):
    article = planning.start_draft(editor, make_plan(writer=reporter))
    assert list(article.authors.all()) == [writer_author]


def test_a_draft_is_started_once(editor, make_plan):
    plan = make_plan()
    planning.start_draft(editor, plan)
    with pytest.raises(planning.DraftAlreadyStarted):
        planning.start_draft(editor, plan)


def test_a_reporter_who_is_not_the_writer_may_not_start_the_draft(
    reporter, other_reporter, make_plan
):
    plan = make_plan(writer=other_reporter, photographer=reporter)
    with pytest.raises(planning.PlanningPermissionError):
        planning.start_draft(reporter, plan)
    plan.refresh_from_db()
    assert plan.article is None


def test_a_killed_plan_has_no_draft(editor, make_plan):
    plan = make_plan()
    planning.change_status(editor, plan, to=PlanStatus.KILLED)
    with pytest.raises(planning.PlanningPermissionError, match="killed"):
        planning.start_draft(editor, plan)


def test_two_plans_with_one_slug_get_two_story_addresses(editor, make_plan):
    first = planning.start_draft(editor, make_plan("pier-vote"))
    second = planning.start_draft(editor, make_plan("pier-vote"))
    assert (first.slug, second.slug) == ("pier-vote", "pier-vote-2")


def test_the_budget_shows_the_storys_live_state(editor, reporter, make_plan, make_article):
    plan = make_plan(writer=reporter)
    article = planning.start_draft(editor, plan)

    def state():
        fresh = planning.plans_with_stories(editor).get(pk=plan.pk)
        return planning.story_state(fresh.article, now=timezone.now())

    assert state() == ("draft", "Draft")
    workflow.submit_for_review(editor, article)
    assert state() == ("in_review", "In review")

    # a story ready to go out (body, picture): scheduled, then published
    ready = make_article("Pier 9 rezoning approved")
    plan.article = ready
    plan.save()
    workflow.submit_for_review(editor, ready)
    workflow.publish(editor, ready, at=timezone.now() + timezone.timedelta(days=1))
    assert state() == ("scheduled", "Scheduled")
    workflow.publish_now(editor, ready)
    assert state() == ("published", "Published")
