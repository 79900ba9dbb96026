"""The signer's own page: a minimal page, not the admin's, for someone who signs stories off
(a Legal member without a newsroom role lands here after logging in; anyone may use it).

- sign-offs/                     the steps waiting for them or their group
- sign-offs/<story>/<step>/      the story's text as it stands (read-only, the version being
                                 decided) and the decision: approve, approve with conditions
                                 (a note), request changes (a note)

Behind the admin's login (lockout, and two-factor where the person's permissions need it).
Every check is the review service's (`signoffs.sign_off`: `may_sign_step`, the order, the
version read); a step the person may not sign answers 404, as an unknown one does.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from articles import workflow
from articles.models import Article, ReviewStep, SignOffDecision
from articles.review import chains as review_chains
from articles.review import inbox, signoffs
from articles.review import permissions as review_permissions
from articles.workflow import permissions
from articles.workflow.snapshot import build_preview_snapshot
from newsroom.ids import parse_id

# The choices of the form, and what each asks of the review service.
CHOICES = {
    "approve": (SignOffDecision.APPROVE, False),
    "conditions": (SignOffDecision.APPROVE, True),
    "changes": (SignOffDecision.REJECT, False),
}


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def start_page_for_signers(request) -> str | None:
    """Someone who may not read the newsroom's stories (a Legal member without a role) has
    no start page: they land on the steps waiting for them."""
    if permissions.can_view(request.user):
        return None
    return reverse("admin:articles_sign_offs")


def waiting_view(request):
    """The list of steps waiting for the person's decision."""
    context = {
        "waiting": inbox.waiting_for(request.user),
        "limit": inbox.LIMIT,
        "signed_in_page": True,
    }
    return _private(render(request, "articles/sign_offs/waiting.html", context))


def _step_or_404(request, article_id, step_id) -> tuple[Article, ReviewStep]:
    article_pk, step_pk = parse_id(article_id), parse_id(step_id)
    article = Article.objects.filter(pk=article_pk).select_related("section").first()
    step = ReviewStep.objects.filter(pk=step_pk).select_related("group", "user").first()
    if (
        article is None
        or step is None
        or not review_chains.applies_to(step, article)
        or not review_permissions.may_sign_step(request.user, step)
        or permissions.is_owner(request.user, article)
    ):
        raise Http404("There is no sign-off for you at this address.")
    return article, step


def decide_view(request, article_id, step_id):
    """GET: the story read-only and the form; POST: the decision (`signoffs.sign_off`)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    article, step = _step_or_404(request, article_id, step_id)
    typed = {"choice": "", "note": ""}
    error, status = "", 200
    if request.method == "POST":
        typed = {key: request.POST.get(key, "")[:5000] for key in typed}
        decision, conditions = CHOICES.get(typed["choice"], ("", False))
        try:
            signoffs.sign_off(
                request.user,
                article,
                step=step,
                decision=decision,
                note=typed["note"],
                conditions=conditions,
                read_version=request.POST.get("version", "")[:20],
            )
        except workflow.WorkflowError as refused:
            error, status = str(refused), 400
            article.refresh_from_db()
        else:
            messages.success(request, f"Your decision on “{article.headline}” is sent.")
            return _private(redirect(reverse("admin:articles_sign_offs")))
    states = review_chains.chain_state(article)
    state = next((s for s in states if s.step.pk == step.pk), None)
    context = {
        "article": article,
        "step": step,
        "state": state,
        "blocked_by": review_chains.waiting_before(states, step),
        "signable": article.state in review_chains.SIGNABLE_STATES,
        "story": build_preview_snapshot(article),
        "typed": typed,
        "error": error,
        "signed_in_page": True,
    }
    return _private(render(request, "articles/sign_offs/decide.html", context, status=status))
