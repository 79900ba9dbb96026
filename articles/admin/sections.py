"""Sections in the admin: renaming one re-renders its published stories."""

from django.contrib import admin

from articles.models import Section
from articles.public import rerender


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # Published stories show the section's name: re-render them in the background.
            rerender.rerender_section_on_commit(obj)
            self.message_user(
                request, f"The published stories of {obj.name} are being updated with its new name."
            )
