"""Public views of the sources app: the newsroom's standards pages and its corrections."""

from django.shortcuts import get_object_or_404, render

from sources.models import PolicyPage
from sources.public_sourcing import recent_corrections


def policy_page(request, kind):
    page = get_object_or_404(PolicyPage, kind=kind)
    return render(request, "sources/policy.html", {"page": page})


def corrections_page(request):
    return render(
        request,
        "sources/corrections.html",
        {"corrections": recent_corrections(limit=100), "policies": PolicyPage.objects.all()},
    )
