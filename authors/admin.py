"""Admin for author profiles."""

from django.contrib import admin
from django.utils.html import format_html

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user", "is_active", "photo_preview"]
    list_filter = ["is_active"]
    search_fields = ["name", "job_title", "user__username"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    @admin.display(description="Photo")
    def photo_preview(self, author: Author):
        if not author.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="height:40px;border-radius:50%">', author.photo.url
        )
