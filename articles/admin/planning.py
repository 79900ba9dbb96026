"""The story budget in the admin: the plan form, and the budget's pages.

Staff only (each page is wrapped in `admin_site.admin_view`), except the calendar feed, whose
secret address is its authentication. Every rule is in `articles.planning`; these views read
the request, call it and render or answer JSON:

- budget/        the day's plans grouped by section (printable), and the stories due that
                 day without a plan (`?day=YYYY-MM-DD`)
- calendar/      seven days from today or `?from=YYYY-MM-DD` (`week=` too), plans dragged to
                 another day (static/js/admin-planning.js); a past day asks in the page
- board/         those seven days' and the unscheduled plans by status, dragged to another status
- unscheduled/   plans with no planned publish time
- move/          POST: a plan to another day ("day") or status ("status"); JSON for the
                 page's script, a redirect with a message for the forms without script
- feed/          the person's calendar feed address: make a new one, or revoke it
- feed/<token>.ics  the feed itself (text/calendar); a wrong or revoked token is a 404
- <id>/start/    POST: start the plan's draft, then open the story

A day in an address that is not a day the budget can show is said in a message, and the page
shows today. Each card is marked when its copy is overdue or its planned time has passed
(`planning.plan_flags`); the start page lists the person's late plans (`start_page_context`).
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import (
    ValidationError,
)
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from articles import planning
from articles.models import PlannedStory, PlanStatus
from newsroom.ids import parse_id
from newsroom.people import display_name
from newsroom.requests import posted as read_post
from newsroom.requests import wants_json
from newsroom.time_zone import ZonedSplitDateTime

VIEWS = [
    ("budget", "Day’s budget"),
    ("calendar", "Week"),
    ("board", "Board"),
    ("unscheduled", "Unscheduled"),
]


class PlannedStoryForm(forms.ModelForm):
    class Meta:
        model = PlannedStory
        fields = [
            "slug",
            "budget_line",
            "section",
            "writer",
            "photographer",
            "editor",
            "copy_due_at",
            "publish_at",
            "planned_words",
            "needs_art",
        ]
        widgets = {"budget_line": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(is_active=True, is_staff=True)
        for name in ("writer", "photographer", "editor"):
            if name not in self.fields:  # a view-only form (a reporter's) has no inputs
                continue
            self.fields[name].queryset = people.order_by("first_name", "last_name", "username")
            self.fields[name].label_from_instance = display_name


def _short_time(moment) -> str:
    """ "Tue 1 Dec, 10:00" in newsroom time, as the cards show it."""
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


@admin.register(PlannedStory)
class PlannedStoryAdmin(admin.ModelAdmin):
    form = PlannedStoryForm
    change_list_template = "admin/articles/planning/change_list.html"
    change_form_template = "admin/articles/planning/change_form.html"
    list_display = ["slug", "section", "writer_name", "publish_at", "status", "story"]
    list_filter = ["status", "section", "needs_art"]
    search_fields = ["slug", "budget_line"]
    list_select_related = ["section", "writer", "article"]
    readonly_fields = ["status", "story"]
    fieldsets = [
        (None, {"fields": ["slug", "budget_line", "section", "status", "story"]}),
        ("People", {"fields": ["writer", "photographer", "editor"]}),
        ("Times and size", {"fields": ["copy_due_at", "publish_at", "planned_words", "needs_art"]}),
    ]

    @admin.display(description="writer", ordering="writer__last_name")
    def writer_name(self, plan):
        return display_name(plan.writer, "—")

    @admin.display(description="story")
    def story(self, plan):
        if plan.article_id is None:
            return "Not started"
        url = reverse("admin:articles_article_change", args=[plan.article_id])
        return format_html('<a href="{}">{}</a>', url, plan.article.headline)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("copy_due_at", "publish_at"):
            kwargs["widget"] = ZonedSplitDateTime
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Who sees and changes what is `articles.planning.permissions`'s rule.
    def has_module_permission(self, request):
        return planning.can_use_planning(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return planning.can_see_plan(request.user, obj)
        return planning.can_use_planning(request.user)

    def has_add_permission(self, request):
        return planning.can_plan(request.user)

    def has_change_permission(self, request, obj=None):
        return planning.can_plan(request.user)

    def has_delete_permission(self, request, obj=None):
        return planning.can_plan(request.user)

    def get_queryset(self, request):
        return planning.visible_plans(request.user, super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        planning.save_plan(request.user, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        plan = self._plan_from(request, object_id)
        may_start = plan is not None and planning.can_start_draft(request.user, plan)
        history = planning.plan_history(plan) if plan is not None else []
        return super().change_view(
            request,
            object_id,
            form_url,
            {**(extra_context or {}), "may_start_draft": may_start, "plan_history": history},
        )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "planning_views": VIEWS})

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("budget/", wrap(self.budget_view), name="articles_planning_budget"),
            path("calendar/", wrap(self.calendar_view), name="articles_planning_calendar"),
            path("board/", wrap(self.board_view), name="articles_planning_board"),
            path("unscheduled/", wrap(self.unscheduled_view), name="articles_planning_unscheduled"),
            path("budget.json", wrap(self.budget_ninjs_view), name="articles_planning_ninjs"),
            path("move/", wrap(self.move_view), name="articles_planning_move"),
            path("feed/", wrap(self.feed_settings_view), name="articles_planning_feed_settings"),
            path("feed/<str:token>.ics", never_cache(ical_view), name="articles_planning_feed"),
            path(
                "<path:object_id>/start/",
                wrap(self.start_draft_view),
                name="articles_planning_start_draft",
            ),
            *super().get_urls(),
        ]

    # --- the budget's pages ------------------------------------------------------------------

    def _page(self, request, view: str, title: str, context: dict):
        if not planning.can_use_planning(request.user):
            raise Http404
        filters = context.get("filters")
        if filters is not None:
            for problem in filters.problems:
                messages.warning(request, problem)
        return TemplateResponse(
            request,
            f"admin/articles/planning/{view}.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                "view": view,
                "views": VIEWS,
                "can_plan": planning.can_plan(request.user),
                "statuses": PlanStatus.choices,
                "now": timezone.now(),
                "move_url": reverse("admin:articles_planning_move"),
                "return_to": request.get_full_path(),
                **(planning.filter_choices(request.user) if filters is not None else {}),
                **context,
            },
        )

    def _day(self, request, *names):
        """The day asked for in the first of `names` given, else today; a bad one is said."""
        today = timezone.localdate()
        value = next((request.GET[name] for name in names if name in request.GET), None)
        day, problem = planning.day_from_query(value, default=today)
        if problem:
            messages.warning(request, problem)
        return day

    def budget_view(self, request):
        filters = planning.PlanFilters.from_query(request.GET)
        day = self._day(request, "day")
        groups = planning.day_budget(request.user, day, filters)
        due = planning.due_stories(request.user, day, filters)
        return self._page(
            request,
            "budget",
            f"Budget for {day:%A} {day.day} {day:%B %Y}",
            {
                "filters": filters,
                "day": day,
                "previous_day": day - timedelta(days=1),
                "next_day": day + timedelta(days=1),
                "groups": groups,
                "due_stories": due,
                "keep": f"day={day:%Y-%m-%d}",
                "count": sum(len(plans) for _, plans in groups),
            },
        )

    def budget_ninjs_view(self, request):
        """The day's budget lines as ninjs items (`planning.plan_to_ninjs`), filtered alike."""
        if not planning.can_use_planning(request.user):
            raise Http404
        filters = planning.PlanFilters.from_query(request.GET)
        day, problem = planning.day_from_query(request.GET.get("day"), default=timezone.localdate())
        if problem:
            filters.problems.append(problem)
        items = [
            planning.plan_to_ninjs(plan)
            for _, plans in planning.day_budget(request.user, day, filters)
            for plan in plans
        ]
        return JsonResponse({"day": day.isoformat(), "items": items, "problems": filters.problems})

    def _seven_days(self, request) -> dict:
        """The seven days a week view or the board shows: from today, or the day chosen."""
        first = self._day(request, "from", "week")
        last = first + timedelta(days=planning.WEEK - 1)
        return {
            "first": first,
            "last": last,
            "previous_first": first - timedelta(days=planning.WEEK),
            "next_first": first + timedelta(days=planning.WEEK),
            "today": timezone.localdate(),
            "keep": f"from={first:%Y-%m-%d}",
            "span": f"{planning.short_day(first)} – {planning.short_day(last)} {last:%Y}",
        }

    def calendar_view(self, request):
        filters = planning.PlanFilters.from_query(request.GET)
        days = self._seven_days(request)
        return self._page(
            request,
            "calendar",
            f"Seven days: {days['span']}",
            {
                "filters": filters,
                **days,
                "days": planning.week_calendar(request.user, days["first"], filters),
            },
        )

    def board_view(self, request):
        filters = planning.PlanFilters.from_query(request.GET)
        days = self._seven_days(request)
        return self._page(
            request,
            "board",
            f"Board: {days['span']}, and unscheduled",
            {
                "filters": filters,
                **days,
                "columns": planning.board(request.user, filters, first=days["first"]),
                "limit": planning.LIST_LIMIT,
            },
        )

    def unscheduled_view(self, request):
        filters = planning.PlanFilters.from_query(request.GET)
        plans = planning.unscheduled(request.user, filters)
        return self._page(
            request,
            "unscheduled",
            "Unscheduled plans",
            {"filters": filters, "plans": plans, "limit": planning.LIST_LIMIT},
        )

    # --- changes -----------------------------------------------------------------------------

    def _answer(self, request, posted, *, ok: bool, message: str, status: int = 200, **data):
        if wants_json(request):
            return JsonResponse(
                {"ok": ok, "message": message, **data}, status=status if not ok else 200
            )
        (messages.success if ok else messages.error)(request, message)
        target = (posted or {}).get("next") or ""
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ) or not target.startswith("/admin/"):
            target = reverse("admin:articles_planning_budget")
        return redirect(target)

    def _plan_from(self, request, value):
        plan_id = parse_id(value)
        if plan_id is None:
            return None
        return (
            planning.visible_plans(request.user)
            .select_related("article", "article__snapshot")
            .filter(pk=plan_id)
            .first()
        )

    def move_view(self, request):
        if request.method != "POST":
            return self._answer(
                request, None, ok=False, message="Moving a plan takes a POST.", status=405
            )
        posted = read_post(request)
        if posted is None:
            return self._answer(
                request, None, ok=False, message="The move could not be read.", status=400
            )
        plan = self._plan_from(request, posted.get("plan"))
        if plan is None:
            return self._answer(
                request, posted, ok=False, message="There is no such plan.", status=404
            )
        try:
            if "status" in posted:
                planning.change_status(request.user, plan, to=posted.get("status", ""))
                label = PlanStatus(plan.status).label
                return self._answer(
                    request,
                    posted,
                    ok=True,
                    message=f"“{plan.slug}” is now {label.lower()}.",
                    status_key=plan.status,
                    status_label=label,
                )
            raw_day = (posted.get("day") or "").strip()
            day = None if raw_day == "unscheduled" else planning.parse_day(raw_day)
            if day is None and raw_day != "unscheduled":
                return self._answer(
                    request,
                    posted,
                    ok=False,
                    message="Say which day (YYYY-MM-DD) to move the plan to.",
                    status=400,
                )
            planning.reschedule(
                request.user, plan, day=day, confirm_past=posted.get("confirm_past") == "yes"
            )
        except planning.PlanningPermissionError as refused:
            return self._answer(request, posted, ok=False, message=refused.message, status=403)
        except planning.PlanningError as refused:
            return self._answer(
                request, posted, ok=False, message=refused.message, status=400, code=refused.code
            )
        if plan.publish_at is None:
            message = f"“{plan.slug}” is unscheduled."
        else:
            message = f"“{plan.slug}” is planned for {planning.workflow_time(plan.publish_at)}."
        return self._answer(
            request,
            posted,
            ok=True,
            message=message,
            publish_at=plan.publish_at.isoformat() if plan.publish_at else None,
            publish_label=_short_time(plan.publish_at) if plan.publish_at else "",
        )

    def start_draft_view(self, request, object_id):
        if request.method != "POST":
            return redirect("admin:articles_planning_budget")
        posted = read_post(request)
        plan = self._plan_from(request, object_id)
        if plan is None or posted is None:
            messages.error(request, "There is no such plan.")
            return redirect("admin:articles_planning_budget")
        try:
            article = planning.start_draft(request.user, plan)
        except (planning.PlanningError, ValidationError) as refused:
            text = getattr(refused, "message", None) or "; ".join(refused.messages)
            return self._answer(request, posted, ok=False, message=text, status=400)
        messages.success(request, f"Draft started from the plan “{plan.slug}”.")
        return redirect("admin:articles_article_change", article.pk)

    def feed_settings_view(self, request):
        if not planning.can_use_planning(request.user):
            raise Http404
        address = None
        if request.method == "POST":
            posted = read_post(request) or {}
            if posted.get("revoke"):
                planning.revoke_feed_key(request.user)
                messages.success(request, "Your calendar feed is revoked: its address is dead.")
                return redirect("admin:articles_planning_feed_settings")
            token = planning.issue_feed_key(request.user)
            address = request.build_absolute_uri(
                reverse("admin:articles_planning_feed", kwargs={"token": token})
            )
        return self._page(
            request,
            "feed",
            "Your planning calendar",
            {"address": address, "has_feed": planning.has_feed_key(request.user)},
        )


def ical_view(request, token: str):
    """The calendar feed of the person whose secret `token` is in the address."""
    user = planning.user_for_feed_token(token)
    if user is None:
        raise Http404("No calendar here.")
    text = planning.ical_feed(user, host=request.get_host().split(":")[0])
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="story-budget.ics"'
    return response


def start_page_context(request) -> dict:
    """The start page's "Late on the budget" (newsroom.admin_site's add_to_start_page): the
    plans of the person (all plans, for those who plan) whose copy or planned time has passed."""
    if not planning.can_use_planning(request.user):
        return {}
    plans, total = planning.late_plans(request.user)
    return {"late_plans": plans, "late_total": total}


admin.site.add_to_start_page(start_page_context)
