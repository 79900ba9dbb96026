"""The front editor: the home page and each section page as zones of slots.

- fronts/                   the list: every front, what is live and what is scheduled
- fronts/<id>/change/       the editor (GET); every change is a POST to the same address with
                            an `action` (fill, pin, unpin, up, down, empty, rule, discard,
                            publish, rollback, cancel) that `articles.fronts.curation` answers
- fronts/<id>/preview/      the draft as readers will see it (never cached, not indexed)

Editors change fronts; reporters see the same page with no buttons (the services refuse
their POSTs too). Drag and drop (`static/js/admin-fronts.js`) only fills in and submits the
same forms that the buttons and the keyboard use.
"""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import workflow
from articles.admin.story.workflow_actions import parse_local_datetime
from articles.fronts import curation
from articles.fronts.layout import LayoutError
from articles.fronts.permissions import can_edit_fronts, can_view_fronts
from articles.fronts.resolve import resolve
from articles.models import Front, KindOfWork
from newsroom.ids import parse_id
from newsroom.time_zone import newsroom_time, zone_label

SLOT_ACTIONS = {"fill", "pin", "unpin", "up", "down", "empty"}
DONE = {
    "fill": "{zone}, slot {slot}: the story is in.",
    "pin": "{zone}, slot {slot} is pinned: it stays there when other stories move.",
    "unpin": "{zone}, slot {slot} is no longer pinned.",
    "up": "{zone}: moved up.",
    "down": "{zone}: moved down.",
    "empty": "{zone}, slot {slot} is empty: it fills itself from the zone's rule.",
    "rule": "{zone}: its empty slots now fill themselves by the new rule.",
    "discard": "Your changes are discarded: the editor shows what readers see.",
    "rollback": "Rolled back: readers see that version again now.",
    "cancel": "The scheduled version is cancelled.",
}


@admin.register(Front)
class FrontAdmin(admin.ModelAdmin):
    list_display = ["name", "live_since", "scheduled", "changes"]
    list_display_links = ["name"]
    search_fields = ["name", "slug"]

    def has_add_permission(self, request):
        return False  # one front per section and the home page: see changelist_view

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return can_view_fronts(request.user)

    def has_change_permission(self, request, obj=None):
        return can_edit_fronts(request.user)

    def has_module_permission(self, request):
        return can_view_fronts(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")

    @admin.display(description="Live since")
    def live_since(self, front):
        version = front.versions.filter(live_from__lte=timezone.now()).first()
        return newsroom_time(version.live_from) if version else "Never published (all automatic)"

    @admin.display(description="Scheduled")
    def scheduled(self, front):
        upcoming = front.versions.filter(live_from__gt=timezone.now()).order_by("live_from")
        return ", ".join(newsroom_time(v.live_from) for v in upcoming) or "—"

    @admin.display(description="Draft")
    def changes(self, front):
        return "Unpublished changes" if front.draft else "—"

    def changelist_view(self, request, extra_context=None):
        # A section added since the last visit gets its front here (idempotent).
        curation.ensure_fronts()
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_front_preview",
            ),
            *super().get_urls(),
        ]

    def _front(self, request, object_id) -> Front:
        if not can_view_fronts(request.user):
            raise PermissionDenied
        pk = parse_id(object_id)
        if pk is None:
            raise Http404("No front at this address.")
        return get_object_or_404(Front.objects.select_related("section"), pk=pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        front = self._front(request, object_id)
        if request.method == "POST":
            return self._post(request, front)
        return self._editor(request, front)

    def _post(self, request, front: Front):
        post = request.POST
        action = post.get("action", "")
        try:
            said = self._apply(request.user, front, action, post)
        except curation.FrontPermissionError as error:
            messages.error(request, str(error))
            return self._editor(request, front, status=403)
        except (LayoutError, workflow.WorkflowError) as error:
            messages.error(request, error.message)
            return self._editor(request, front, status=400, posted=post)
        messages.success(request, said)
        address = reverse("admin:articles_front_change", args=[front.pk])
        query = post.get("q", "").strip()[:200].replace("\x00", "")
        if query:
            address += "?" + urlencode({"q": query})
        return redirect(f"{address}#{post.get('zone', '')[:40] or 'zones'}")

    def _apply(self, user, front: Front, action: str, post) -> str:
        zone = post.get("zone", "")
        slot = parse_id(post.get("slot", ""))
        index = slot - 1 if slot else -1
        specs = curation.specs_of(front)
        label = curation.labels_of(specs).get(zone, "This zone")
        if action in SLOT_ACTIONS:
            if slot is None and action != "fill":
                raise LayoutError("Choose a slot.", code="no_slot")
            story = parse_id(post.get("story", ""))
            curation.change_slot(user, front, action=action, zone=zone, index=index, story=story)
        elif action == "rule":
            curation.set_zone_rule(
                user,
                front,
                zone=zone,
                section=post.get("section", ""),
                tag=post.get("tag", ""),
                kind=post.get("kind", ""),
            )
        elif action == "discard":
            curation.discard_draft(user, front)
        elif action == "publish":
            at = parse_local_datetime(post.get("at", ""))
            version = curation.publish_front(user, front, live_from=at, note=post.get("note", ""))
            if at:
                return f"Scheduled: readers see this front from {newsroom_time(version.live_from)}."
            return "Published: readers see this front now."
        elif action == "rollback":
            curation.rollback_front(user, front, version_id=parse_id(post.get("version", "")))
        elif action == "cancel":
            curation.cancel_scheduled(user, front, version_id=parse_id(post.get("version", "")))
        else:
            raise LayoutError("Unknown change: use the page's buttons.", code="no_action")
        return DONE[action].format(zone=label, slot=slot)

    def _editor(self, request, front: Front, *, status: int = 200, posted=None):
        now = timezone.now()
        specs = curation.specs_of(front)
        draft = curation.draft_of(front, specs, now=now)
        preview = resolve(
            draft,
            section_slug="" if front.is_home else front.slug,
            sections=curation.sections(),
            now=now,
            slug=front.slug,
        )
        query = request.GET.get("q", "").strip()[:200]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Front: {front.name}",
            "front": front,
            "opts": self.model._meta,
            "zones": preview.zones,
            "slot_choices": [
                (zone.key, zone.label, range(1, len(zone.slots) + 1)) for zone in preview.zones
            ],
            "slot_numbers": range(1, max(len(zone.slots) for zone in preview.zones) + 1),
            "can_edit": can_edit_fronts(request.user),
            "unpublished": curation.has_unpublished_changes(front, now=now),
            "history": curation.front_history(front, now=now),
            "query": query,
            "results": curation.stories_to_place(query) if query else [],
            "sections": curation.sections(),
            "kinds": KindOfWork.choices,
            "zone_label": zone_label(),
            "posted": posted or {},
            "public_url": front.get_absolute_url(),
        }
        return TemplateResponse(request, "admin/articles/front/editor.html", context, status=status)

    def preview_view(self, request, object_id):
        """The draft as readers will see it: the public page's own template and read path."""
        front = self._front(request, object_id)
        now = timezone.now()
        preview = resolve(
            curation.draft_of(front, now=now),
            section_slug="" if front.is_home else front.slug,
            sections=curation.sections(),
            now=now,
            slug=front.slug,
        )
        template = "articles/home.html" if front.is_home else "articles/section_front.html"
        response = TemplateResponse(
            request,
            template,
            {
                "front": preview,
                "section": front.section,
                "front_preview": format_html(
                    "Preview of the {} front, not published. <a href='{}'>Back to the editor</a>",
                    front.name,
                    reverse("admin:articles_front_change", args=[front.pk]),
                ),
            },
        )
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response
