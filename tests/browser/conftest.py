"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against live_server.

Browser tests never skip silently: only NEWSROOM_SKIP_BROWSER=1 skips them, explicitly. They
are marked `browser` by tests/conftest.py (LANES). Under pytest-xdist each worker launches its
own Chromium against its own live server (a free port) and its own test database.
Screenshots go to test-artifacts/screenshots/ (git-ignored) for people to look at.
"""

import os
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django must still allow ORM calls
# from test code around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run ./dev test (it installs Debian's chromium) "
            "or set NEWSROOM_SKIP_BROWSER=1 to skip browser tests explicitly."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class InFlightRequests:
    """Wraps the live server's WSGI app to count the requests it is answering, so a test's
    teardown can wait for none before the database is flushed: a presence or autosave request
    still running during the flush's TRUNCATE deadlocks with it."""

    def __init__(self, app):
        self.app = app
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
        response = None
        try:
            response = self.app(environ, start_response)
            return list(response)
        finally:
            if hasattr(response, "close"):
                response.close()  # Django's request_finished: the request's connections close
            with self.lock:
                self.count -= 1

    def wait_until_idle(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.count and time.monotonic() < deadline:
            time.sleep(0.02)


@pytest.fixture(scope="session")
def in_flight(live_server):
    httpd = live_server.thread.httpd
    counter = InFlightRequests(httpd.get_app())
    httpd.set_app(counter)
    return counter


def _server_of(request) -> InFlightRequests | None:
    """The live server's request counter, when the test uses the live server."""
    return request.getfixturevalue("in_flight") if "live_server" in request.fixturenames else None


def _close(contexts, server: InFlightRequests | None, browser=None) -> None:
    """Close the browser contexts (with `browser`, every context still open in it: a test
    may open a reader's or a second editor's window of its own), then let the live server
    finish what they asked."""
    for context in {*contexts, *(browser.contexts if browser is not None else ())}:
        context.close()
    if server is not None:
        server.wait_until_idle()


@pytest.fixture
def page(browser, request):
    server = _server_of(request)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    _close([context], server, browser)


@pytest.fixture
def phone_page(browser, request):
    server = _server_of(request)
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    _close([context], server, browser)


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def log_in(browser, live_server, in_flight):
    """Open a new browser context logged in as `username`, on the admin's start page.

    The session is the one a login leaves (Django's login; for a user who needs a second
    factor, an authenticator device whose code was entered: tests/conftest.py and tests.otp),
    handed to the browser as its cookie: typing the password and the code on the login pages
    costs every browser test two or three page loads. Those pages are driven in Chromium by
    test_csp_browser.py (password, enrolment, code) and test_new_hire_byline_browser.py and
    test_scheduling_browser.py (password, code), and the rules behind them by
    tests/newsroom/security/.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from playwright.sync_api import expect

    contexts = []

    def log_in_as(username: str, *, width: int = 1280):
        session = Client()
        session.force_login(get_user_model().objects.get(username=username))
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        cookie = session.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(f"{live_server.url}/admin/")
        expect(page.locator("#user-tools")).to_be_visible()
        return page

    yield log_in_as
    # Closed before the test's database is flushed: an open story page keeps sending presence
    # and autosave requests, and one arriving during the flush's TRUNCATE deadlocked with it.
    _close(contexts, in_flight, browser)
