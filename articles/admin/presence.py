"""The story page's presence addresses: heartbeat, take over, and the merge view.

- `<id>/presence/` (POST, JSON): the heartbeat of static/js/admin-story-presence.js; the
  answer says who else has the story open, whether a newer version was saved and by whom,
  and whether someone took over (`articles.collaboration.presence`).
- `<id>/presence/version/` (GET, JSON): the short poll of a visible story page, only the saved
  version (`presence.saved_version`); a newer one makes the page send a heartbeat at once.
- `<id>/presence/take-over/` (POST, JSON): "Take over editing" (`presence.take_over`).
- `<id>/merge/` (GET or POST, a page): the person's typed text merged with the saved version
  against the version both started from (`articles.collaboration.merge`): what only one
  side changed is combined by itself, each clash shown side by side with a choice. POSTed by the story form
  itself (its "Compare and merge" button), so every typed word arrives; GET uses the
  person's autosave. "Continue editing" keeps the merged text as their autosave and opens
  the story with it loaded into the form, against the new version.

Staff only and CSRF-checked (wrapped in `admin_site.admin_view`). Every refusal is a clear
sentence with a 4xx status; never a server error.
"""

from functools import partial

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles import workflow
from articles.collaboration import autosave, merge, presence
from articles.models import Article, StoryAutosave
from articles.workflow import permissions
from newsroom.ids import parse_id
from newsroom.requests import UnreadableBody, read_form

MERGED_SESSION_KEY = "story-merged-{pk}"


class _Refused(Exception):
    def __init__(self, message: str, status: int, code: str):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


def _json_refusal(refused) -> JsonResponse:
    return JsonResponse({"error": refused.message, "code": refused.code}, status=refused.status)


def _story(object_id: str) -> Article:
    pk = parse_id(unquote(object_id))
    article = Article.objects.filter(pk=pk).first() if pk is not None else None
    if article is None:
        raise _Refused("There is no story at this address.", 404, "not_found")
    return article


def _posted(request, *, method_note: str):
    if request.method != "POST":
        raise _Refused(method_note, 405, "method")
    try:
        return read_form(request)
    except UnreadableBody as unread:
        if unread.too_big:
            message = "This is too large to send. Your text is still in the page."
        else:
            message = "The request could not be read; reload the story."
        raise _Refused(message, unread.status, unread.code) from None


# --- heartbeat and take over (JSON) ----------------------------------------------------------


def heartbeat_view(request, object_id: str):
    """Note that this person has the story open; answer what their page should say."""
    try:
        posted = _posted(request, method_note="The heartbeat takes a POST from the story page.")
        article = _story(object_id)
        if posted.get("leaving"):
            presence.check_may_be_present(request.user, article)
            presence.leave(request.user, article)
            return JsonResponse({"left": True})
        version = presence.parse_version(posted.get("version"))
        return JsonResponse(presence.page_status(request.user, article, version=version))
    except (_Refused, presence.PresenceRefused) as refused:
        return _json_refusal(refused)


def version_view(request, object_id: str):
    """The story's saved version, for the page's short poll (a few cheap reads, no write)."""
    if request.method != "GET":
        return _json_refusal(_Refused("The version is read with a GET.", 405, "method"))
    pk = parse_id(unquote(object_id))
    try:
        version = presence.saved_version(request.user, pk) if pk is not None else None
    except presence.PresenceRefused as refused:
        return _json_refusal(refused)
    if version is None:
        return _json_refusal(_Refused("There is no story at this address.", 404, "not_found"))
    response = JsonResponse({"version": version})
    response["Cache-Control"] = "no-store"
    return response


def take_over_view(request, object_id: str):
    """Take over editing from whoever else has the story open (recorded in its history)."""
    try:
        _posted(request, method_note="Taking over takes a POST from the story page.")
        article = _story(object_id)
        presence.check_may_be_present(request.user, article)
        event = presence.take_over(request.user, article)
    except (_Refused, presence.PresenceRefused) as refused:
        return _json_refusal(refused)
    except workflow.WorkflowPermissionError as error:
        return JsonResponse({"error": str(error), "code": error.code}, status=403)
    except workflow.WorkflowError as error:
        return JsonResponse({"error": str(error), "code": error.code}, status=409)
    names = event.note.removeprefix("From ").rstrip(".")
    time = presence.clock_label(event.created_at)
    return JsonResponse({"message": f"You took over editing from {names} at {time}.", "time": time})


# --- the merge view (a page) -----------------------------------------------------------------


def _typed(posted, prefix: str = "") -> dict[str, str]:
    return {
        name: posted.get(prefix + name)
        for name in autosave.AUTOSAVED_FIELDS
        if posted.get(prefix + name) is not None
    }


def _render(request, model_admin, article, *, mine, based_on, error="", status=200):
    theirs = merge.saved_text(article)
    fields = merge.merge_fields(mine, theirs, merge.base_text(article, based_on))
    for merged in fields:
        for region in merged.conflicts:
            region.chosen = request.POST.get(merged.choice_name(region), "")
    newer = presence.newer_save(article, request.user, version=based_on)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Compare and merge: {article.headline}",
        "opts": Article._meta,
        "original": article,
        "fields": [merged for merged in fields if merged.shown],
        "summary": merge.summary(fields),
        "mine": mine,
        "based_on": based_on,
        "newer": newer,
        "theirs_name": newer["by"] if newer and newer["by"] != "You" else "the saved version",
        "error": error,
        "story_url": reverse("admin:articles_article_change", args=[article.pk]),
    }
    return TemplateResponse(request, "admin/articles/article/merge.html", context, status=status)


def _based_on(value) -> int:
    """A version the page sent; 0 when unreadable: no revision has it, so the merge has no
    common version and asks about every difference rather than take one side unasked."""
    try:
        return presence.parse_version(value)
    except presence.PresenceRefused:
        return 0


def merge_view(request, object_id: str, model_admin=None):
    """Side by side: what this person typed and the saved version; continue with a choice
    per field."""
    try:
        article = _story(object_id)
    except _Refused as refused:
        return _page_refusal(request, model_admin, refused)
    if not (
        permissions.can_view(request.user, article) and permissions.can_edit(request.user, article)
    ):
        return _page_refusal(
            request,
            model_admin,
            _Refused("You may not edit this story now, so there is nothing to merge.", 403, "no"),
        )
    if request.method == "GET":
        kept = (
            StoryAutosave.objects.filter(user=request.user, article=article)
            .order_by("-saved_at", "-pk")
            .first()
        )
        if kept is None:
            messages.info(request, "There is no unsaved text of yours to compare with the story.")
            return redirect("admin:articles_article_change", article.pk)
        return _render(
            request, model_admin, article, mine=kept.text, based_on=kept.based_on_version
        )
    try:
        posted = _posted(request, method_note="")
    except _Refused as refused:
        return _page_refusal(request, model_admin, refused)

    if "continue" not in posted:
        # From the story form: keep every typed word first (as this person's autosave).
        based_on = _based_on(posted.get("expected_version"))
        try:
            kept = autosave.autosave_store(
                request.user, article, values=_typed(posted), based_on_version=based_on
            )
        except autosave.AutosaveRefused as refused:
            return _page_refusal(request, model_admin, refused)
        return _render(request, model_admin, article, mine=kept.text, based_on=based_on)

    # "Continue editing" with a choice per field.
    try:
        mine = autosave.clean_autosave_text(_typed(posted, "mine_"))
    except autosave.AutosaveRefused as refused:
        return _page_refusal(request, model_admin, refused)
    based_on = _based_on(posted.get("based_on"))
    compared_with = _based_on(posted.get("theirs_version"))
    if compared_with != article.version:
        # Saved again while they compared: compare with the newest version, nothing decided.
        return _render(
            request,
            model_admin,
            article,
            mine=mine,
            based_on=based_on,
            error="The story was saved again while you compared: here is the newest version. "
            "Your text is unchanged; choose again.",
            status=409,
        )
    fields = merge.merge_fields(mine, merge.saved_text(article), merge.base_text(article, based_on))
    choices = {name: value for name, value in posted.items() if name.startswith("choose_")}
    missing = merge.missing_choices(fields, choices)
    if missing:
        return _render(
            request,
            model_admin,
            article,
            mine=mine,
            based_on=based_on,
            error=f"Choose yours, theirs or both for: {', '.join(missing)}. Nothing is lost "
            "meanwhile.",
            status=400,
        )
    merged = merge.merged_text(fields, choices)
    kept = autosave.autosave_store(
        request.user, article, values=merged, based_on_version=article.version
    )
    # The story page loads this very row into the form, once (a person may keep several).
    request.session[MERGED_SESSION_KEY.format(pk=article.pk)] = {
        "version": article.version,
        "autosave": kept.pk,
    }
    messages.success(
        request,
        f"Your choices are in the form, on top of version {article.version}. "
        "Save the story to keep them.",
    )
    return redirect("admin:articles_article_change", article.pk)


def _page_refusal(request, model_admin, refused):
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Compare and merge",
        "error": refused.message,
    }
    return TemplateResponse(
        request, "admin/articles/article/merge_refused.html", context, status=refused.status
    )


def presence_urls(model_admin) -> list:
    """The addresses above, for `ArticleAdmin.get_urls`."""
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "<path:object_id>/presence/",
            wrap(heartbeat_view),
            name="articles_article_presence",
        ),
        path(
            "<path:object_id>/presence/version/",
            wrap(version_view),
            name="articles_article_presence_version",
        ),
        path(
            "<path:object_id>/presence/take-over/",
            wrap(take_over_view),
            name="articles_article_take_over",
        ),
        path(
            "<path:object_id>/merge/",
            wrap(partial(merge_view, model_admin=model_admin)),
            name="articles_article_merge",
        ),
    ]
