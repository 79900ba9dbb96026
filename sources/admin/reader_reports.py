"""Readers' error reports in the admin: the queue, and a report's page with its two outcomes.

A report is read-only; its page offers "Make it a correction" (the words readers will see
with the story's next publish) and "Close it" (a reason the reader is told). Both go through
`sources.standards.reader_reports`, which checks who may and that nobody handled it first.
The start page shows the waiting reports, grouped by story, to those who may handle them.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse

from articles.workflow.errors import WorkflowError
from newsroom.ids import parse_id
from sources.models import CorrectionKind, ReaderReport, ReaderReportStatus
from sources.permissions import may_publish_corrections
from sources.standards import reader_reports

SHOWN_ON_START_PAGE = 10


def start_page_context(request) -> dict:
    """The waiting reports by story, for the start page of those who may handle them."""
    if not may_publish_corrections(request.user):
        return {}
    stories: dict[int, dict] = {}
    for report in reader_reports.waiting_reports()[:200]:
        entry = stories.setdefault(
            report.article_id, {"article": report.article, "first": report, "count": 0}
        )
        entry["count"] += 1
    if not stories:
        return {}
    return {
        "reader_reports": list(stories.values())[:SHOWN_ON_START_PAGE],
        "reader_reports_total": sum(entry["count"] for entry in stories.values()),
    }


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    list_display = ["headline_seen", "what_excerpt", "created_at", "status"]
    list_filter = ["status"]
    list_select_related = ["article"]
    search_fields = ["headline_seen", "what", "passage"]
    fields = ["headline_seen", "what", "passage", "contact", "created_at", "status", "outcome"]
    readonly_fields = fields
    change_form_template = "admin/sources/readerreport/change_form.html"

    def has_view_permission(self, request, obj=None):
        return may_publish_corrections(request.user)

    def has_module_permission(self, request):
        return may_publish_corrections(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a report and its outcome are the record of what the newsroom did

    @admin.display(description="what is wrong")
    def what_excerpt(self, report: ReaderReport) -> str:
        return report.what[:120]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<str:report_id>/handle/",
                wrap(self.handle_view),
                name="sources_readerreport_handle",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {
            "kinds": [
                (value, label)
                for value, label in CorrectionKind.choices
                if value != CorrectionKind.RETRACTION
            ],
            "waiting": ReaderReport.objects.filter(
                pk=parse_id(object_id), status=ReaderReportStatus.NEW
            ).exists(),
        }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def handle_view(self, request, report_id):
        report = get_object_or_404(ReaderReport, pk=parse_id(report_id))
        back = reverse("admin:sources_readerreport_change", args=[report.pk])
        if request.method != "POST":
            return redirect(back)
        try:
            if request.POST.get("outcome") == "correct":
                reader_reports.make_correction(
                    user=request.user,
                    report_id=report.pk,
                    text=request.POST.get("text", ""),
                    kind=request.POST.get("kind", CorrectionKind.CORRECTION),
                )
                messages.success(
                    request,
                    "The correction is on the story; readers see it with the story's next "
                    "publish (Publish update).",
                )
                return redirect(reverse("admin:articles_article_change", args=[report.article_id]))
            reader_reports.close_report(
                user=request.user, report_id=report.pk, reason=request.POST.get("reason", "")
            )
        except (ValidationError, WorkflowError) as refused:
            text = " ".join(getattr(refused, "messages", None) or [str(refused)])
            messages.error(request, f"Not done: {text}")
            return redirect(back)
        messages.success(request, "The report is closed.")
        return redirect(reverse("admin:sources_readerreport_changelist") + "?status__exact=new")
