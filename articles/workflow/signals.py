"""What the workflow announces, for the side effects that follow a save or a publish.

The workflow decides and records; it does not purge caches, clean autosaves or send mail.
Those run from receivers connected in `ArticlesConfig.ready()` (and `SourcesConfig.ready()`
for the sourcing app's steps), as Wagtail's front-end cache listens to `page_published`:

| signal | sent | with | received by |
| --- | --- | --- | --- |
| `story_saved` | in the save's transaction, after the story and its parts, before its revision | `article`, `user`, `created`, `how` (`EDIT`, `IMPORT`, `PARTS`) | the findings counts (sources), autosave clean-up |
| `public_copy_changed` | in the transaction that writes, withdraws or deletes a snapshot | `article`, `snapshots` (what readers saw and see) | the page cache, then the edge purge (both after the commit) |
| `story_submitted` | after the commit | `article_id`, `note` | mail to the editors, the review chain's first signer |
| `changes_requested` | after the commit | `article_id`, `note`, `by` (a name) | mail to the writers |
| `reviewer_assigned` | after the commit | `article_id`, `reviewer_id`, `by` (a name) | mail to the reviewer |
| `story_published` | after the commit | `article_id`, `scheduled` | mail to the writers |

Receivers never refuse anything: by the time a signal is sent the decision is made.
"""

from django.db import transaction
from django.dispatch import Signal

from articles.models import Article

# What a save wrote (`story_saved`'s `how`): the text someone typed, what the wire importer
# wrote, or only something belonging to the story (a source, a correction, its picture).
EDIT, IMPORT, PARTS = "edit", "import", "parts"

story_saved = Signal()
public_copy_changed = Signal()
story_submitted = Signal()
changes_requested = Signal()
reviewer_assigned = Signal()
story_published = Signal()


def send_after_commit(signal: Signal, **kwargs) -> None:
    """Send `signal` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: signal.send(sender=Article, **kwargs))
