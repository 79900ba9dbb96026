"""The templates' `display_name` filter names people as newsroom.people does."""

from django.contrib.auth.models import User
from django.template import Context, Template


def _render(text: str, **context) -> str:
    return Template("{% load people %}" + text).render(Context(context))


def test_the_filter_names_a_person():
    ana = User(username="ana", first_name="Ana", last_name="Ruiz")
    assert _render("{{ who|display_name }}", who=ana) == "Ana Ruiz"
    assert _render("{{ who|display_name }}", who=User(username="bo")) == "bo"


def test_nobody_is_the_default_or_nothing():
    assert _render('{{ who|display_name:"someone" }}', who=None) == "someone"
    assert _render("{{ missing|display_name }}") == ""
