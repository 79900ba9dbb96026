""" "Report an error": the public page on which a reader tells the newsroom a story is wrong.

`/report-an-error/<story id>/` for any story readers can read now (anything else is a 404,
the same for a story that does not exist and one not yet public). It works without
JavaScript and keeps what the reader typed when something is refused. Against abuse, with
no third party: a field people never see (a bot that fills it is thanked and ignored), a
signed time the form was shown (sent within `MIN_SECONDS` it is asked again), limits on
size, and at most a few reports an hour from one address (`sources.standards.reader_reports`).
The page is never cached: it carries a CSRF token and a fresh time.
"""

from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from articles.models import PublishedArticle
from newsroom.security import client_ip
from sources.standards.reader_reports import (
    MAX_PASSAGE,
    MAX_WHAT,
    ReportRefused,
    check_report,
    file_report,
)

MIN_SECONDS = 3
MAX_AGE = 6 * 3600  # a form left open longer is shown again with what was typed
TRAP = "website"  # the field people never see
_SALT = "reader-report-form"


def _visible_story(story_id: int) -> PublishedArticle:
    story = PublishedArticle.objects.visible().filter(article_id=story_id).first()
    if story is None:
        raise Http404("No such story")
    return story


def _started_token() -> str:
    return signing.TimestampSigner(salt=_SALT).sign("shown")


def _form_timing(token: str) -> str:
    """ "expired" (or forged), "fast" (sent within MIN_SECONDS of being shown) or "ok"."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        signer.unsign(token, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return "expired"
    try:
        signer.unsign(token, max_age=MIN_SECONDS)
    except signing.SignatureExpired:
        return "ok"
    return "fast"


def _form_problem(typed: dict) -> str:
    try:
        check_report(**typed)
    except ReportRefused as refused:
        return refused.message
    return ""


@never_cache
def report_error(request, story_id: int):
    story = _visible_story(story_id)
    typed = {
        "what": request.POST.get("what", ""),
        "passage": request.POST.get("passage", request.GET.get("passage", ""))[: MAX_PASSAGE * 2],
        "contact": request.POST.get("contact", "").strip(),
    }
    context = {"story": story, "typed": typed, "max_what": MAX_WHAT, "max_passage": MAX_PASSAGE}
    if request.method == "POST":
        if request.POST.get(TRAP):
            return render(request, "sources/report_error_sent.html", {"story": story})
        timing = _form_timing(request.POST.get("started", ""))
        problem = _form_problem(typed)
        if timing == "expired":
            problem = "The form had expired: check your report and send it again."
        elif timing == "fast" and not problem:
            problem = "That was quick: check your report and send it again."
        if not problem:
            try:
                file_report(story, **typed, address=client_ip(request))
            except ReportRefused as refused:
                problem = refused.message
            else:
                return render(request, "sources/report_error_sent.html", {"story": story})
        context["problem"] = problem
    context["started"] = _started_token()
    status = 400 if context.get("problem") else 200
    return render(request, "sources/report_error.html", context, status=status)
