"""The public pages of signed versions: a story's versions, each version's text and signed
statement, the newsroom's public keys, and the verify page.

Anyone may use them, without an account. They read only published versions of stories
readers can read now (`articles.versions.verify`); a withdrawn or retracted story answers
410 Gone as its page does, and a scheduled story's versions 404 like it. Nothing here
touches the private key: the keys page reads the public halves recorded in the database.
"""

from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import PublicStatus, SigningKey
from articles.public import edge
from articles.public import queries as public_queries
from articles.public.page_cache import public_page
from articles.versions import canonical, signing, verify

# Versions are numbered from 1; past what the column holds there is none to find.
MAX_NUMBER = 2**31 - 1


def _story(section, year, month, day, slug):
    """The live snapshot the versions belong to, or the response for its address instead:
    a redirect (the story moved), 410 (taken down) or 404 (none, or not public yet)."""
    path = f"/{section}/{year:04d}/{month:02d}/{day:02d}/{slug}/"
    found = public_queries.story_at(path)
    if found.redirect_to:
        return None, found.redirect_to
    if found.gone is not None:
        return found.gone, None
    if found.story is None:
        raise Http404("No story at this address.")
    return found.story, None


def _gone(request, snapshot):
    retracted = snapshot.status == PublicStatus.RETRACTED
    context = {"story": snapshot if retracted else None, "retracted": retracted}
    response = render(request, "410.html", context, status=410)
    return edge.name_keys(response, edge.keys_of(snapshot))


def _version(snapshot, number: int):
    if not 1 <= number <= MAX_NUMBER:
        raise Http404("No such version.")
    version = verify.public_versions(snapshot.article_id).filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    return version


@require_safe
@public_page
def versions_page(request, section, year, month, day, slug):
    snapshot, moved = _story(section, year, month, day, slug)
    if moved:
        return HttpResponsePermanentRedirect(moved + "versions/")
    if snapshot.status != PublicStatus.LIVE:
        return _gone(request, snapshot)
    versions = list(verify.public_versions(snapshot.article_id))
    rows = [
        {"version": v, "signature_valid": verify.signature_valid(v)} for v in reversed(versions)
    ]
    response = render(request, "articles/versions/versions.html", {"story": snapshot, "rows": rows})
    return edge.name_keys(response, edge.keys_of(snapshot))


@require_safe
@public_page
def versions_json(request, section, year, month, day, slug):
    """The versions page for programs: everything needed to check each version without us."""
    snapshot, moved = _story(section, year, month, day, slug)
    if moved:
        return HttpResponsePermanentRedirect(moved + "versions.json")
    if snapshot.status != PublicStatus.LIVE:
        return _gone(request, snapshot)
    site = settings.SITE_URL + snapshot.url_path
    versions = [
        {
            "number": v.number,
            "published": v.published_at.isoformat(),
            "kind": v.kind,
            "announced": v.announced,
            "changes": v.changes,
            "sha256": v.sha256,
            "signature": v.signature,
            "key_id": v.key.key_id,
            "text_url": f"{site}versions/{v.number}/text.txt",
            "statement_url": f"{site}versions/{v.number}/statement.txt",
        }
        for v in verify.public_versions(snapshot.article_id)
    ]
    data = {
        "story": site,
        "keys_url": settings.SITE_URL + reverse("signing-keys"),
        "versions": versions,
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    return edge.name_keys(response, edge.keys_of(snapshot))


def _plain(request, section, year, month, day, slug, number, part: str):
    snapshot, moved = _story(section, year, month, day, slug)
    if moved:
        return HttpResponsePermanentRedirect(f"{moved}versions/{number}/{part}.txt")
    if snapshot.status != PublicStatus.LIVE:
        return _gone(request, snapshot)
    version = _version(snapshot, number)
    body = version.text if part == "text" else version.statement
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    return edge.name_keys(response, edge.keys_of(snapshot))


@require_safe
@public_page
def version_text(request, section, year, month, day, slug, number):
    """The version's canonical text, exactly as hashed."""
    return _plain(request, section, year, month, day, slug, number, "text")


@require_safe
@public_page
def version_statement(request, section, year, month, day, slug, number):
    """The version's statement, exactly as signed."""
    return _plain(request, section, year, month, day, slug, number, "statement")


@require_safe
@public_page
def signing_keys(request):
    """Every public key the newsroom has signed versions with, current and retired."""
    keys = [
        {
            "id": key.key_id,
            "algorithm": "Ed25519",
            "status": "retired" if key.retired_at else "current",
            "public_key_base64": key.public_key,
            "public_key_pem": signing.public_pem(key.public_key),
            "first_used": key.first_used_at.isoformat(),
            "retired": key.retired_at.isoformat() if key.retired_at else None,
        }
        for key in SigningKey.objects.order_by("first_used_at")
    ]
    response = JsonResponse(
        {"statement_format": canonical.FORMAT, "keys": keys}, json_dumps_params={"indent": 2}
    )
    return edge.name_keys(response, [edge.FRONT])


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify_page(request):
    """A text in, the versions it matches out. Never cached: it carries a CSRF token."""
    text = request.POST.get("text", "") if request.method == "POST" else ""
    context = {"text": text, "max_chars": verify.MAX_TEXT_CHARS}
    if request.method == "POST":
        if len(text) > verify.MAX_TEXT_CHARS:
            context["problem"] = (
                f"That text is {len(text):,} characters long; a story here is at most "
                f"{verify.MAX_TEXT_CHARS:,}. Paste one story at a time."
            )
        elif not canonical.canonical_lines(text):
            context["problem"] = "Paste the text of the story (headline, summary and body)."
        else:
            context["checked"] = True
            context["matches"] = verify.matches(text)
            context["digest"] = canonical.sha256(canonical.canonical_text(text))
    status = 400 if context.get("problem") else 200
    return render(request, "articles/versions/verify.html", context, status=status)
