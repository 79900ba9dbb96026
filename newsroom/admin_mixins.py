"""Admin building blocks shared by the apps."""

from functools import cache

from django.contrib.admin import widgets
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import models


class DateHierarchyChangeList(ChangeList):
    """Django's list, but an impossible date in the date drill-down (`?updated_at__year=
    99999999999`, or December 9999, whose next month does not exist) is a bad lookup that
    Django answers as usual (the list without filters), not an OverflowError."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


def cheap_date_hierarchy(cl) -> dict:
    """Django's date drill-down for `cl`, without its DISTINCT over every row (at a million
    stories that scan took 300 ms a page): the years between the table's first and last date
    (read from an index), a year's twelve months, a month's days. A choice may hold no rows;
    picking it shows an empty list, as any filter can."""
    import calendar
    import datetime

    from django.contrib.admin.templatetags.admin_list import date_hierarchy
    from django.db.models import Max, Min
    from django.utils import formats, timezone
    from django.utils.text import capfirst
    from django.utils.translation import gettext as _

    field = cl.date_hierarchy
    params = {part: cl.params.get(f"{field}__{part}") for part in ("year", "month", "day")}
    # A month without its year (`?updated_at__month=1`) is a plain filter to Django, not a
    # place in the drill-down: the drill-down then offers the years.
    if params["day"] or not params["year"]:
        if params["day"]:
            return date_hierarchy(cl)  # one day: Django's answer is a single label
        # The whole table's first and last dates (two index reads): bounding the filtered
        # list instead walked the index past every non-matching row (1.2 s for a search
        # that matched nothing, at a million stories).
        bounds = cl.model._default_manager.aggregate(first=Min(field), last=Max(field))
        if not bounds["first"]:
            return {"show": False}
        first, last = (timezone.localtime(bounds[key]) for key in ("first", "last"))

        def link(filters):
            return cl.get_query_string(filters, [f"{field}__"])

        years = range(last.year, first.year - 1, -1)
        return {
            "show": True,
            "back": None,
            "choices": [{"link": link({f"{field}__year": str(y)}), "title": str(y)} for y in years],
        }
    year = int(params["year"])
    link = lambda filters: cl.get_query_string(filters, [f"{field}__"])  # noqa: E731
    if params["month"]:
        month = int(params["month"])
        days = calendar.monthrange(year, month)[1]
        return {
            "show": True,
            "back": {"link": link({f"{field}__year": year}), "title": str(year)},
            "choices": [
                {
                    "link": link(
                        {f"{field}__year": year, f"{field}__month": month, f"{field}__day": d}
                    ),
                    "title": capfirst(
                        formats.date_format(datetime.date(year, month, d), "MONTH_DAY_FORMAT")
                    ),
                }
                for d in range(1, days + 1)
            ],
        }
    return {
        "show": True,
        "back": {"link": link({}), "title": _("All dates")},
        "choices": [
            {
                "link": link({f"{field}__year": year, f"{field}__month": m}),
                "title": capfirst(
                    formats.date_format(datetime.date(year, m, 1), "YEAR_MONTH_FORMAT")
                ),
            }
            for m in range(1, 13)
        ],
    }


class DateHierarchyMixin:
    """For a ModelAdmin with `date_hierarchy`: see DateHierarchyChangeList."""

    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList


class RecordAdminMixin:
    """For records the code writes (snapshots, events, logs): staff read them, nobody edits
    or deletes them by hand, so the audit trail stays whole."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ChoosesRelatedMixin:
    """For a form that *chooses* a related object (the story's section, a byline's author, an
    attribution's source): Django puts a ✖ beside the choice that deletes the section, author
    or source itself, and a pencil that edits it for every story. Both are off; "+" (a new
    one) and the eye (look at it) stay. For a ModelAdmin or an inline."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, widgets.RelatedFieldWidgetWrapper):
            widget.can_delete_related = False
            widget.can_change_related = False
        return formfield


class _UsableIdsMixin:
    """Django's autocomplete widget looks up the posted ids to show them again, and a form
    posted with "abc" for a numeric id raised ValueError there (a 500 instead of the form's
    own "Select a valid choice"). Only ids of the right type are looked up."""

    def optgroups(self, name, value, attr=None):
        opts = self.field.remote_field.model._meta
        target = opts.get_field(getattr(self.field.remote_field, "field_name", opts.pk.attname))
        return super().optgroups(name, [v for v in value if _usable(target, v)], attr)


def _usable(field, value) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class AutocompleteSelect(_UsableIdsMixin, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(_UsableIdsMixin, widgets.AutocompleteSelectMultiple):
    pass


class NewsroomFormFieldsMixin:
    """The newsroom's form fields for a ModelAdmin or an inline, through Django's public hooks:

    - autocomplete fields use the widgets above (a posted "abc" is a form error, not a 500);
    - every URL input assumes https, as Django 6 will (`formfield_overrides`): no deprecation
      warning now, no change of behaviour at the upgrade.

    The admin site gives it to every registered admin and its inlines (`newsroom_admin`), so
    third-party admins get it too and the apps need not remember it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django merged the class's overrides into its defaults for this instance.
        self.formfield_overrides[models.URLField] = {
            "assume_scheme": "https",
            **self.formfield_overrides.get(models.URLField, {}),
        }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class _NewsroomModelAdminMixin(NewsroomFormFieldsMixin):
    def get_inlines(self, request, obj):
        return [newsroom_admin(inline) for inline in super().get_inlines(request, obj)]


@cache
def newsroom_admin(admin_class: type) -> type:
    """`admin_class` (a ModelAdmin or an inline) with the newsroom's form fields: itself if it
    has them already, else a subclass of the same name."""
    if issubclass(admin_class, NewsroomFormFieldsMixin):
        return admin_class
    mixin = (
        _NewsroomModelAdminMixin
        if hasattr(admin_class, "get_inline_instances")
        else NewsroomFormFieldsMixin
    )
    return type(
        admin_class.__name__,
        (mixin, admin_class),
        {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
    )


PERSON_SUFFIX = "_by_name"


class PeopleByNameMixin:
    """Read-only user fields (`people_fields`) show the person's name, not their login.

    Django prints a read-only foreign key as `str(user)`, the username ("demo-editor"). When
    one of these fields is read-only (named in the read-only fields, or the whole form is,
    for someone who may not change it), the fieldsets name `<field>_by_name` instead, which
    shows `newsroom.people.display_name` under the field's own label."""

    people_fields: tuple[str, ...] = ()

    def _people_shown_by_name(self, request, obj, readonly) -> dict[str, str]:
        everything = not self.has_change_permission(request, obj)
        return {
            name: f"{name}{PERSON_SUFFIX}"
            for name in self.people_fields
            if everything or name in readonly
        }

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + list(self._people_shown_by_name(request, obj, readonly).values())

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        readonly = super().get_readonly_fields(request, obj)
        swap = self._people_shown_by_name(request, obj, readonly)
        if not swap:
            return fieldsets

        def swapped(names):
            return [
                tuple(swap.get(part, part) for part in name)
                if isinstance(name, (list, tuple))
                else swap.get(name, name)
                for name in names
            ]

        return [
            (title, {**options, "fields": swapped(options.get("fields", ()))})
            for title, options in fieldsets
        ]

    def __getattr__(self, name):
        field = name.removesuffix(PERSON_SUFFIX)
        if field == name or field not in type(self).people_fields:
            raise AttributeError(name)
        from django.contrib import admin

        from newsroom.people import display_name

        label = self.model._meta.get_field(field).verbose_name

        @admin.display(description=label)
        def shown(obj):
            return display_name(getattr(obj, field, None), "—")

        return shown
