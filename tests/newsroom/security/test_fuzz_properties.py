"""Property-based values (Hypothesis) for every address's arguments and for the busiest forms:
whatever number-like text arrives, no response is a server error.

`test_fuzz_urls.py` sends a fixed list of hostile values; here Hypothesis makes them up: digits
and numbers of every Unicode class (Nd, No, Nl: "४२", "²", "Ⅻ"), ASCII digits mixed with signs,
spaces, underscores and exponents, integers far outside any column, the story form's button
values ("accept:²"), and any text at all. Each example:

- fills every path argument of every URL pattern the resolver knows with its own value (the
  others keep a real object's id), each request as an anonymous reader, a reporter or an editor;
- posts values in every field of the story page (and in its buttons alone, with the rest of
  the form as the page sends it, so the save reaches the steps that read them), the comments
  (a new one, a reply, an edit) and the budget's move and start forms, and sends them as the
  budget's, board's, calendar's and budget.json's filters.

Every request runs in a savepoint that is rolled back (`test_fuzz_urls._request`), so every
example meets the same data. The number of examples is bounded to keep the test near half a
minute (NEWSROOM_FUZZ_FULL=1 runs ten times as many); Hypothesis keeps no example database
(nothing is written to the checkout).
"""

import os
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, PlannedStory
from tests.conftest import story_form_data
from tests.newsroom.security import test_fuzz_urls as sweep

pytestmark = pytest.mark.django_db

demo = sweep.demo  # the demo newsroom, its reporter and its editor

ROLES = ("anonymous", "reporter", "editor")
# Digits and numbers of every Unicode class, and what int() or a careless parser might accept.
DIGIT_LIKE = st.characters(categories=["Nd", "No", "Nl"])
NUMBER_PUNCTUATION = st.sampled_from(list("0123456789+-_ .,:eExX\u00a0\u2212"))
NUMBER_LIKE = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.text(DIGIT_LIKE, min_size=1, max_size=24),
    # what str.isdigit() accepts and int() refuses, alone or after ASCII digits
    st.text(
        st.sampled_from("0123456789\u00b2\u00b3\u00b9\u2460\u2473\u24ea\u2070"),
        min_size=1,
        max_size=6,
    ),
    st.text(st.one_of(DIGIT_LIKE, NUMBER_PUNCTUATION), min_size=1, max_size=24),
    st.builds(
        lambda verb, number: f"{verb}:{number}",  # the story form's proposal button
        st.sampled_from(["accept", "reject", "edit", ""]),
        st.text(st.one_of(DIGIT_LIKE, NUMBER_PUNCTUATION), max_size=8),
    ),
    st.text(max_size=40),
)
# The story page's own buttons and fields besides the model's (the sourcing panel's buttons,
# the lead image chooser, the save's version), then the comments' and the budget's fields.
STORY_BUTTONS = ["_proposal", "_approve_anonymity", "_ask_approval"]
STORY_FIELDS = [
    *[*STORY_BUTTONS, "lead_image", "expected_version"],
    *["_save", "_continue", "section", "kind_of_work", "dateline", "tags"],
]
COMMENT_FIELDS = ["text", "quote", "prefix", "suffix", "parent"]
BUDGET_FIELDS = ["plan", "status", "day", "slot", "next", "person", "section", "week"]
BUDGET_PAGES = ["budget/", "board/", "calendar/", "unscheduled/", "budget.json"]
# Each example is one request per path argument of every pattern. NEWSROOM_FUZZ_FULL=1 (a
# nightly or explicit run, as for test_fuzz_urls.py) makes ten times as many.
FULL = os.environ.get("NEWSROOM_FUZZ_FULL") == "1"
EXAMPLES_OF_ADDRESSES = 60 if FULL else 6
EXAMPLES_OF_FORMS = 300 if FULL else 30


def _clients(reporter, editor) -> dict:
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role, user in (("reporter", reporter), ("editor", editor)):
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(user)
    return clients


def _path_arguments(samples) -> list[tuple[str, str, str, dict]]:
    """(template, url name, argument, every argument's real value) for every path argument
    of every pattern; "1" where this test has no real value."""
    found = []
    for template, name, args in sweep.url_templates():
        valid = samples.kwargs(template, name, args) or {}
        real = {a: quote(str(valid.get(a, "1")), safe="") for a in args}
        found += [(template, name, arg, real) for arg in args]
    return found


def _sent(client, method: str, address: str, fields: dict | None = None):
    body = urlencode(fields or {}) if method == "POST" else None
    return sweep._request(client, method, address, body)


def test_any_number_like_value_in_any_path_argument_is_not_a_server_error(demo):
    reporter, editor = demo
    clients = _clients(reporter, editor)
    arguments = _path_arguments(sweep.Samples(reporter))
    assert len(arguments) > 100  # the resolver's patterns, not an empty list by mistake

    @settings(
        max_examples=EXAMPLES_OF_ADDRESSES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def every_address(data):
        failures = []
        for template, name, arg, real in arguments:
            value = data.draw(NUMBER_LIKE, label=f"{name or template} {arg}")
            role = data.draw(st.sampled_from(ROLES), label="as")
            address = "/" + template.format(**{**real, arg: quote(value, safe="")})
            response = _sent(clients[role], "GET", address)
            if response.status_code >= 500:
                failures.append(f"{role} GET {address[:200]}")
        assert not failures, "\n".join(failures)

    every_address()


def test_any_number_like_value_in_the_story_comments_and_budget_forms_is_not_a_server_error(
    demo,
):
    reporter, editor = demo
    clients = _clients(reporter, editor)
    samples = sweep.Samples(reporter)
    article = samples.article
    plan = PlannedStory.objects.order_by("pk").first()
    story_fields = sorted({*STORY_FIELDS, *sweep.form_fields(Article)})
    story_page = f"/admin/articles/article/{article.pk}/change/"
    comments = f"/admin/articles/storycomment/story/{article.pk}/"
    thread = f"/admin/articles/storycomment/thread/{samples.comment.pk}/"
    planning = "/admin/articles/plannedstory/"
    # The whole story form as the page sends it: with only the buttons fuzzed, the save is
    # valid and reaches the sourcing steps that read them.
    _, story_form, _ = story_form_data(clients["editor"], article)
    assert get_user_model().objects.filter(pk=reporter.pk).exists() and plan is not None

    def values_for(names):
        return st.fixed_dictionaries({name: NUMBER_LIKE for name in names})

    @settings(
        max_examples=EXAMPLES_OF_FORMS,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        story=values_for(story_fields),
        comment=values_for(COMMENT_FIELDS),
        budget=values_for(BUDGET_FIELDS),
        action=st.sampled_from(["edit", "resolve", "reopen", "delete", "²", "١"]),
        role=st.sampled_from(ROLES[1:]),
    )
    def every_form(story, comment, budget, action, role):
        client = clients[role]
        requests = [
            ("POST", story_page, story),
            ("POST", story_page, {**story_form, **{b: story[b] for b in STORY_BUTTONS}}),
            ("POST", comments, comment),
            ("POST", comments, {**comment, "quote": "", "prefix": "", "suffix": ""}),
            ("POST", f"{thread}{quote(action, safe='')}/", comment),
            ("POST", f"{planning}move/", budget),
            ("POST", f"{planning}{plan.pk}/start/", budget),
            ("POST", f"{planning}{quote(budget['plan'], safe='')}/start/", budget),
            *[("GET", f"{planning}{page}?{urlencode(budget)}", None) for page in BUDGET_PAGES],
        ]
        failures = []
        for method, address, fields in requests:
            response = _sent(client, method, address, fields)
            if response.status_code >= 500:
                failures.append(f"{role} {method} {address[:200]} {fields}")
        assert not failures, "\n".join(failures)

    every_form()
