"""A published entry's card as readers see it, rendered when readers' copy changes and kept.

Polls ask for the entries after an id far more often than anything else of a live story, and
rendering each entry's card on every poll cost more than the query. So every write that
changes what readers see of an entry (publish, an edit or correction published, a key event
marked, a pin, the picture a licence's end swaps) renders its card once, into
`LiveEntry.public_card`, and the stream serves it as it is (`html`):

- only a published entry has one (`live_entry_card_only_published`): filing, an unpublished
  edit and a delete leave none, and the stream reads only published entries of a visible
  story, so a card never outlives its entry or shows a story readers cannot see;
- the story's address is not in it (`STORY_PATH` stands in for it, replaced when it is
  served): a story whose address changes, or that is published after its first entries,
  needs no new cards;
- it is kept with the signature it was made under (`signature()`: the project's templates
  and the time zone). A card of another signature (a deploy changed the templates) is
  rendered afresh when read until `refresh()` (run by `manage.py rerender_snapshots`)
  replaces it;
- an entry showing a linked story keeps none: that story's card is read when served.

An entry's outside player (`articles.live.text.embed_figure`) is its facade in the card
(`card_html`, `articles.embeds.facade`) and a plain link in `html`, what feeds and ninjs
take: no player loads anywhere but behind a reader's click on the site.
"""

import functools
import hashlib

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.embeds.facade import body_with_embeds, player_origins
from articles.embeds.providers import as_links
from articles.models import EntryStatus, LiveEntry
from articles.public.stored.pages import templates_digest
from newsroom.html import html_to_text

TEMPLATE = "articles/live/entry.html"
# Stands in for the story's address in a kept card, replaced with it whenever it is served
# (a private-use character: were one typed into an entry, a path would show in its place).
STORY_PATH = "\ue000story\ue000"


@functools.cache
def signature() -> str:
    """What a kept card was made from besides the entry (a deploy starts new processes)."""
    source = f"{templates_digest()}|{settings.TIME_ZONE}|{settings.LANGUAGE_CODE}"
    return hashlib.sha256(source.encode()).hexdigest()[:32]


def entry_dict(entry: LiveEntry, *, story_path: str, linked_story: dict | None = None) -> dict:
    """An entry's public fields as the card's template and the stream's readers take them."""
    return {
        "id": entry.id,
        "headline": entry.public_headline,
        "html": as_links(entry.public_html),
        # Each facade's anchor named after its entry: a page shows many entries.
        "card_html": mark_safe(  # noqa: S308 -- the facade of sanitized HTML
            body_with_embeds(entry.public_html).replace(
                'id="embed-', f'id="entry-{entry.id}-embed-'
            )
        ),
        "text": html_to_text(entry.public_html),
        "correction": entry.public_correction,
        "author_name": entry.author_name,
        "published_at": entry.published_at,
        "updated_at": entry.public_updated_at,
        "pinned": entry.pinned,
        "key_event": entry.key_event,
        "url": f"{story_path.rstrip('/')}/entries/{entry.id}/",
        "linked_story": linked_story,
        "image": entry.public_image,
        "sourcing": entry.public_sourcing,
        "players": player_origins(entry.public_html),
    }


def render(entry: dict) -> str:
    return render_to_string(TEMPLATE, {"entry": entry})


def keep(entry: LiveEntry) -> list[str]:
    """Render and set `entry`'s kept card from its public fields (none unless it is published
    without a linked story); the fields the caller saves."""
    if entry.status == EntryStatus.PUBLISHED and not entry.linked_story_id:
        entry.public_card = render(entry_dict(entry, story_path=STORY_PATH))
        entry.public_card_key = signature()
    else:
        entry.public_card, entry.public_card_key = "", ""
    return ["public_card", "public_card_key"]


def served(card: str, key: str, story_path: str) -> str:
    """A kept card ready for readers of the story at `story_path`; "" when it does not hold."""
    if not card or key != signature():
        return ""
    return card.replace(STORY_PATH, story_path.rstrip("/"))


def refresh(batch: int = 200) -> int:
    """Render again every published entry's card made under another signature (after a
    template change); how many. Each batch locks its rows, as every write of an entry does."""
    done = 0
    while True:
        with transaction.atomic():
            rows = list(
                LiveEntry.objects.select_for_update()
                .filter(status=EntryStatus.PUBLISHED, linked_story__isnull=True)
                .exclude(public_card_key=signature())
                .order_by("pk")[:batch]
            )
            for entry in rows:
                keep(entry)
            LiveEntry.objects.bulk_update(rows, ["public_card", "public_card_key"])
        done += len(rows)
        if len(rows) < batch:
            return done
