"""The byline on the story form: it starts with the writer, and its rows are put in order by
dragging them.

`default_byline_author(user)` is the rule: the person writing a new story is the first name
in its byline when their account has an active author profile (authors.Author.user).
`WriterFirstBylineMixin` is the admin glue for the byline inline: a new story's form opens
with that author's row filled in, and the numeric position is a hidden field that
admin-byline-order.js writes from the order of the rows after each drag.
"""

from django import forms

from authors.models import Author


def default_byline_author(user) -> Author | None:
    """The author a new story by `user` is bylined to first, if their account has one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Author.objects.filter(user=user, is_active=True).first()


class BylinePositionWidget(forms.HiddenInput):
    """The byline position, written by admin-byline-order.js from the order of the rows."""

    def __init__(self, attrs=None):
        super().__init__({"data-byline-position": "", **(attrs or {})})

    class Media:
        js = ["js/admin-byline-order.js"]
        css = {"all": ["css/admin-byline-order.css"]}


class WriterFirstBylineMixin:
    """For the byline inline (`ArticleAuthorInline`): the writer first, positions by dragging."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["widget"] = BylinePositionWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_extra(self, request, obj=None, **kwargs):
        if obj is None and default_byline_author(request.user) is not None:
            return 1
        return super().get_extra(request, obj, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        writer = default_byline_author(request.user) if obj is None else None
        if writer is None:
            return formset

        class WriterFirstFormSet(formset):
            def __init__(self, *args, **kwargs):
                # Only the blank form shows the writer: a posted form carries what was sent,
                # and an unchanged "initial" row would not be saved.
                if not (args or kwargs.get("data") is not None):
                    kwargs.setdefault("initial", [{"author": writer.pk, "position": 0}])
                super().__init__(*args, **kwargs)

        return WriterFirstFormSet
