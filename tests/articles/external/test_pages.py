"""The pages for people without an account (articles.external): outside /admin/, no login,
never cached or indexed; the addresses they had under /admin/ redirect to them (links
already sent by mail keep working); a hostile token is refused, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import ReviewStep, Section
from articles.review import links as sign_off_links
from articles.workflow import preview

pytestmark = pytest.mark.django_db

# Tokens that are not ours: non-ASCII digits ("²" and Arabic-Indic "١٢٣", which
# str.isdigit() accepts), a NUL, a very long one, a colon without a signature.
HOSTILE_TOKENS = ["²", "١٢٣", "1\x00", "x" * 10_000, "nothing:here", ":", "%ff"]


@pytest.fixture
def share_link(make_article, reporter):
    story = make_article("Ferry timetable changes for winter", created_by=reporter)
    return preview.create_preview_link(reporter, story, days=2)


@pytest.fixture
def sign_off_link(make_article, reporter, editor):
    story = make_article("Council budget vote delayed", created_by=reporter)
    section = Section.objects.create(name="Investigations", slug="investigations")
    story.section = section
    story.save()
    step = ReviewStep.objects.create(section=section, name="Legal", user=editor)
    return sign_off_links.new_link(
        editor, story, step, days=2, sent_to="counsel@firm.example", now=timezone.now()
    )


def _private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_shared_preview_is_outside_the_admin_and_needs_no_login(share_link):
    address = reverse("external:shared_preview", args=[preview.signed_token(share_link)])
    assert address.startswith("/shared/preview/")
    response = Client().get(address)
    assert response.status_code == 200
    assert "Ferry timetable changes for winter" in response.content.decode()
    _private(response)


def test_the_sign_off_page_is_outside_the_admin_and_needs_no_login(sign_off_link):
    address = reverse("external:sign_off", args=[sign_off_links.signed_token(sign_off_link)])
    assert address.startswith("/sign-off/")
    response = Client().get(address)
    assert response.status_code == 200
    assert "Sign-off requested: Legal" in response.content.decode()
    _private(response)


def test_links_sent_with_the_old_admin_addresses_redirect_for_good(share_link, sign_off_link):
    client = Client()
    for old, new in (
        ("admin:articles_shared_preview", "external:shared_preview"),
        ("admin:articles_sign_off_link", "external:sign_off"),
    ):
        token = (
            preview.signed_token(share_link)
            if new == "external:shared_preview"
            else sign_off_links.signed_token(sign_off_link)
        )
        address = reverse(old, args=[token])
        assert address.startswith("/admin/")
        response = client.get(address)
        assert response.status_code == 301
        assert response["Location"] == reverse(new, args=[token])
        _private(response)
        assert client.get(address, follow=True).status_code == 200


def test_the_story_page_hands_out_the_new_addresses(client, share_link, sign_off_link, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[share_link.article.pk]))
    html = html.content.decode()
    assert "/shared/preview/" in html
    assert "/admin/articles/article/shared-preview/" not in html
    # A sign-off link's address is never on the page (it goes by mail to its addressee),
    # and the mail carries the new address.
    html = client.get(reverse("admin:articles_article_change", args=[sign_off_link.article.pk]))
    html = html.content.decode()
    assert "/sign-off/" not in html and "/admin/articles/reviewstep/sign/" not in html
    assert sign_off_links.link_url(sign_off_link).endswith(
        reverse("external:sign_off", args=[sign_off_links.signed_token(sign_off_link)])
    )
    assert "/sign-off/" in sign_off_links.link_url(sign_off_link)


@pytest.mark.parametrize("token", HOSTILE_TOKENS)
def test_a_hostile_token_is_refused_not_a_server_error(token, share_link, sign_off_link):
    client = Client(raise_request_exception=False)
    # The sign-off page says the link is not valid (404); the share link has always
    # answered a bad link with 410 ("not valid", "expired or revoked").
    assert client.get(reverse("external:sign_off", args=[token])).status_code == 404
    assert client.post(reverse("external:sign_off", args=[token])).status_code == 404
    assert client.get(reverse("external:shared_preview", args=[token])).status_code == 410
    for old in ("admin:articles_shared_preview", "admin:articles_sign_off_link"):
        assert client.get(reverse(old, args=[token]), follow=True).status_code in (404, 410)


def test_a_token_with_a_slash_is_no_address(client):
    assert client.get("/sign-off/a/b/").status_code == 404
    assert client.get("/shared/preview/a/b/").status_code == 404


def test_the_sign_off_page_is_a_page_of_its_own_with_a_right_status_line(sign_off_link):
    """Not the public site's frame (no site header, search or menu), and the text to decide
    is never said to be "Published" while it is not (issue 26)."""
    address = reverse("external:sign_off", args=[sign_off_links.signed_token(sign_off_link)])
    html = Client().get(address).content.decode()
    assert "site-header" not in html and "site-search" not in html
    assert "Not published" in html and "Published <time" not in html
