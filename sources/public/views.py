"""Public views of the sources app: the newsroom's standards and trust pages and its
corrections.

A policy page is the newsroom's own words (editable in the admin) followed by the rules the
publishing system enforces for that policy, generated from `sources.standards.policy`.
"""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from sources.models import PolicyPage, policy_path
from sources.public_sourcing import recent_corrections
from sources.standards.policy import rules_for


@require_safe
def policy_page(request, kind):
    page = get_object_or_404(PolicyPage, kind=kind)
    canonical = policy_path(page.kind)
    if request.path != canonical:  # /policies/masthead/ is /masthead/
        return HttpResponsePermanentRedirect(canonical)
    rules = rules_for(page.kind)
    return render(
        request,
        "sources/policy.html",
        {
            "page": page,
            "canonical": canonical,
            "musts": [rule for rule in rules if rule.must],
            "weighed": [rule for rule in rules if not rule.must],
        },
    )


def corrections_page(request):
    return render(
        request,
        "sources/corrections.html",
        {"corrections": recent_corrections(limit=100), "policies": PolicyPage.objects.all()},
    )
