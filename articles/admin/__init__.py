"""The stories app's admin: every registration of the app, one module per screen.

Django's autodiscovery imports this package; importing each module registers its admin.
"""

from articles.admin import comments, planning, review_chains, story

__all__ = ["comments", "planning", "review_chains", "story"]
