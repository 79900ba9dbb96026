"""The story page's own addresses besides the form: notes, revisions (compare, restore), the
staff preview and share links, tag suggestions, the workflow buttons and naming a reviewer.

Each view parses the request, calls the service (`workflow`, `revisions`, `preview`) and
says what happened as an admin message. The story in an address is read with `article_or_404`.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import workflow
from articles.admin.autosave import autosave_view, new_draft_view
from articles.admin.presence import presence_urls
from articles.admin.reviewer import reviewer_view
from articles.admin.story.embeds import embed_check_view
from articles.admin.story.form import MISSING_VERSION
from articles.admin.story.live import live_urls
from articles.admin.story.panels.preview import share_url
from articles.admin.story.workflow_actions import parse_local_datetime, workflow_view
from articles.admin.tags import suggest_tags
from articles.collaboration import openings
from articles.external.views import old_shared_preview_address, render_preview
from articles.models import Article, EditorialNote
from articles.workflow import permissions, preview, revisions
from newsroom.ids import parse_id


def story_pk(object_id: str, *, or_none: bool = False) -> int | None:
    """The story id in an admin address; "abc" or "1%00" is no story (404), not a crash.

    With `or_none`, None instead of a 404, so Django's own page says the story does not exist.
    """
    pk = parse_id(unquote(object_id))
    if pk is None and not or_none:
        raise Http404("There is no story with that address.")
    return pk


def restore_refused_message(article: Article) -> str:
    """Why a restore made from an out-of-date page was refused, and what the page below shows."""
    saved = Article.objects.get(pk=article.pk)  # not the revision's words the restore applied
    return (
        f"{workflow.saved_since(saved, saved.version)} Nothing was restored: below, the "
        "revision you chose beside the newest save. Restore it from here if you still want it."
    )


def restore_compare_url(article: Article, version_id: int) -> str:
    """The compare page: the revision someone tried to restore (a) and the newest one (b)."""
    newest = revisions.versions_of(article).first()
    query = f"?a={version_id}&b={newest.pk}" if newest is not None else ""
    return reverse("admin:articles_article_diff", args=[article.pk]) + query


class StoryPagesMixin:
    """The addresses of `ArticleAdmin` besides its list and its form."""

    def get_urls(self):
        wrap = self.admin_site.admin_view

        def story_page(route: str, view, name: str):
            return path(f"<path:object_id>/{route}", wrap(view), name=f"articles_article_{name}")

        return [
            # Share links handed out before the page moved out of the admin (not wrapped in
            # admin_view: the reader has no account).
            path(
                "shared-preview/<str:token>/",
                old_shared_preview_address,
                name="articles_shared_preview",
            ),
            story_page("workflow/", self.workflow_view, "workflow"),
            story_page("reviewer/", self.reviewer_view, "reviewer"),
            path(
                "tag-suggestions/",
                wrap(self.tag_suggestions_view),
                name="articles_article_tag_suggestions",
            ),
            path("autosave/", wrap(autosave_view), name="articles_article_autosave_new"),
            path(
                "embed-check/",
                wrap(self.embed_check_view),
                name="articles_article_embed_check",
            ),
            story_page("autosave/new-draft/", new_draft_view, "autosave_new_draft"),
            story_page("autosave/", autosave_view, "autosave"),
            *presence_urls(self),
            *live_urls(self),
            story_page("notes/", self.note_view, "note"),
            story_page("diff/", self.diff_view, "diff"),
            story_page("restore/<int:version_id>/", self.restore_view, "restore"),
            story_page("preview/", self.preview_view, "preview"),
            story_page("share/", self.share_view, "share"),
            story_page("share/<int:link_id>/revoke/", self.revoke_share_view, "share_revoke"),
            *super().get_urls(),
        ]

    def article_or_404(self, request, object_id) -> Article:
        article = get_object_or_404(Article, pk=story_pk(object_id))
        if not self.has_view_or_change_permission(request, article):
            raise Http404
        return article

    def back(self, article: Article, anchor: str = ""):
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + anchor)

    def workflow_view(self, request, object_id):
        return workflow_view(self, request, object_id)

    def reviewer_view(self, request, object_id):
        return reviewer_view(self, request, object_id, parse_time=parse_local_datetime)

    def embed_check_view(self, request):
        return embed_check_view(self, request)

    def tag_suggestions_view(self, request):
        """Up to 10 existing tag names for the term typed: prefix matches first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return JsonResponse({"results": suggest_tags(request.GET.get("q", ""))})

    def note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.article_or_404(request, object_id)
        text = request.POST.get("text", "").strip()
        if not permissions.can_add_note(request.user, article):
            messages.error(request, "You may not leave notes on this story.")
        elif not text:
            messages.error(request, "Write the note before adding it.")
        else:
            EditorialNote.objects.create(article=article, author=request.user, text=text)
            messages.success(request, "Note added.")
        return self.back(article, "#timeline")

    def diff_view(self, request, object_id):
        article = self.article_or_404(request, object_id)
        versions = revisions.numbered_versions(article)
        if not versions:
            messages.info(request, "This story has no revisions to compare yet.")
            return self.back(article)
        by_id = {version.pk: (number, version) for number, version in versions}
        # By default: what changed since this reader last saw it (submitted, sent back, saved,
        # opened).
        choices = revisions.diff_choices(
            article,
            versions,
            user=request.user,
            opened_before=openings.opened_before_this_visit(request.user, article),
        )
        default = next((c for c in choices if c.key == request.GET.get("since")), choices[0])
        new_id = parse_id(request.GET.get("b") or default.new_version_id)
        old_id = parse_id(request.GET.get("a") or default.old_version_id)
        if new_id not in by_id or old_id not in by_id:
            raise Http404
        shown = next(
            (c for c in choices if (c.old_version_id, c.new_version_id) == (old_id, new_id)), None
        )
        old = revisions.revision_data(by_id[old_id][1], number=by_id[old_id][0])
        new = revisions.revision_data(by_id[new_id][1], number=by_id[new_id][0])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Changes in “{article.headline}”",
            "versions": versions,
            "old": old,
            "new": new,
            "old_version": by_id[old_id][1],
            "new_version": by_id[new_id][1],
            "changes": revisions.diff_revisions(old, new),
            "diff_choices": choices,
            "diff_shown": shown,
            "can_restore": permissions.can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/diff.html", context)

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.article_or_404(request, object_id)
        expected_version = parse_id(request.POST.get("expected_version", ""))
        try:
            if expected_version is None:
                raise workflow.StaleEdit(MISSING_VERSION, code="version_missing")
            with transaction.atomic():
                workflow.restore_revision(
                    request.user,
                    article,
                    version_id=version_id,
                    expected_version=expected_version,
                )
        except workflow.StaleEdit as error:
            if error.code == "version_missing":
                messages.error(request, str(error))
                return self.back(article)
            # Someone saved since the page was opened: nothing restored. Show the revision
            # chosen beside the newest save, so they decide with both texts in view.
            messages.error(request, restore_refused_message(article))
            return redirect(restore_compare_url(article, version_id))
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Restored as a new revision; the history is unchanged.")
        return self.back(article)

    def preview_view(self, request, object_id):
        article = self.article_or_404(request, object_id)
        if not permissions.can_preview(request.user, article):
            raise Http404
        return render_preview(request, article)

    def share_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.article_or_404(request, object_id)
        days = parse_id(request.POST.get("days"))  # none or not understood: the default
        try:
            link = preview.create_preview_link(
                request.user,
                article,
                days=preview.DEFAULT_DAYS if days is None else days,
                embargo_cleared=request.POST.get("embargo_cleared") == "on",
            )
        except (workflow.WorkflowError, ValueError) as error:
            messages.error(request, str(error))
        else:
            url = share_url(request, link)
            local = timezone.localtime(link.expires_at)
            messages.success(
                request,
                format_html(
                    "Share link (valid until {}): <a href='{}'>{}</a>",
                    f"{local:%Y-%m-%d %H:%M}",
                    url,
                    url,
                ),
            )
        return self.back(article, "#preview-links")

    def revoke_share_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.article_or_404(request, object_id)
        link = get_object_or_404(article.preview_links, pk=link_id)
        try:
            preview.revoke_preview_link(request.user, link)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Share link revoked.")
        return self.back(article, "#preview-links")
