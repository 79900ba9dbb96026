"""The story form's autosave addresses: POSTed by static/js/admin-story-autosave.js, and
"Restore it to a new draft" from a read-only story's "Your last typing, not saved".

Staff only and CSRF-checked (the story admin wraps them in `admin_site.admin_view`); the rules
are in `articles.collaboration.autosave`. The autosave answers JSON, with a sentence the page
shows, for every outcome: saved (200), discarded (200), refused (400, 403, 404, 405, 413).
Never a server error. The new draft answers a redirect to the new story, or back with a message.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from articles.collaboration import autosave
from articles.models import Article
from newsroom.ids import parse_id
from newsroom.requests import UnreadableBody, read_form

TOO_BIG = "This text is too large to autosave. It is still in the page: save the story to keep it."


def _refusal(message: str, status: int, code: str) -> JsonResponse:
    return JsonResponse({"error": message, "code": code}, status=status)


def _story(object_id: str | None) -> Article | None:
    """The story in the address, or None for a new story; `Article.DoesNotExist` if none."""
    if object_id is None:
        return None
    pk = parse_id(unquote(object_id))
    if pk is None:
        raise Article.DoesNotExist
    return Article.objects.get(pk=pk)


def time_label(moment) -> str:
    """ "10:02" in the newsroom's time zone (with the date when it is not today)."""
    local, today = timezone.localtime(moment), timezone.localdate()
    if local.date() == today:
        return f"{local:%H:%M}"
    return f"{local:%b} {local.day}, {local:%H:%M}"


def autosave_view(request, object_id: str | None = None):
    """Keep the posted text of the story form as this user's autosave, or discard it."""
    if request.method != "POST":
        return _refusal("Autosave takes a POST from the story form.", 405, "method")
    try:
        posted = read_form(request, max_bytes=autosave.MAX_REQUEST_BYTES)
    except UnreadableBody as unread:
        if unread.too_big:
            return _refusal(TOO_BIG, unread.status, unread.code)
        return _refusal(
            "The autosave could not be read; your text is still in the page.",
            unread.status,
            unread.code,
        )
    try:
        article = _story(object_id)
    except Article.DoesNotExist:
        return _refusal("There is no story at this address.", 404, "not_found")
    try:
        if posted.get("discard"):
            autosave.autosave_discard(request.user, article, draft=posted.get("draft"))
            return JsonResponse({"discarded": True, "message": "Autosaved text discarded."})
        kept = autosave.autosave_store(
            request.user,
            article,
            values={name: posted.get(name) for name in autosave.AUTOSAVED_FIELDS},
            based_on_version=posted.get("expected_version"),
            draft=posted.get("draft"),
        )
    except autosave.AutosaveRefused as refused:
        return _refusal(refused.message, refused.status, refused.code)
    label = time_label(kept.saved_at)
    return JsonResponse(
        {
            "saved_at": kept.saved_at.isoformat(),
            "time": label,
            "message": f"Autosaved at {label}",
        }
    )


def new_draft_view(request, object_id: str):
    """Make a new draft story of this person's kept typing `draft` of the story (POST)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        article = _story(object_id)
    except Article.DoesNotExist:
        raise Http404("There is no story at this address.") from None
    try:
        new = autosave.autosave_to_new_draft(
            request.user, article, draft=request.POST.get("draft", "")
        )
    except autosave.AutosaveRefused as refused:
        messages.error(request, refused.message)
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))
    messages.success(
        request,
        f"Your last typing in “{article.headline}” is now this new draft, “{new.headline}”. "
        "Nothing of the other story changed.",
    )
    return redirect(reverse("admin:articles_article_change", args=[new.pk]))
