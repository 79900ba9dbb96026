"""The pages of stories to correct together, each story with a correction to publish in one
action: the live stories citing a source found unreliable or retracted
(`sources.standards.source_corrections`), and those repeating a corrected claim
(`sources.standards.claim_corrections`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.workflow.errors import WorkflowError
from newsroom.ids import parse_id
from sources.models import Correction, Source
from sources.permissions import may_publish_corrections
from sources.standards import claim_corrections, source_corrections


def _publish_one(request, here, append):
    """Answer a "Publish with this correction" post: `append(article_id, text)` publishes."""
    article_id = parse_id(request.POST.get("article", ""))
    try:
        if article_id is None:
            raise ValidationError("No such story.")
        append(article_id, request.POST.get("text", ""))
    except (ValidationError, WorkflowError) as refused:
        text = " ".join(getattr(refused, "messages", None) or [str(refused)])
        messages.error(request, f"Not published: {text}")
    else:
        messages.success(request, "Published with its correction.")
    return redirect(here)


def citing_stories_view(request, admin_site, source_id):
    if not may_publish_corrections(request.user):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=parse_id(source_id))
    if request.method == "POST":
        return _publish_one(
            request,
            reverse("admin:sources_source_citing", args=[source.pk]),
            lambda article_id, text: source_corrections.append_correction(
                user=request.user, source=source, article_id=article_id, text=text
            ),
        )
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


def repeating_stories_view(request, admin_site, correction_id):
    if not may_publish_corrections(request.user):
        raise PermissionDenied
    correction = get_object_or_404(
        Correction.objects.select_related("article"), pk=parse_id(correction_id)
    )
    if request.method == "POST":
        return _publish_one(
            request,
            reverse("admin:sources_correction_repeats", args=[correction.pk]),
            lambda article_id, text: claim_corrections.append_correction(
                user=request.user, correction=correction, article_id=article_id, text=text
            ),
        )
    return TemplateResponse(
        request,
        "admin/sources/correction/repeating_stories.html",
        {
            **admin_site.each_context(request),
            "title": "Live stories repeating a corrected claim",
            "correction": correction,
            "stories": claim_corrections.stories_repeating(correction),
            "suggested": claim_corrections.suggested_text(correction),
        },
    )
