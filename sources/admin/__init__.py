"""The sourcing app's admin: the registry, attributions, corrections and the policy pages.

The story page's sourcing panels (`inlines`, `proposals`) are composed by the stories admin.
"""

from sources.admin import registry

__all__ = ["registry"]
