"""Readers' error reports: filed from a published story, handled by the standards desk.

A reader reports what is wrong (and may quote the passage and leave an address) from the
"Report an error" page of any live story (`sources.public.reports`). The report waits in
the standards desk's queue (the start page, grouped by story) until an editor either makes
it a correction — written on the story, it reaches readers with the story's next publish,
through the workflow like every correction — or closes it with a reason. A reader who left
an address is told the outcome by mail (through the task queue).

Abuse is kept down without third parties: the form's honeypot and its minimum time are the
public view's; here, at most `PER_ADDRESS_PER_HOUR` reports from one address an hour (the
address is hashed with the secret key and kept only in the cache, never stored) and
`PER_STORY_WAITING` waiting reports a story.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from articles import workflow
from articles.models import PublishedArticle
from articles.workflow.notifications import queue_mail
from sources import corrections
from sources.models import Correction, CorrectionKind, ReaderReport, ReaderReportStatus
from sources.permissions import may_publish_corrections

PER_ADDRESS_PER_HOUR = 5
PER_STORY_WAITING = 50
MAX_WHAT = 2000
MAX_PASSAGE = 500


class ReportRefused(Exception):
    """A report that is not taken: `message` says why, for the reader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _throttle_key(address: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"reader-report:{digest}"


def check_report(*, what: str, passage: str = "", contact: str = "") -> None:
    """Refuse (ReportRefused, a sentence for the reader) a report that cannot be kept."""
    if not what.strip():
        raise ReportRefused("Tell us what is wrong: the box is empty.")
    if len(what) > MAX_WHAT:
        raise ReportRefused(f"Please keep what is wrong under {MAX_WHAT} characters.")
    if len(passage) > MAX_PASSAGE:
        raise ReportRefused(f"Please quote at most {MAX_PASSAGE} characters of the passage.")
    if contact:
        try:
            validate_email(contact)
        except ValidationError:
            raise ReportRefused(
                f"“{contact[:80]}” is not an email address: correct it or leave it empty."
            ) from None


def file_report(
    snapshot: PublishedArticle, *, what: str, passage: str = "", contact: str = "", address: str
) -> ReaderReport:
    """Keep a reader's report on a live story. Refuses (ReportRefused) what `check_report`
    refuses, and too many from one address or on one story."""
    what, passage, contact = what.strip(), " ".join(passage.split()), contact.strip()
    check_report(what=what, passage=passage, contact=contact)
    key = _throttle_key(address)
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > PER_ADDRESS_PER_HOUR:
        raise ReportRefused(
            "We have had several reports from you in the last hour: please try again later."
        )
    waiting = ReaderReport.objects.filter(
        article_id=snapshot.article_id, status=ReaderReportStatus.NEW
    )
    if waiting.count() >= PER_STORY_WAITING:
        raise ReportRefused(
            "Many readers have reported this story already; our standards editors are on it."
        )
    return ReaderReport.objects.create(
        article_id=snapshot.article_id,
        headline_seen=snapshot.headline[:300],
        what=what,
        passage=passage,
        contact=contact,
    )


def waiting_reports():
    """The queue: waiting reports, grouped by story (newest story first)."""
    return (
        ReaderReport.objects.filter(status=ReaderReportStatus.NEW)
        .select_related("article")
        .order_by("-article__first_published_at", "article_id", "created_at")
    )


def _handled(report: ReaderReport, *, user, status: str, outcome: str) -> None:
    report.status = status
    report.outcome = outcome[:500]
    report.handled_by = user
    report.handled_at = timezone.now()


def _tell_reader(report: ReaderReport, text: str) -> None:
    if report.contact:
        subject = f"Your report on “{report.headline_seen}”"
        transaction.on_commit(lambda: queue_mail(subject, text, [report.contact]))


def _locked_waiting(report_id: int) -> ReaderReport:
    report = ReaderReport.objects.select_for_update().select_related("article").get(pk=report_id)
    if report.status != ReaderReportStatus.NEW:
        raise ValidationError("This report has been handled already.", code="report_handled")
    return report


def make_correction(
    *, user, report_id: int, text: str, kind: str = CorrectionKind.CORRECTION
) -> Correction:
    """Turn a report into a correction on its story; it reaches readers with the next publish."""
    if not may_publish_corrections(user):
        raise PermissionDenied("Only editors handle readers' reports.")
    corrections.check_written({"kind": kind, "text": text})
    with transaction.atomic():
        report = _locked_waiting(report_id)
        if not corrections.can_be_corrected(report.article):
            raise ValidationError("The story is not published: there is nothing to correct.")
        correction = Correction.objects.create(article=report.article, kind=kind, text=text.strip())
        # The story now has a change waiting ("live + draft"): the next Publish update
        # carries the correction, with the revision and history every change gets.
        workflow.touch_article(user, report.article, comment="Correction from a reader's report")
        _handled(report, user=user, status=ReaderReportStatus.CORRECTED, outcome=text.strip())
        report.correction = correction
        report.save()
        _tell_reader(
            report,
            "Thank you for your report. You were right: we are correcting the story, and "
            f"readers will see this note with it:\n\n{text.strip()}\n",
        )
    return correction


def close_report(*, user, report_id: int, reason: str) -> ReaderReport:
    """Close a report that needs no correction, saying why (the reader is told)."""
    if not may_publish_corrections(user):
        raise PermissionDenied("Only editors handle readers' reports.")
    if not reason.strip():
        raise ValidationError("Say why the report is closed: the reader is told.")
    with transaction.atomic():
        report = _locked_waiting(report_id)
        _handled(report, user=user, status=ReaderReportStatus.CLOSED, outcome=reason.strip())
        report.save()
        _tell_reader(
            report,
            "Thank you for your report. We looked into it and are not correcting the story, "
            f"because:\n\n{reason.strip()}\n",
        )
    return report
