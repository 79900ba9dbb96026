"""With DEBUG off (as in tests and production) a server error is written to stderr as one
JSON object with its traceback, and the 500 page says where it went."""

import io
import json
import logging

import pytest
from django.test import Client

from newsroom.ops.jsonlog import JsonFormatter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.newsroom.security.raising_urls")]


@pytest.fixture
def error_stream():
    """What the django.request error handler writes, instead of the process's stderr."""
    handlers = [
        handler
        for handler in logging.getLogger("django.request").handlers
        if isinstance(handler.formatter, JsonFormatter)
    ]
    assert handlers, "django.request has no JSON handler"
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


def test_a_failing_view_is_logged_as_json_with_its_traceback(settings, error_stream):
    assert settings.DEBUG is False
    response = Client(raise_request_exception=False).get("/fail/?page=2")

    assert response.status_code == 500
    lines = [line for line in error_stream.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["method"] == "GET" and entry["path"] == "/fail/"
    assert entry["status"] == 500
    assert entry["exception"] == "RuntimeError: the printing press jammed"
    assert "Traceback (most recent call last)" in entry["traceback"]
    assert 'raise RuntimeError("the printing press jammed")' in entry["traceback"]


def test_the_500_page_says_the_error_was_logged(error_stream):
    response = Client(raise_request_exception=False).get("/fail/")

    page = response.content.decode()
    assert "written to our server log" in page
    assert "We have been told" not in page
    assert "<style" not in page  # it runs under the site's Content-Security-Policy
    assert response["Content-Security-Policy"]


def test_a_missing_page_is_not_logged_as_an_error(client, error_stream):
    assert client.get("/no-such-section/at/all/").status_code == 404
    assert error_stream.getvalue() == ""
