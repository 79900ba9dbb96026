"""Admin building blocks shared by the apps."""


class RecordAdminMixin:
    """For records the code writes (snapshots, events, logs): staff read them, nobody edits
    or deletes them by hand, so the audit trail stays whole."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
