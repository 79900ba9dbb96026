"""The probe's 23 server errors (issue 19, finding 4), asked again: every id or number the
probe sent as "²" (and the other Unicode digit and number classes) is refused or ignored, never
a 500. Each address is the probe's own; `test_fuzz_urls.py` and `test_fuzz_properties.py`
keep the whole class from coming back anywhere else.
"""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import PlannedStory, ReviewStep
from tests.conftest import story_form_data
from tests.newsroom.security import test_fuzz_urls as sweep

pytestmark = pytest.mark.django_db

demo = sweep.demo  # the demo newsroom, its reporter and its editor

# ² superscript, ① circled, ١٢٣ Arabic-Indic, ४२ Devanagari, １２ fullwidth, ½, Ⅻ, past bigint
VALUES = ["²", "①", "١٢٣", "४२", "１２", "½", "Ⅻ", "9223372036854775808", "-1", "+1"]


def probe_requests(samples, value: str, story_form: dict):
    """(who, method, address, form) for each place the probe found, with `value` in it;
    `story_form` is the story page's whole form, so its save steps are reached."""
    article = samples.article.pk
    plan = PlannedStory.objects.order_by("pk").first().pk
    step = ReviewStep.objects.order_by("pk").first().pk
    story = f"/admin/articles/article/{article}/change/"
    budget = "/admin/articles/plannedstory/"
    filters = urlencode({"person": value, "section": value})
    quoted = quote(value, safe="")
    return [
        ("anonymous", "GET", f"{budget}feed/{quoted}-{'a' * 30}.ics", None),
        ("reporter", "POST", f"/admin/articles/storycomment/story/{article}/", {"parent": value}),
        ("reporter", "POST", f"/admin/articles/storycomment/thread/{quoted}/edit/", {"text": "x"}),
        (
            "editor",
            "POST",
            reverse("admin:articles_reviewstep_decide", args=[article]),
            {
                "step": value,
                "decision": "approve",
                "version": value,
            },
        ),
        (
            "editor",
            "POST",
            reverse("admin:articles_reviewstep_send_link", args=[article]),
            {
                "step": step,
                "days": value,
                "sent_to": "counsel@example.com",
            },
        ),
        (
            "editor",
            "POST",
            reverse("admin:articles_reviewstep_send_link", args=[article]),
            {
                "step": value,
                "days": "1",
                "sent_to": "counsel@example.com",
            },
        ),
        (
            "reporter",
            "POST",
            reverse("admin:articles_article_restore", args=[article, samples.version.pk]),
            {"expected_version": value},
        ),
        ("editor", "POST", f"{budget}move/", {"plan": value, "status": "assigned"}),
        ("editor", "POST", f"{budget}move/", {"plan": plan, "day": value}),
        ("editor", "POST", f"{budget}{quoted}/start/", {}),
        ("editor", "GET", f"{budget}budget/?{filters}", None),
        ("editor", "GET", f"{budget}board/?{filters}", None),
        ("editor", "GET", f"{budget}budget.json?{filters}", None),
        (
            "reporter",
            "POST",
            reverse("admin:articles_article_share", args=[article]),
            {
                "days": value,
            },
        ),
        ("editor", "POST", story, {**story_form, "_proposal": f"accept:{value}"}),
        ("editor", "POST", story, {**story_form, "_approve_anonymity": value}),
        ("editor", "POST", story, {**story_form, "_ask_approval": value}),
        ("editor", "POST", story, {**story_form, "lead_image": value}),
        ("editor", "POST", story, {**story_form, "expected_version": value}),
    ]


def test_no_digit_of_any_script_gives_a_server_error_where_the_probe_found_them(demo):
    reporter, editor = demo
    samples = sweep.Samples(reporter)
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role, user in (("reporter", reporter), ("editor", editor)):
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(user)
    _, story_form, _ = story_form_data(clients["editor"], samples.article)
    failures = []
    for value in VALUES:
        for who, method, address, form in probe_requests(samples, value, story_form):
            body = urlencode(form) if form is not None else None
            response = sweep._request(clients[who], method, address, body)
            if response.status_code >= 500:
                failures.append(f"{who} {method} {address} {form}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)
