"""Public views of the sources app: the newsroom's standards pages."""

from django.shortcuts import get_object_or_404, render

from .models import PolicyPage


def policy_page(request, kind):
    page = get_object_or_404(PolicyPage, kind=kind)
    return render(request, "sources/policy.html", {"page": page})
