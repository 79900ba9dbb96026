"""The sourcing app's admin: the registry, attributions, corrections and the policy pages.

Sourcing's part of the story page (the inlines, findings, proposals, sources, the anonymity
approval and the save steps of their buttons) is registered on the stories admin's
`story_page` by `story_panels.register()`, here: the stories admin never imports sourcing.
"""

from django.contrib import admin

from sources.admin import proposals, reader_reports, registry, start_page, story_panels

story_panels.register()
admin.site.add_to_start_page(start_page.start_page_context)  # anonymity approvals waiting
admin.site.add_to_start_page(reader_reports.start_page_context)  # readers' error reports

__all__ = ["proposals", "registry", "start_page", "story_panels"]
