"""Admin building blocks shared by the apps."""

from django.contrib.admin import options, widgets
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError


class DateHierarchyChangeList(ChangeList):
    """Django's list, but an impossible date in the date drill-down (`?updated_at__year=
    99999999999`, or December 9999, whose next month does not exist) is a bad lookup that
    Django answers as usual (the list without filters), not an OverflowError."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


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


def install_autocomplete_widgets() -> None:
    """Every ModelAdmin's autocomplete fields (ours, inlines and third-party) use the
    widgets above: Django's ModelAdmin builds them from these module names."""
    options.AutocompleteSelect = AutocompleteSelect
    options.AutocompleteSelectMultiple = AutocompleteSelectMultiple
