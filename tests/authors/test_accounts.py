"""Every staff account gets its author, whatever made it: createsuperuser, a command, the
shell (authors.accounts), not only the user admin."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from authors.models import Author

pytestmark = pytest.mark.django_db


def test_createsuperuser_gives_the_account_its_byline(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Harbor-Desk-Nine-2026")
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "createsuperuser",
            interactive=False,
            username="chief",
            email="chief@example.com",
            verbosity=0,
        )
    author = Author.objects.get(user__username="chief")
    assert author.name == "chief" and author.is_active


def test_a_staff_account_made_in_the_shell_is_bylined_by_its_name(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        user = get_user_model().objects.create_user(
            "hana", password="x", is_staff=True, first_name="Hana", last_name="Ito"
        )
    assert Author.objects.get(user=user).name == "Hana Ito"


def test_an_account_made_staff_later_gets_its_author_then(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = get_user_model().objects.create_user("kofi", password="x")
    assert not Author.objects.filter(user=user).exists()
    with django_capture_on_commit_callbacks(execute=True):
        user.is_staff = True
        user.save()
    assert Author.objects.filter(user=user).count() == 1


def test_a_reader_account_gets_no_author(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        get_user_model().objects.create_user("reader", password="x")
    assert not Author.objects.exists()


def test_an_author_linked_in_the_same_transaction_is_not_made_twice(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        user = get_user_model().objects.create_user("rhea", password="x", is_staff=True)
        Author.objects.create(name="Rhea Moss", slug="rhea-moss", user=user)
    assert list(Author.objects.values_list("name", flat=True)) == ["Rhea Moss"]


def test_a_login_does_not_ask_for_an_author(django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_user("nadia", password="x", is_staff=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user.save(update_fields=["last_login"])
    assert callbacks == []
