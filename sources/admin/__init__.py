"""The sourcing app's admin: the registry, attributions, corrections and the policy pages.

Sourcing's part of the story page (the inlines, findings, proposals, sources, the anonymity
approval and the save steps of their buttons) is registered on the stories admin's
`story_page` by `story_panels.register()`, here: the stories admin never imports sourcing.
"""

from sources.admin import registry, story_panels

story_panels.register()

__all__ = ["registry", "story_panels"]
