"""The sourcing audit's page and CSV export, for standards editors (`sources.standards.audit`).

`/admin/sources/source/audit/` with `?start=YYYY-MM-DD&end=YYYY-MM-DD&section=<id>&author=<id>`
(any of them); `&format=csv` gives one row per story. A value that cannot be read is named
in a message and left out, never a 500; a period longer than `MAX_DAYS` is cut to it.
"""

import csv
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse

from articles.models import Section
from authors.models import Author
from newsroom.ids import parse_id
from sources.permissions import can_see_sourcing_audit
from sources.standards.audit import MAX_DAYS, AuditScope, csv_rows, default_scope, run_audit

# The chart: one bar per share, BAR_STEP pixels apart, 100% drawn BAR_SCALE × 100 wide.
BAR_STEP = 26
BAR_SCALE = 3

# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _date(request, name: str, default: date) -> date:
    value = request.GET.get(name, "").strip()
    if not value:
        return default
    if len(value) == 10 and value.isascii():
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    messages.warning(request, f"“{value[:40]}” is not a date (YYYY-MM-DD): {default} is used.")
    return default


def _choice(request, name: str, model, label: str) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    pk = parse_id(value)
    if pk is None or not model.objects.filter(pk=pk).exists():
        messages.warning(request, f"No such {label}: the audit covers every {label}.")
        return None
    return pk


def scope_from(request) -> AuditScope:
    default = default_scope()
    start = _date(request, "start", default.start)
    end = _date(request, "end", default.end)
    if start > end:
        messages.warning(request, "The period started after it ended: the two dates are swapped.")
        start, end = end, start
    if (end - start).days >= MAX_DAYS:
        start = date.fromordinal(end.toordinal() - MAX_DAYS + 1)
        messages.warning(request, f"An audit covers at most {MAX_DAYS} days: from {start}.")
    return AuditScope(
        start=start,
        end=end,
        section_id=_choice(request, "section", Section, "section"),
        author_id=_choice(request, "author", Author, "byline"),
    )


def _cell(value):
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else value


def audit_view(request, admin_site):
    if not can_see_sourcing_audit(request.user):
        raise PermissionDenied
    audit = run_audit(scope_from(request))
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"sourcing-audit-{audit.scope.start}-{audit.scope.end}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        writer = csv.writer(response)
        for row in csv_rows(audit):
            writer.writerow([_cell(value) for value in row])
        return response
    bars = [
        ("with an anonymous source", audit.with_anonymous),
        ("with a single source", audit.single_source),
        ("with no one on the record", audit.no_on_record),
    ]
    return TemplateResponse(
        request,
        "admin/sources/audit.html",
        {
            **admin_site.each_context(request),
            "title": "Sourcing audit",
            "audit": audit,
            "bars": [
                {
                    "label": label,
                    "count": count,
                    "percent": audit.percent(count),
                    "y": index * BAR_STEP,
                    "width": audit.percent(count) * BAR_SCALE,
                }
                for index, (label, count) in enumerate(bars)
            ],
            "chart_height": len(bars) * BAR_STEP,
            "voices": audit.voices.most_common(),
            "voices_total": sum(audit.voices.values()),
            "outlets": audit.outlets.most_common(10),
            "approvers": audit.approvers.most_common(),
            "sections": Section.objects.order_by("name"),
            "authors": Author.objects.filter(is_active=True).order_by("name"),
        },
    )
