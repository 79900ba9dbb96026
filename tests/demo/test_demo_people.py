"""Each demo login is a person with a name of its own, so each desk says whose it is."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.workflow.permissions import ensure_role_groups
from demo.loader import demo_users

pytestmark = pytest.mark.django_db


def test_the_demo_logins_have_their_own_names():
    ensure_role_groups()
    reporter, editor = demo_users()
    assert (reporter.first_name, reporter.last_name) == ("Jonah", "Perrault")
    assert (editor.first_name, editor.last_name) == ("Helen", "Marsh")


def test_logins_loaded_before_with_the_name_demo_are_renamed():
    User = get_user_model()
    User.objects.create_user("demo-editor", first_name="Demo", last_name="Editor", is_staff=True)
    Group.objects.get_or_create(name="Editors")
    demo_users()
    assert User.objects.get(username="demo-editor").get_full_name() == "Helen Marsh"


def test_each_desk_says_whose_it_is(client):
    ensure_role_groups()
    reporter, editor = demo_users()
    for user, title in ((reporter, "Jonah’s desk"), (editor, "Helen’s desk")):
        client.force_login(user)
        assert title in client.get("/admin/", follow=True).content.decode()
