"""The start page's "Anonymity approvals waiting" (sources.anonymity_requests): a request
asked and not yet approved, shown only to whoever may approve it."""

import pytest
from django.urls import reverse

from sources import anonymity
from sources.anonymity_requests import waiting_approvals
from sources.models import Attribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(make_article, reporter):
    article = make_article(headline="Pier permits were signed early", created_by=reporter)
    attribution = Attribution.objects.create(
        article=article,
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a planning official",
        anonymity_reason="because they were not authorized to speak",
        position=0,
    )
    anonymity.request_approval(user=reporter, attribution=attribution)
    return attribution


def test_an_editor_who_may_approve_sees_the_request_on_the_start_page(client, editor, asked):
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Anonymity approvals waiting" in page
    assert "Pier permits were signed early" in page and "a planning official" in page
    assert "asked by Rita Reyes" in page


def test_a_reporter_sees_no_box(client, reporter, asked):
    client.force_login(reporter)
    assert "Anonymity approvals waiting" not in client.get(reverse("admin:index")).content.decode()
    assert waiting_approvals(reporter) == ([], 0)


def test_an_approved_source_leaves_the_box(editor, asked):
    assert waiting_approvals(editor)[1] == 1
    anonymity.approve_anonymity(user=editor, attribution=asked)
    assert waiting_approvals(editor) == ([], 0)


def test_an_anonymous_source_nobody_asked_about_is_not_waiting(editor, make_article):
    Attribution.objects.create(
        article=make_article(slug="not-asked"),
        kind="paraphrased",
        anonymous=True,
        public_descriptor="an official",
        position=0,
    )
    assert waiting_approvals(editor) == ([], 0)
