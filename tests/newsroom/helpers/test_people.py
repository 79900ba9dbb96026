"""newsroom.people.display_name: one way of naming a person."""

from django.contrib.auth.models import User

from newsroom.people import display_name


def test_a_person_with_a_name_is_named():
    assert display_name(User(username="ana", first_name="Ana", last_name="Ruiz")) == "Ana Ruiz"


def test_a_person_without_a_name_is_their_username():
    assert display_name(User(username="ana")) == "ana"


def test_a_blank_name_is_no_name():
    assert display_name(User(username="ana", first_name=" ", last_name="")) == "ana"


def test_nobody_is_the_default():
    assert display_name(None) == ""
    assert display_name(None, default="Someone") == "Someone"
