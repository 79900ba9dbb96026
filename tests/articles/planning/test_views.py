"""The budget's pages in the admin (articles/admin/planning.py): what each shows, that each
costs the same number of queries however many plans there are, and the move and start
addresses."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import planning
from articles.models import Article, PlannedStory, PlanStatus, Section
from articles.planning import selectors
from tests.articles.planning.conftest import at

pytestmark = pytest.mark.django_db


def url(name, **query):
    address = reverse(f"admin:articles_planning_{name}")
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return address


def add_plans(editor, day, count, *, writer=None, photographer=None):
    sections = list(Section.objects.all()) or [Section.objects.create(name="City", slug="city")]
    for n in range(count):
        planning.create_plan(
            editor,
            slug=f"plan-{PlannedStory.objects.count()}",
            budget_line=f"Plan number {n}.",
            section=sections[n % len(sections)],
            writer=writer,
            photographer=photographer,
            publish_at=at(day, 8 + n % 10) if n % 4 else None,
        )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_the_days_budget_groups_plans_by_section(editor_client, editor, make_plan, day):
    sports = Section.objects.create(name="Sports", slug="sports", position=9)
    make_plan("pier-vote")
    make_plan("gulls-win", section=sports, budget_line="The Gulls win in overtime.")
    make_plan("other-day", publish_at=at(day + timezone.timedelta(days=1), 9))
    page = editor_client.get(url("budget", day=day.isoformat())).content.decode()
    sports_heading = page.index('">Sports <span')
    assert page.index('aria-label="pier-vote"') < sports_heading < page.index('"gulls-win"')
    assert "other-day" not in page
    assert "admin-planning-print.css" in page and 'media="print"' in page


def test_filters_narrow_every_view(editor_client, reporter, other_reporter, make_plan, day):
    make_plan("ritas", writer=reporter)
    make_plan("omars", writer=other_reporter)
    for view in ("budget", "calendar", "board"):
        key = "day" if view == "budget" else "week"
        page = editor_client.get(
            url(view, **{key: day.isoformat(), "person": reporter.pk})
        ).content.decode()
        assert "ritas" in page and "omars" not in page, view
    page = editor_client.get(url("board", week=day.isoformat(), status="idea")).content.decode()
    assert "ritas" not in page


def test_a_bad_filter_is_ignored_with_a_message(editor_client, make_plan, day):
    make_plan("pier-vote")
    response = editor_client.get(url("budget", day=day.isoformat(), section="x" * 300))
    assert response.status_code == 200
    assert "pier-vote" in response.content.decode()
    assert "section filter was not understood" in response.content.decode()


@pytest.mark.parametrize("value", ["²", "١٢٣", "１２", "9" * 40])
def test_a_filter_with_strange_digits_is_ignored_with_a_message(
    editor_client, make_plan, day, value
):
    make_plan("pier-vote")
    response = editor_client.get(url("budget", day=day.isoformat(), person=value))
    assert response.status_code == 200
    assert "person filter was not understood" in response.content.decode()


def test_the_unscheduled_list(editor_client, make_plan):
    make_plan("someday", publish_at=None)
    make_plan("on-the-calendar")
    page = editor_client.get(url("unscheduled")).content.decode()
    assert "someday" in page and "on-the-calendar" not in page


def test_a_reporter_sees_only_their_plans_and_no_planning_button(
    client, reporter, other_reporter, make_plan, day
):
    make_plan("ritas", writer=reporter)
    make_plan("omars", writer=other_reporter)
    client.force_login(reporter)
    page = client.get(url("calendar", week=day.isoformat())).content.decode()
    assert "ritas" in page and "omars" not in page
    assert "Plan a story" not in page
    assert client.get(reverse("admin:articles_plannedstory_add")).status_code == 403


def test_staff_without_story_permissions_get_no_budget(client, unprivileged):
    client.force_login(unprivileged)
    assert client.get(url("budget")).status_code == 404


def test_each_view_costs_the_same_queries_for_5_and_60_plans(
    client, editor, reporter, make_user, day, django_assert_num_queries
):
    """Cards name people, sections and started stories: all read in the page's one query.
    The four views in one test: the 60 plans are made once, not once per view."""
    client.force_login(editor)
    views = ["budget", "calendar", "board", "unscheduled"]
    keys = {"budget": "day", "unscheduled": "x"}
    addresses = {view: url(view, **{keys.get(view, "week"): day.isoformat()}) for view in views}
    add_plans(editor, day, 5, writer=reporter)
    small = {}
    for view, address in addresses.items():
        with CaptureQueriesContext(connection) as captured:
            client.get(address)
        small[view] = len(captured.captured_queries)
    photographer = make_user("pia", groups=["Reporters"])
    add_plans(editor, day, 55, writer=reporter, photographer=photographer)
    for plan in PlannedStory.objects.filter(publish_at__isnull=False)[:6]:
        planning.start_draft(editor, plan)
    for view, address in addresses.items():
        with django_assert_num_queries(small[view]):
            response = client.get(address)
        assert response.content.decode().count('class="plan-card') >= 15, view


def move(client, **data):
    return client.post(url("move"), data, HTTP_ACCEPT="application/json")


def test_an_editor_drags_a_plan_to_another_day(editor_client, make_plan, day):
    plan = make_plan()
    later = day + timezone.timedelta(days=2)
    response = move(editor_client, plan=plan.pk, day=later.isoformat())
    assert response.status_code == 200 and response.json()["ok"]
    plan.refresh_from_db()
    assert plan.publish_at == at(later, 18)
    assert move(editor_client, plan=plan.pk, day="unscheduled").json()["ok"]
    plan.refresh_from_db()
    assert plan.publish_at is None


def test_a_reporter_drags_their_card_to_filed_but_cannot_kill_it(client, reporter, make_plan):
    plan = make_plan(writer=reporter)
    client.force_login(reporter)
    assert move(client, plan=plan.pk, status="filed").json()["status_label"] == "Filed"
    refused = move(client, plan=plan.pk, status="killed")
    assert refused.status_code == 403 and "may not move" in refused.json()["message"]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FILED


def test_someone_elses_plan_is_not_found(client, other_reporter, reporter, make_plan):
    plan = make_plan(writer=other_reporter)
    client.force_login(reporter)
    assert move(client, plan=plan.pk, status="filed").status_code == 404


def test_a_move_needs_the_csrf_token(editor, make_plan, day):
    plan = make_plan()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert move(client, plan=plan.pk, day=day.isoformat()).status_code == 403


def test_the_move_form_without_script_redirects_back_with_a_message(editor_client, make_plan):
    plan = make_plan()
    back = url("board")
    response = editor_client.post(url("move"), {"plan": plan.pk, "status": "filed", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    response = editor_client.post(
        url("move"), {"plan": plan.pk, "status": "filed", "next": "https://evil.example/"}
    )
    assert response["Location"] == url("budget")


def test_start_the_draft_opens_the_new_story(editor_client, make_plan, reporter):
    plan = make_plan(writer=reporter)
    response = editor_client.post(reverse("admin:articles_planning_start_draft", args=[plan.pk]))
    article = Article.objects.get()
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    plan.refresh_from_db()
    assert plan.article == article
    page = editor_client.get(url("budget", day=timezone.localdate(plan.publish_at).isoformat()))
    assert "Story: Draft" in page.content.decode()


def test_the_plan_list_links_to_the_views(editor_client, make_plan):
    make_plan()
    page = editor_client.get(reverse("admin:articles_plannedstory_changelist")).content.decode()
    assert url("calendar") in page and url("board") in page and "pier-vote" in page


def test_people_offered_as_writers_are_active_staff(editor_client, reporter):
    get_user_model().objects.create_user("reader", is_staff=False)
    page = editor_client.get(reverse("admin:articles_plannedstory_add")).content.decode()
    assert "Rita Reyes" in page and ">reader<" not in page


def test_a_reporter_opens_their_plan_read_only(client, reporter, make_plan):
    plan = make_plan(writer=reporter)
    client.force_login(reporter)
    response = client.get(reverse("admin:articles_plannedstory_change", args=[plan.pk]))
    assert response.status_code == 200
    assert "pier-vote" in response.content.decode()


def test_a_crowded_day_and_column_show_the_first_plans_and_say_how_many(
    editor_client, editor, day, monkeypatch
):
    monkeypatch.setattr(selectors, "DAY_LIMIT", 3)
    monkeypatch.setattr(selectors, "COLUMN_LIMIT", 4)
    add_plans(editor, day, 8)  # six on the day, two unscheduled, all ideas
    week = editor_client.get(url("calendar", week=day.isoformat())).content.decode()
    assert week.count('class="plan-card') == 3 and "6 plans in all" in week
    board = editor_client.get(url("board", week=day.isoformat())).content.decode()
    assert board.count('class="plan-card') == 4 and "The first 4 of 8" in board


def test_the_plan_form_offers_start_the_draft_then_the_story(editor_client, make_plan):
    plan = make_plan()
    change = reverse("admin:articles_plannedstory_change", args=[plan.pk])
    start = reverse("admin:articles_planning_start_draft", args=[plan.pk])
    assert start in editor_client.get(change).content.decode()
    editor_client.post(start)
    page = editor_client.get(change).content.decode()
    assert start not in page and "Open the story" in page


def test_budget_lines_in_ninjs(client, reporter, other_reporter, make_plan, day):
    mine = make_plan("ritas", writer=reporter, planned_words=800, needs_art=True)
    make_plan("omars", writer=other_reporter)
    client.force_login(reporter)
    answer = client.get(url("ninjs", day=day.isoformat())).json()
    assert [item["slugline"] for item in answer["items"]] == ["ritas"]
    item = answer["items"][0]
    assert item["uri"] == f"urn:newsroom:plan:{mine.pk}"
    assert item["description_text"] == mine.budget_line
    assert item["representationtype"] == "partial" and item["pubstatus"] == "usable"
    assert item["service"] == [{"name": "City", "code": "city"}]
    assert {"name": "Rita Reyes", "rel": "writer"} in item["person"]
    assert "Planned for" in item["ednote"] and "800 words" in item["ednote"]


def test_the_start_page_links_to_the_budget(client, reporter):
    client.force_login(reporter)
    assert url("budget") in client.get(reverse("admin:index")).content.decode()
