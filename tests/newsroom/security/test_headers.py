"""Content-Security-Policy and Permissions-Policy on public and admin responses."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_public_pages_forbid_inline_script_and_carry_no_nonce(client):
    for url in ("/", "/search/?q=budget", "/no-such-page/"):
        response = client.get(url)
        csp = directives(response)
        assert csp["script-src"] == ["'self'"], url
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_a_cached_public_page_keeps_the_headers(client):
    first = client.get("/")
    second = client.get("/")  # from the page cache
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]


def test_every_response_says_which_browser_features_are_off(client, superuser):
    client.force_login(superuser)
    for url in ("/", "/robots.txt", "/admin/", "/admin/login/"):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, (url, feature)


def test_the_story_editor_gets_a_nonce_for_its_import_map(client, superuser, make_article):
    article = make_article()
    client.force_login(superuser)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    nonces = [v for v in directives(response)["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    page = response.content.decode()
    importmap = re.search(r"<script[^>]*type=\"importmap\"[^>]*>", page)
    assert importmap and f'nonce="{nonce}"' in importmap.group(0)
    # The nonce is per request.
    again = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert nonce not in again["Content-Security-Policy"]


def test_admin_pages_without_the_editor_carry_no_nonce(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:index"))
    assert directives(response)["script-src"] == ["'self'"]


def test_the_policy_built_once_is_the_one_django_csp_builds_and_follows_the_settings(
    client, settings
):
    from csp.utils import build_policy

    assert client.get("/")["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": ["'self'", "https://media.example.org"],
        }
    }
    changed = client.get("/search/")["Content-Security-Policy"]
    assert changed == build_policy() and "https://media.example.org" in changed
