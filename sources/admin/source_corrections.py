"""The page of a source found unreliable or retracted: the live stories citing it, each with
a correction to publish in one action (`sources.standards.source_corrections`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.workflow.errors import WorkflowError
from newsroom.ids import parse_id
from sources.models import Source
from sources.permissions import may_publish_corrections
from sources.standards import source_corrections


def citing_stories_view(request, admin_site, source_id):
    if not may_publish_corrections(request.user):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=parse_id(source_id))
    here = reverse("admin:sources_source_citing", args=[source.pk])
    if request.method == "POST":
        article_id = parse_id(request.POST.get("article", ""))
        try:
            if article_id is None:
                raise ValidationError("No such story.")
            source_corrections.append_correction(
                user=request.user,
                source=source,
                article_id=article_id,
                text=request.POST.get("text", ""),
            )
        except (ValidationError, WorkflowError) as refused:
            text = " ".join(getattr(refused, "messages", None) or [str(refused)])
            messages.error(request, f"Not published: {text}")
        else:
            messages.success(request, "Published with its correction.")
        return redirect(here)
    return TemplateResponse(
        request,
        "admin/sources/source/citing_stories.html",
        {
            **admin_site.each_context(request),
            "title": f"Live stories citing {source.name}",
            "source": source,
            "stories": source_corrections.stories_citing(source),
            "suggested": source_corrections.suggested_text(source),
        },
    )
