"""The newsroom's admin site: Django's, with a start page and a sidebar in newsroom words.

- /admin/ is the start page: what the apps add with `add_to_start_page` (the lists of
  `articles.workflow.desk` for the person logged in), above the usual list of sections of the admin.
  An app may send some people elsewhere instead (`redirect_start_page`: a Legal member with
  no newsroom role lands on their own sign-off page).
- The sidebar puts Stories first, shows taggit's tags as "Tags" under Stories, and moves the
  records the code writes (public snapshots, workflow events, overrides, access logs) under
  one "Records" heading that only admins (superusers) see. Their pages and permissions are
  unchanged: this is what the sidebar offers, not who may open what.

Every admin registered here, and its inlines, gets the newsroom's form fields
(`newsroom.admin_mixins.NewsroomFormFieldsMixin`: safe autocomplete widgets, https URLs).

The admin's JavaScript catalog (/admin/jsi18n/, on every admin page) is the same text for
everyone who reads a language: it is gzipped and kept by the browser for an hour.

Everything else (login, two-factor rules, permissions, URLs) is Django's `AdminSite`.
"""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.decorators.gzip import gzip_page

from newsroom.admin_mixins import newsroom_admin

RECORDS = {
    ("articles", "publishedarticle"),
    ("articles", "workflowevent"),
    ("sources", "standardsoverride"),
    ("sources", "confidentialaccess"),
    ("axes", "accessattempt"),
    ("axes", "accessfailurelog"),
    ("axes", "accesslog"),
}
MOVED = {("taggit", "tag"): ("articles", "Tags")}
FIRST = ["articles", "sources", "authors"]
STORY_ORDER = ["article", "reviewqueueitem", "section", "image", "tag"]


def _key(app_label: str, entry: dict) -> tuple[str, str]:
    return app_label, entry["object_name"].lower()


def arrange(app_list: list[dict], *, show_records: bool) -> list[dict]:
    """The sidebar's groups: Stories first, tags under it, records last (or left out)."""
    by_label = {app["app_label"]: app for app in app_list}
    records = []
    for app in list(app_list):
        kept = []
        for entry in app["models"]:
            key = _key(app["app_label"], entry)
            if key in RECORDS:
                records.append(entry)
            elif key in MOVED and MOVED[key][0] in by_label:
                target, name = MOVED[key]
                by_label[target]["models"].append({**entry, "name": name})
            else:
                kept.append(entry)
        app["models"] = kept
    stories = by_label.get("articles")
    if stories is not None:
        order = {name: i for i, name in enumerate(STORY_ORDER)}
        stories["models"].sort(key=lambda m: (order.get(m["object_name"].lower(), 99), m["name"]))
        story_list = next((m for m in stories["models"] if m["object_name"] == "Article"), None)
        if story_list is not None and story_list["admin_url"]:
            # "My stories" one click away: the story list filtered to the user's own.
            mine = {
                "name": "My stories",
                "object_name": "MyStories",
                "admin_url": f"{story_list['admin_url']}?whose=mine",
                "add_url": None,
                "view_only": False,
                "perms": {},
            }
            stories["models"].insert(stories["models"].index(story_list) + 1, mine)
    arranged = [app for app in app_list if app["models"]]
    arranged.sort(
        key=lambda a: (
            FIRST.index(a["app_label"]) if a["app_label"] in FIRST else 9,
            a["name"].lower(),
        )
    )
    if show_records and records:
        arranged.append(
            {
                "name": "Records",
                "app_label": "records",
                "app_url": min(records, key=lambda m: m["name"])["admin_url"],
                "has_module_perms": True,
                "models": sorted(records, key=lambda m: m["name"]),
            }
        )
    return arranged


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom"
    site_title = "Newsroom"
    index_title = "Start"
    index_template = "admin/start_page.html"

    def get_app_list(self, request, app_label=None):
        if app_label is not None:
            return super().get_app_list(request, app_label)
        # Made when a page first reads it: every admin page's context carries the sidebar's
        # list (a permission check per model and two addresses each), and the story pages,
        # the story list and the records' pages turn the sidebar off.
        return SimpleLazyObject(
            lambda: arrange(
                super(NewsroomAdminSite, self).get_app_list(request),
                show_records=request.user.is_superuser,
            )
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_page_parts = []
        self.start_page_redirects = []

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = newsroom_admin(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)

    def add_to_start_page(self, part) -> None:
        """`part(request)` gives context for the start page; the apps add theirs (the
        newsroom package imports no app)."""
        self.start_page_parts.append(part)

    def redirect_start_page(self, part) -> None:
        """`part(request)` gives the address to send this person to instead of the start
        page, or None."""
        self.start_page_redirects.append(part)

    def i18n_javascript(self, request, extra_context=None):
        response = gzip_page(super().i18n_javascript)(request, extra_context)
        patch_cache_control(response, private=True, max_age=3600)
        return response

    def index(self, request, extra_context=None):
        for part in self.start_page_redirects:
            target = part(request)
            if target:
                return HttpResponseRedirect(target)
        context = {}
        for part in self.start_page_parts:
            context.update(part(request))
        return super().index(request, extra_context={**context, **(extra_context or {})})
