"""Admin for author profiles and staff accounts.

- Authors: the list and form, and two small addresses the story page's "Add a byline" box
  posts to (static/js/admin-byline-add.js): `byline/add/` (an editor adds a freelancer or an
  agency) and `byline/me/` (a writer adds themselves). Each answers JSON; the rules are in
  `authors.bylines`.
- Users: Django's user admin, and saving an account as staff makes (or links) its author
  (`bylines.ensure_author`), so a new hire's stories open with their name in the byline.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html

from authors import bylines
from newsroom.requests import posted as read_post

from .models import Author


def _author_answer(author: Author, *, created: bool, message: str) -> JsonResponse:
    return JsonResponse(
        {
            "ok": True,
            "id": author.pk,
            "name": author.name,
            "kind": author.get_kind_display(),
            "created": created,
            "message": message,
        }
    )


def _refusal(message: str, status: int, **data) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message, "error": message, **data}, status=status)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "outlet", "job_title", "user", "is_active", "photo_preview"]
    list_filter = ["is_active", "kind"]
    search_fields = ["name", "outlet", "job_title", "user__username"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    @admin.display(description="Photo")
    def photo_preview(self, author: Author):
        if not author.photo:
            return "—"
        return format_html('<img src="{}" alt="" width="40" height="40">', author.photo.url)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("byline/add/", wrap(self.add_byline_view), name="authors_author_add_byline"),
            path("byline/me/", wrap(self.add_self_view), name="authors_author_add_self"),
            *super().get_urls(),
        ]

    def add_byline_view(self, request):
        """POST name, kind, outlet: the author (made, or the one already of that name)."""
        if request.method != "POST":
            return _refusal("Adding a byline takes a POST.", 405)
        data = read_post(request)
        if data is None:
            return _refusal("The byline could not be read.", 400)
        try:
            author, created = bylines.add_byline(
                request.user,
                name=data.get("name", ""),
                kind=data.get("kind", ""),
                outlet=data.get("outlet", ""),
            )
        except bylines.BylinePermissionError as refused:
            return _refusal(str(refused), 403)
        except bylines.BylineError as refused:
            fields = {name: " ".join(errors) for name, errors in refused.message_dict.items()}
            return _refusal(" ".join(fields.values()), 400, fields=fields)
        said = "added to the authors" if created else "is already an author"
        return _author_answer(
            author,
            created=created,
            message=f"{author.name} ({author.get_kind_display().lower()}) {said}; "
            "now in this story's byline. Save the story to keep it.",
        )

    def add_self_view(self, request):
        """POST: the signed-in writer's own author (made or linked if they have none)."""
        if request.method != "POST":
            return _refusal("Adding yourself takes a POST.", 405)
        try:
            author = bylines.add_self(request.user)
        except bylines.BylinePermissionError as refused:
            return _refusal(str(refused), 403)
        return _author_answer(
            author,
            created=False,
            message=f"{author.name} is now in this story's byline. Save the story to keep it.",
        )


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class NewsroomUserAdmin(UserAdmin):
    """Django's user admin; an account saved as staff gets its author profile."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bylines.ensure_author(form.instance)
