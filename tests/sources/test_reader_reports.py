"""Readers report errors from every live story; the standards desk corrects or closes them.

Over real HTTP through Django's test client: the form works without JavaScript, keeps what
was typed when it refuses, and holds off bots (a field people never see, a minimum time, a
limit per address) without storing anything about the reader but what they chose to give.
"""

import time

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sources.models import ReaderReport, ReaderReportStatus
from sources.public import reports
from sources.standards import reader_reports
from tests.sources.conftest import publish_story


@pytest.fixture
def live(sourced_story):
    publish_story(sourced_story)
    return sourced_story


def url(article) -> str:
    return reverse("report-error", args=[article.pk])


def shown_seconds_ago(seconds: float) -> str:
    """The form's signed time, as if the form had been shown `seconds` ago."""
    signer = signing.TimestampSigner(salt=reports._SALT)
    value = f"shown{signer.sep}{signing.b62_encode(int(time.time() - seconds))}"
    return f"{value}{signer.sep}{signer.signature(value)}"


def report(client, article, *, address="203.0.113.7", started=None, **fields):
    headers = {key: fields.pop(key) for key in list(fields) if key.startswith("HTTP_")}
    data = {"what": "The pier is 120 years old, not 100.", "passage": "", "contact": ""}
    data.update(fields)
    data["started"] = started if started is not None else shown_seconds_ago(30)
    return client.post(url(article), data, REMOTE_ADDR=address, **headers)


@pytest.mark.django_db
def test_a_reader_reports_an_error_without_an_account_and_it_waits_in_the_queue(client, live):
    page = client.get(url(live))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert "What is wrong?" in page.content.decode()
    sent = report(client, live, passage="older than most of our riders", contact="r@example.org")
    assert sent.status_code == 200
    assert "Thank you" in sent.content.decode()
    kept = ReaderReport.objects.get()
    assert (kept.article_id, kept.status) == (live.pk, ReaderReportStatus.NEW)
    assert kept.headline_seen == live.snapshot.headline
    assert kept.contact == "r@example.org"


@pytest.mark.django_db
def test_only_stories_readers_can_read_take_reports(client, make_article):
    draft = make_article("Not out yet")
    for target in (url(draft), "/report-an-error/999999/", "/report-an-error/²/"):
        assert client.get(target).status_code == 404
    assert report(client, draft).status_code == 404
    assert not ReaderReport.objects.exists()


@pytest.mark.django_db
def test_a_bot_filling_the_hidden_field_is_thanked_and_ignored(client, live):
    sent = report(client, live, website="http://spam.example")
    assert "Thank you" in sent.content.decode()
    assert not ReaderReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "shown, message",
    [
        (0, "That was quick"),
        (None, "The form had expired"),  # a forged token
        (reports.MAX_AGE + 60, "The form had expired"),
    ],
)
def test_too_fast_or_stale_forms_are_asked_again_keeping_the_words(client, live, shown, message):
    started = "shown:forged:token" if shown is None else shown_seconds_ago(shown)
    sent = report(client, live, started=started, what="Wrong year in paragraph two")
    assert sent.status_code == 400
    text = sent.content.decode()
    assert message in text and "Wrong year in paragraph two" in text
    assert not ReaderReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, message",
    [
        ({"what": "   "}, "the box is empty"),
        ({"what": "x" * 2001}, "under 2000 characters"),
        ({"passage": "y" * 501}, "at most 500 characters"),
        ({"contact": "not an address"}, "is not an email address"),
    ],
)
def test_bad_input_gets_a_message_and_loses_nothing(client, live, fields, message):
    sent = report(client, live, **fields)
    assert sent.status_code == 400
    assert message in sent.content.decode()


@pytest.mark.django_db
def test_one_address_is_limited_per_hour_and_others_are_not(client, live):
    for _ in range(reader_reports.PER_ADDRESS_PER_HOUR):
        assert report(client, live).status_code == 200
    refused = report(client, live)
    assert refused.status_code == 400
    assert "several reports from you" in refused.content.decode()
    assert report(client, live, address="198.51.100.9").status_code == 200
    assert ReaderReport.objects.count() == reader_reports.PER_ADDRESS_PER_HOUR + 1


@pytest.mark.django_db
def test_readers_behind_the_edge_are_counted_apart_by_their_own_address(client, live, settings):
    """Behind Varnish every request comes from the proxy: the limit counts the reader's
    address (newsroom.security.client_ip, as login throttling does), not the proxy's."""
    settings.NEWSROOM_PROXY_COUNT = 1
    for n in range(reader_reports.PER_ADDRESS_PER_HOUR + 1):
        sent = report(client, live, address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert sent.status_code == 200
    for _ in range(reader_reports.PER_ADDRESS_PER_HOUR):
        report(client, live, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    refused = report(client, live, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert refused.status_code == 400


@pytest.mark.django_db
def test_a_script_in_a_report_is_text_on_every_page_that_shows_it(client, live, editor):
    report(client, live, what="<script>alert(1)</script> wrong")
    client.force_login(editor)
    start = client.get(reverse("admin:index")).content.decode()
    assert "<script>alert(1)" not in start
    assert "&lt;script&gt;alert(1)" in start


@pytest.mark.django_db
def test_an_editor_makes_it_a_correction_and_the_reader_is_told(
    client, live, editor, django_capture_on_commit_callbacks
):
    report(client, live, contact="reader@example.org")
    kept = ReaderReport.objects.get()
    client.force_login(editor)
    start = client.get(reverse("admin:index")).content.decode()
    assert "Readers' error reports" in start and live.headline in start
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("admin:sources_readerreport_handle", args=[kept.pk]),
            {"outcome": "correct", "kind": "correction", "text": "The pier is 120 years old."},
        )
    assert done.status_code == 302
    kept.refresh_from_db()
    assert kept.status == ReaderReportStatus.CORRECTED
    assert kept.correction.article_id == live.pk and not kept.correction.is_published
    assert [m.to for m in mail.outbox if "Your report" in m.subject] == [["reader@example.org"]]
    assert "The pier is 120 years old." in mail.outbox[-1].body


@pytest.mark.django_db
def test_closing_needs_a_reason_and_nobody_handles_a_report_twice(live, editor, second_editor):
    kept = reader_reports.file_report(live.snapshot, what="Typo", address="a")
    with pytest.raises(ValidationError):
        reader_reports.close_report(user=editor, report_id=kept.pk, reason=" ")
    reader_reports.close_report(user=editor, report_id=kept.pk, reason="It is spelled so.")
    with pytest.raises(ValidationError):
        reader_reports.make_correction(user=second_editor, report_id=kept.pk, text="Fixed.")


@pytest.mark.django_db
def test_people_who_may_not_write_corrections_cannot_handle_reports(client, live, reporter):
    kept = reader_reports.file_report(live.snapshot, what="Typo", address="a")
    with pytest.raises(PermissionDenied):
        reader_reports.close_report(user=reporter, report_id=kept.pk, reason="no")
    client.force_login(reporter)
    assert "Readers' error reports" not in client.get(reverse("admin:index")).content.decode()
    handle = reverse("admin:sources_readerreport_handle", args=[kept.pk])
    assert client.post(handle, {"outcome": "close", "reason": "x"}).status_code in (302, 403)
    kept.refresh_from_db()
    assert kept.status == ReaderReportStatus.NEW


@pytest.mark.django_db
def test_the_story_links_to_the_form_and_its_markup_names_the_feedback_policy(client, live):
    page = client.get(live.snapshot.url_path).content.decode()
    assert f'href="{url(live)}"' in page
    assert '"actionableFeedbackPolicy"' in page
