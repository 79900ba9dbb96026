"""The stories app's admin: every registration of the app, one module per screen.

Django's autodiscovery imports this package; each module below registers its admin classes:

| module | screen |
| --- | --- |
| `story` | the story list and the story page (a package: form, list, panels, workflow buttons) |
| `sections`, `images`, `galleries` | sections; the picture library and its focal points; galleries |
| `clips` | the library's videos and sounds (upload, words, rights, what the worker made) |
| `records` | the review queue, public snapshots, workflow events |
| `review_chains`, `planning`, `comments` | review chains and sign-offs, the story budget, comments |
| `fronts` | the front editor: the home page and section pages as zones of slots |
| `sign_offs` | the signer's own page (where a Legal member without a newsroom role lands) |

Other apps add to the story page through `articles.admin.story.registry.story_page`.
"""

from django.contrib import admin

from articles.admin import (
    clips,
    comments,
    fronts,
    galleries,
    images,
    planning,
    records,
    review_chains,
    sections,
    sign_offs,
)
from articles.admin.story import page
from articles.workflow import desk

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Newsroom"
admin.site.add_to_start_page(desk.start_page_context)
admin.site.redirect_start_page(sign_offs.start_page_for_signers)

__all__ = [
    "clips",
    "comments",
    "fronts",
    "galleries",
    "images",
    "page",
    "planning",
    "records",
    "review_chains",
    "sections",
    "sign_offs",
]
