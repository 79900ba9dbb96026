"""The shared preview and the sign-off page, for someone without an account.

Both read the signed token in the address (`preview.link_for_token`,
`sign_off_links.link_for_token`): a token that is not ours, tampered, expired or revoked
is refused with a short page saying so, never a server error. Every response is private
(`_private`): no cache keeps it, no search engine indexes it, no other site gets its address.
"""

from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from articles import workflow
from articles.embeds.facade import allow_players
from articles.models import Article, SignOffDecision
from articles.review import links as sign_off_links
from articles.review import signoffs
from articles.workflow import preview
from articles.workflow.snapshot import build_preview_snapshot


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    # The address is the key: never pass it on to another site. (Not "no-referrer": the
    # browser would then send the form with "Origin: null", which the CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


def render_preview(request, article: Article, *, shared: bool = False) -> HttpResponse:
    """The public story template with the saved working copy (an unsaved snapshot)."""
    snapshot = build_preview_snapshot(article)
    context = {"story": snapshot, "preview": True, "shared_preview": shared}
    return _private(allow_players(render(request, "articles/story.html", context), snapshot))


def shared_preview(request, token: str):
    """A share link's page: the story as it would be published."""
    try:
        link = preview.link_for_token(token)
    except preview.PreviewLinkError as error:
        gone = HttpResponse(str(error), status=410, content_type="text/plain; charset=utf-8")
        return _private(gone)
    return render_preview(request, link.article, shared=True)


def _not_found(request, sentence: str):
    return _private(
        render(request, "articles/sign_off_gone.html", {"sentence": sentence}, status=404)
    )


def sign_off(request, token: str):
    """GET: the story read-only and the form; POST: the decision (`signoffs.sign_off_by_link`).
    Once decided, the page shows the decision only, never the story's later text; it closes
    when the link expires or is revoked (`link_for_token`). Every GET counts as an opening."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        link = sign_off_links.link_for_token(token)
    except sign_off_links.SignOffLinkError as error:
        return _not_found(request, str(error))
    address = request.META.get("REMOTE_ADDR", "")
    typed = {"name": "", "email": "", "decision": "", "note": ""}
    error, status = "", 200
    if request.method == "GET":
        sign_off_links.note_visit(link, address=address)
    elif link.used_at is None:
        typed = {key: request.POST.get(key, "")[:5000] for key in typed}
        try:
            signoffs.sign_off_by_link(
                token, **typed, address=address, read_version=request.POST.get("version", "")[:20]
            )
        except workflow.WorkflowError as refused:
            if refused.code == "link_invalid":
                return _not_found(request, str(refused))
            error, status = str(refused), 400
        else:
            return _private(redirect(request.path))
        link.refresh_from_db()
        link.article.refresh_from_db()  # the page shows the text as it is now
    decided = sign_off_links.link_decision(link) if link.used_at is not None else None
    context = {
        "link": link,
        "step": link.step,
        # After the decision the working copy moves on: the page no longer shows it.
        "story": None if decided else build_preview_snapshot(link.article),
        "decided": decided,
        "typed": typed,
        "error": error,
        "approve": SignOffDecision.APPROVE.value,
        "reject": SignOffDecision.REJECT.value,
    }
    return _private(render(request, "articles/sign_off.html", context, status=status))


# --- the addresses these pages had under /admin/, in mail already sent -------------------------


def old_shared_preview_address(request, token: str):
    return _private(HttpResponsePermanentRedirect(reverse("external:shared_preview", args=[token])))


def old_sign_off_address(request, token: str):
    return _private(HttpResponsePermanentRedirect(reverse("external:sign_off", args=[token])))
