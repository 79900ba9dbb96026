"""Public views of the sources app: the newsroom's standards pages and its corrections.

A policy page is the newsroom's own words (editable in the admin) followed by the rules the
publishing system enforces for that policy, generated from `sources.standards.policy`.
"""

from django.shortcuts import get_object_or_404, render

from sources.models import PolicyPage
from sources.public_sourcing import recent_corrections
from sources.standards.policy import rules_for


def policy_page(request, kind):
    page = get_object_or_404(PolicyPage, kind=kind)
    rules = rules_for(page.kind)
    return render(
        request,
        "sources/policy.html",
        {
            "page": page,
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
