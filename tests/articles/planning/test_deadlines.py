"""Looking ahead on the budget: seven days from any day, a past day only when confirmed, late
plans marked, the stories due on a day without a plan, and Start the draft's headline."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import planning, workflow
from articles.models import Article, ArticleAuthor, ArticleState
from authors.models import Author
from tests.articles.planning.conftest import at

pytestmark = pytest.mark.django_db


def url(name, **query):
    address = reverse(f"admin:articles_planning_{name}")
    if query:
        address += "?" + "&".join(f"{k}={quote(str(v))}" for k, v in query.items())
    return address


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_the_week_view_starts_today_and_shows_seven_days(editor_client, editor, make_plan):
    today = timezone.localdate()
    make_plan("tomorrow-plan", publish_at=at(today + timedelta(days=1), 9))
    make_plan("in-six-days", publish_at=at(today + timedelta(days=6), 9))
    make_plan("yesterday-plan", publish_at=at(today - timedelta(days=1), 9))
    page = editor_client.get(url("calendar")).content.decode()
    assert "tomorrow-plan" in page and "in-six-days" in page
    assert "yesterday-plan" not in page
    assert f'data-drop-day="{today:%Y-%m-%d}"' in page
    assert f"?from={today + timedelta(days=7):%Y-%m-%d}" in page  # next 7 days
    assert f"?from={today - timedelta(days=7):%Y-%m-%d}" in page  # previous 7 days


def test_a_sunday_chosen_shows_that_sunday_and_the_next_six_days(editor_client, make_plan):
    sunday = timezone.localdate() + timedelta(days=13 - timezone.localdate().weekday())
    assert sunday.weekday() == 6
    make_plan("saturday-after", publish_at=at(sunday + timedelta(days=6), 9))
    page = editor_client.get(url("calendar", **{"from": sunday.isoformat()})).content.decode()
    assert "saturday-after" in page
    days = [sunday + timedelta(days=n) for n in range(7)]
    assert all(f'data-drop-day="{day:%Y-%m-%d}"' in page for day in days)
    assert f'data-drop-day="{sunday - timedelta(days=1):%Y-%m-%d}"' not in page


@pytest.mark.parametrize(
    "value", ["²", "２０２６-０１-０１", "2026-13-45", "9999-12-31", "0001-01-01", "x" * 5000]
)
@pytest.mark.parametrize("view,name", [("calendar", "from"), ("board", "from"), ("budget", "day")])
def test_a_day_that_cannot_be_shown_is_said_and_today_shown(editor_client, view, name, value):
    response = editor_client.get(url(view, **{name: value}))
    assert response.status_code == 200
    assert "is not a day the budget can show" in response.content.decode()


def test_a_past_day_is_refused_without_the_confirmation(editor, make_plan):
    plan = make_plan()
    past = timezone.localdate() - timedelta(days=3)
    with pytest.raises(planning.PlanningError, match="already past") as refused:
        planning.reschedule(editor, plan, day=past)
    assert refused.value.code == "past_day"
    plan.refresh_from_db()
    assert plan.publish_at.date() != past
    planning.reschedule(editor, plan, day=past, confirm_past=True)
    assert timezone.localtime(plan.publish_at).date() == past


def test_the_move_address_answers_a_past_day_with_its_code(editor_client, make_plan):
    plan = make_plan()
    past = timezone.localdate() - timedelta(days=1)
    refused = editor_client.post(
        url("move"), {"plan": plan.pk, "day": past.isoformat()}, HTTP_ACCEPT="application/json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "past_day"
    moved = editor_client.post(
        url("move"),
        {"plan": plan.pk, "day": past.isoformat(), "confirm_past": "yes"},
        HTTP_ACCEPT="application/json",
    )
    assert moved.status_code == 200 and moved.json()["ok"]


def test_late_plans_are_flagged_until_the_copy_is_in_and_the_story_out(
    editor, reporter, writer_author, make_plan
):
    now = timezone.now()
    plan = make_plan(
        writer=reporter, copy_due_at=now - timedelta(hours=2), publish_at=now - timedelta(hours=1)
    )
    assert [key for key, _ in planning.plan_flags(plan, now=now)] == [
        "copy-overdue",
        "time-passed",
    ]
    plans, total = planning.late_plans(reporter, now=now)
    assert total == 1 and plans[0] == plan
    article = planning.start_draft(reporter, plan)
    workflow.submit_for_review(reporter, article)
    plan.refresh_from_db()
    assert [key for key, _ in planning.plan_flags(plan, now=now)] == ["time-passed"]
    planning.change_status(editor, plan, to="killed")
    assert planning.late_plans(editor, now=now) == ([], 0)


def test_the_start_page_lists_late_plans_for_the_writer(client, reporter, writer_author, make_plan):
    make_plan("late-one", writer=reporter, copy_due_at=timezone.now() - timedelta(hours=1))
    make_plan("on-time", writer=reporter, copy_due_at=timezone.now() + timedelta(hours=5))
    client.force_login(reporter)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Late on the budget" in page and "late-one" in page and "Copy overdue" in page
    assert "on-time" not in page


def test_the_budget_lists_an_unplanned_story_due_that_day(
    editor_client, editor, make_article, make_plan
):
    today = timezone.localdate()
    due = make_article(headline="Unplanned story due for review")
    due.review_due_at = at(today, 15)
    due.save(update_fields=["review_due_at"])
    embargoed = make_article(headline="Embargo lifts today", slug="embargo-lifts")
    embargoed.embargo_until = at(today, 9)
    embargoed.save(update_fields=["embargo_until"])
    other_day = make_article(headline="Due next week", slug="next-week")
    other_day.review_due_at = at(today + timedelta(days=7), 9)
    other_day.save(update_fields=["review_due_at"])
    planned = make_article(headline="A planned one", slug="planned-one")
    planned.review_due_at = at(today, 11)
    planned.save(update_fields=["review_due_at"])
    plan = make_plan("planned-one", publish_at=at(today, 12))
    plan.article = planned
    plan.save(update_fields=["article"])
    page = editor_client.get(url("budget", day=today.isoformat())).content.decode()
    assert "Due this day, not planned" in page
    assert "Unplanned story due for review" in page and "review due 15:00" in page
    assert "Embargo lifts today" in page and "embargo lifts 09:00" in page
    assert "Due next week" not in page
    assert page.count("A planned one") == 0 or "planned-one" in page  # as a plan, not twice
    assert [d.article for d in planning.due_stories(editor, today)] == [due, embargoed]


def test_start_the_draft_without_a_writer_bylines_whoever_starts_it(editor, make_plan):
    plan = make_plan("harbor-dredging", budget_line="x " * 60 + "long budget line.")
    article = planning.start_draft(editor, plan)
    assert article.headline == "Harbor dredging"
    assert article.dek.endswith("long budget line.")
    byline = [link.author for link in ArticleAuthor.objects.filter(article=article)]
    assert byline == [Author.objects.get(user=editor)]
    assert byline[0].name == "Edna Ives"
    assert Article.objects.get(pk=article.pk).state == ArticleState.DRAFT


@pytest.mark.parametrize("value", ["²", "9999-12-31", "x" * 5000])
def test_the_ninjs_budget_says_a_bad_day_and_answers_today(editor_client, value):
    response = editor_client.get(url("ninjs", day=value))
    assert response.status_code == 200
    assert response.json()["day"] == timezone.localdate().isoformat()
    assert "is not a day the budget can show" in response.json()["problems"][0]
