"""Editors write the trust pages in the admin; none can be deleted (every link to it stays)."""

import pytest
from django.urls import reverse

from sources.models import PolicyKind, PolicyPage

pytestmark = pytest.mark.django_db


def test_an_editor_writes_a_page_and_its_description(client, superuser):
    page = PolicyPage.objects.get(kind=PolicyKind.OWNERSHIP_FUNDING)
    client.force_login(superuser)
    url = reverse("admin:sources_policypage_change", args=[page.pk])
    form = client.get(url).content.decode()
    assert 'name="description"' in form
    assert 'name="kind"' not in form  # which page it is cannot change
    response = client.post(
        url,
        {
            "title": "Who pays for our journalism",
            "description": "Owned by a trust; paid for by readers.",
            "body": "Readers pay for most of it.\n\nGrants pay for the rest.",
        },
    )
    assert response.status_code == 302
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<h1>Who pays for our journalism</h1>" in html
    assert "<p>Grants pay for the rest.</p>" in html


def test_no_one_can_delete_a_trust_page(client, superuser):
    page = PolicyPage.objects.get(kind=PolicyKind.MASTHEAD)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:sources_policypage_delete", args=[page.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert PolicyPage.objects.filter(pk=page.pk).exists()


def test_a_page_left_without_words_says_what_is_missing(client, superuser):
    page = PolicyPage.objects.get(kind=PolicyKind.ETHICS)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:sources_policypage_change", args=[page.pk]),
        {"title": "Ethics policy, revised", "description": "", "body": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert "Ethics policy, revised" in html  # what was typed is kept
