"""`{{ user|display_name }}` and `{{ user|display_name:"Someone" }}`: a person's name as the
newsroom shows it everywhere (`newsroom.people.display_name`)."""

from django import template

from newsroom import people

register = template.Library()


@register.filter
def display_name(user, default: str = "") -> str:
    # A missing variable reaches a filter as "" (string_if_invalid): nobody.
    return people.display_name(user or None, default)
