"""The live coverage box of the story page: the compact composer, the coverage's state and
its buttons, and the entries with their own buttons (publish, edit, pin, key event, delete,
break out). Rules in `articles.live`; the buttons post to `articles.admin.story.live`."""

from articles.admin.story.registry import StoryPanel
from articles.live import permissions, pictures
from articles.live.coverage import MOVE_LABELS, MOVES, coverage_of
from articles.live.text import editable_text, split_embed
from articles.models import CoverageState, EntryStatus
from articles.sourcing import answers as sourcing

SHOWN_ENTRIES = 60


def draft_key(article_id: int, entry_id: int | None = None) -> str:
    """Where a refused entry's typed text waits in the session for the page to show it again."""
    return f"live-draft-{article_id}" + (f"-{entry_id}" if entry_id else "")


class LivePanel(StoryPanel):
    name = "live"
    template = "admin/articles/article/live_panel.html"
    order = 5

    def context(self, request, article) -> dict:
        user = request.user
        coverage = coverage_of(article)
        if coverage is None:
            return {"live": None, "live_can_make": permissions.can_make_live(user)}
        session = request.session
        rows = []
        shown = list(
            coverage.entries.exclude(status=EntryStatus.DELETED)
            .select_related("author", "breakout", "linked_story", "image")
            .order_by("-pinned", "-id")[:SHOWN_ENTRIES]
        )
        sources = sourcing().entry_sources(shown, user)
        # The assistant reads the entries still waiting to go out that this user may source.
        proposals = sourcing().entry_proposals(
            [e for e in shown if e.status == EntryStatus.FILED and permissions.can_edit(user, e)]
        )
        for entry in shown:
            kept = session.pop(draft_key(article.pk, entry.pk), None)
            text, embed = split_embed(entry.body_html)
            shown = {
                "embed": embed.page_url if embed else "",
                "embed_caption": embed.caption if embed else "",
                "embed_credit": embed.credit if embed else "",
            }
            rows.append(
                {
                    "entry": entry,
                    "text": kept["text"] if kept else editable_text(text),
                    **{name: kept.get(name, "") if kept else shown[name] for name in shown},
                    "headline": kept["headline"] if kept else entry.headline,
                    "correction": kept["correction"] if kept else entry.correction,
                    "open": bool(kept),
                    "sources": sources.get(entry.pk, []),
                    "kept": kept or {},
                    "proposals": proposals.get(entry.pk, []),
                    "can_publish": permissions.can_publish(user, entry)
                    and (entry.status == EntryStatus.FILED or entry.has_unpublished_changes),
                    "can_edit": permissions.can_edit(user, entry),
                    "can_arrange": permissions.can_arrange(user, entry)
                    and coverage.state != CoverageState.ENDED,
                    # Deleting stays possible after the end (a legal problem found late).
                    "can_delete": permissions.can_arrange(user, entry),
                }
            )
        return {
            "live": coverage,
            "live_rows": rows,
            "live_key_events": [
                row
                for row in sorted(rows, key=lambda r: r["entry"].key_position)
                if row["entry"].key_event
            ],
            "live_moves": [(m, MOVE_LABELS[m]) for m in MOVES[CoverageState(coverage.state)]]
            if permissions.can_run_coverage(user, coverage)
            else [],
            "live_can_run": permissions.can_run_coverage(user, coverage),
            "live_can_file": permissions.can_file(user, coverage),
            "live_publishes": permissions.is_editor(user)
            or permissions.publishes_directly(user, coverage),
            "live_draft": session.pop(draft_key(article.pk), None) or {},
            "live_pictures": list(pictures.library_choices())
            if permissions.can_file(user, coverage)
            else [],
        }


class LiveStartPanel(StoryPanel):
    """In the workflow box of a story that is not live: "Make this story live" (editors)."""

    name = "live_start"
    template = "admin/articles/article/live_start.html"
    place = "workflow"
    order = 40
