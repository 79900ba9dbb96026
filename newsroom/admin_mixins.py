"""Admin building blocks shared by the apps."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


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
