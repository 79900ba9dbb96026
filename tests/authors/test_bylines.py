"""Bylines for everyone: a staff account's author, freelancers and agencies added by editors,
writers adding themselves; and the two addresses the story page posts to."""

import pytest
from django.urls import reverse

from authors import bylines
from authors.models import Author, AuthorKind

pytestmark = pytest.mark.django_db


def test_a_staff_account_gets_one_author_named_from_its_name(make_user):
    user = make_user("nadia", first_name="Nadia", last_name="Rahman")
    author = bylines.ensure_author(user)
    assert (author.name, author.user, author.kind) == ("Nadia Rahman", user, AuthorKind.STAFF)
    assert bylines.ensure_author(user) == author
    assert Author.objects.filter(user=user).count() == 1


def test_an_account_without_a_name_is_bylined_by_username_until_it_has_one(make_user):
    user = make_user("kofi")
    assert bylines.ensure_author(user).name == "kofi"
    user.first_name, user.last_name = "Kofi", "Mensah"
    user.save()
    assert bylines.ensure_author(user).name == "Kofi Mensah"
    assert Author.objects.count() == 1


def test_an_unlinked_author_of_the_same_name_is_linked_not_duplicated(make_user):
    existing = Author.objects.create(name="Nadia Rahman", slug="nadia-rahman")
    user = make_user("nadia", first_name="Nadia", last_name="Rahman")
    assert bylines.ensure_author(user) == existing
    assert Author.objects.count() == 1


def test_two_people_of_one_name_get_two_bylines(make_user):
    first = bylines.ensure_author(make_user("ana1", first_name="Ana", last_name="Ruiz"))
    second = bylines.ensure_author(make_user("ana2", first_name="Ana", last_name="Ruiz"))
    assert first != second and first.slug != second.slug


def test_no_author_for_an_account_that_is_not_staff(django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x")
    assert bylines.ensure_author(reader) is None


def test_the_user_admin_makes_the_author_when_an_account_becomes_staff(client, superuser):
    client.force_login(superuser)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("hire", password="Harbor-Desk-Nine-2026")
    change = reverse("admin:auth_user_change", args=[user.pk])
    page = client.get(change)
    assert page.status_code == 200
    data = {
        "username": "hire",
        "first_name": "Hana",
        "last_name": "Ito",
        "email": "hana@example.com",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2026-12-01",
        "initial-date_joined_1": "09:00:00",
    }
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Author.objects.get(user=user).name == "Hana Ito"


def test_editors_add_a_freelancer_once_and_reporters_may_not(editor, reporter):
    author, created = bylines.add_byline(
        editor, name="  Lena   Brandt ", kind="freelance", outlet="Harbor Weekly"
    )
    assert created and author.name == "Lena Brandt" and author.kind == AuthorKind.FREELANCE
    again, created = bylines.add_byline(
        editor, name="lena brandt", kind="freelance", outlet="harbor weekly"
    )
    assert again == author and not created
    with pytest.raises(bylines.BylinePermissionError):
        bylines.add_byline(reporter, name="Someone", kind="agency")
    assert bylines.add_self(reporter).user == reporter


@pytest.mark.parametrize(
    "fields,said",
    [
        ({"name": "", "kind": "agency"}, "Type the name"),
        ({"name": "x" * 121, "kind": "agency"}, "at most 120"),
        ({"name": "Wire", "kind": "²"}, "Choose staff, freelance or agency"),
        ({"name": "<b>Wire</b>", "kind": "agency"}, "plain text"),
        ({"name": "Wire", "kind": "agency", "outlet": "y" * 5000}, "at most 120"),
    ],
)
def test_a_bad_byline_is_a_sentence_not_a_500(client, editor, fields, said):
    client.force_login(editor)
    response = client.post(
        reverse("admin:authors_author_add_byline"), fields, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert said in response.json()["message"]
    assert not Author.objects.exists()


def test_the_addresses_refuse_who_may_not(client, reporter, unprivileged):
    client.force_login(reporter)
    add = reverse("admin:authors_author_add_byline")
    assert client.post(add, {"name": "A", "kind": "agency"}).status_code == 403
    assert client.get(add).status_code == 405
    me = client.post(reverse("admin:authors_author_add_self"))
    assert me.status_code == 200 and me.json()["name"] == "Rita Reyes"
    client.force_login(unprivileged)
    assert client.post(reverse("admin:authors_author_add_self")).status_code == 403
