"""Content-Security-Policy in real Chromium: public pages (JSON-LD included) and the admin's
story editor, typed into by an editor, cause no CSP violation."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

# Installed before any page script runs; a navigation starts a fresh list.
RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ` +
    `at ${event.sourceFile}:${event.lineNumber}`);
});
"""


class Violations:
    """CSP violations seen by a page: its `securitypolicyviolation` events and console."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.context.add_init_script(RECORDER)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url: str):
        response = self.page.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"], url
        return response

    def on_page(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations") + self.console


@pytest.fixture
def story(make_user, make_article, transactional_db):
    from articles import workflow
    from articles.workflow.permissions import ensure_role_groups

    ensure_role_groups()
    reporter = make_user("rhea", groups=["Reporters"])
    editor = make_user("sam", groups=["Editors"])
    editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    article = make_article("Harbor cranes arrive for the port upgrade", created_by=reporter)
    article.tags.set(["Port"])
    workflow.submit_for_review(reporter, article)
    snapshot = workflow.publish(editor, article)
    return article, snapshot


def test_the_recorder_sees_a_violation(browser, live_server, story):
    page = browser.new_page()
    seen = Violations(page)
    seen.visit(f"{live_server.url}/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.head.appendChild(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.ran") is None  # the inline script did not run
    assert "script-src" in seen.on_page()[0]
    page.close()


def test_public_pages_cause_no_violation(browser, live_server, story):
    _, snapshot = story
    page = browser.new_page()
    seen = Violations(page)
    for path in (
        "/",
        snapshot.url_path,
        snapshot.url_path,  # again, from the page cache
        f"/{snapshot.section_slug}/",
        "/authors/rosa-park-lindqvist/",
        "/tags/port/",
        "/search/?q=cranes",
    ):
        seen.visit(f"{live_server.url}{path}")
        if path == snapshot.url_path:
            expect(page.locator('script[type="application/ld+json"]')).to_have_count(1)
        assert seen.on_page() == [], path
    page.close()


def test_the_story_editor_causes_no_violation(log_in, live_server, story):
    article, _ = story
    page = log_in("sam")  # password, then the code from the authenticator (two-factor)
    seen = Violations(page)

    seen.visit(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator(".field-body .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("The cranes were built in Rotterdam.")
    page.keyboard.press("Control+b")
    page.keyboard.type(" Bold words.")
    assert seen.on_page() == []  # a failure's console message names a hash that would allow it
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert "Rotterdam" in article.body
    assert seen.on_page() == []

    for path in (
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/reviewqueueitem/",
        "/admin/sources/source/",
        "/admin/sources/source/add/",
        "/admin/two-factor/enrol/",
    ):
        seen.visit(f"{live_server.url}{path}")
        assert seen.on_page() == [], path


def test_logging_in_and_enrolling_cause_no_violation(browser, live_server, story):
    from base64 import b32decode

    from django_otp.oath import totp

    page = browser.new_page()
    seen = Violations(page)
    seen.visit(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "sam")
    page.fill("#id_password", "pw-sam")
    page.click("input[type=submit]")
    # sam can see confidential sources and has no authenticator yet: enrolment comes first.
    page.wait_for_url("**/admin/two-factor/enrol/**")
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    assert seen.on_page() == []
    key = b32decode(page.locator(".two-factor-secret").inner_text().replace(" ", ""))
    page.fill("#id_token", str(totp(key)).zfill(6))
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    expect(page.locator(".messagelist")).to_contain_text("Two-factor login is on")
    assert seen.on_page() == []
    page.close()
