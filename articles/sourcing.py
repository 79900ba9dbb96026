"""What the stories app asks of sourcing, answered by the sources app.

Sourcing builds on stories (an `Attribution` points at an `Article`), so the arrow between
the two apps points one way: `sources` imports `articles`, never the reverse. Where a story
needs sourcing (the standards checks before a publish, the corrections a publish approves,
what readers see in the snapshot, what a revision keeps, the assistant after an import) it
asks the answers registered here; `SourcesConfig.ready()` registers `sources.for_stories`.

Each question is one method of `Sourcing`; `answers()` fails loudly when nothing has
registered, rather than publishing a story without its checks.
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class Sourcing(Protocol):
    def check_before_publish(self, *, user, article, overrides: dict | None, now) -> None:
        """Refuse a publish the standards block (`StandardsBlocked`); record override reasons."""

    def check_live_entry(self, *, entry, user) -> None:
        """Refuse a live entry the standards block (`StandardsBlocked`), the same rules as a
        story's body: placeholders, unattributed quotes, descriptors, anonymous sources."""

    def add_entry_sources(self, *, entry, user, sources: list[dict]) -> None:
        """Add a live entry's own sources (`name`, `anonymous`, `descriptor`, `reason`,
        `kind` each), from the registry or new to it; a `WorkflowError` refuses them."""

    def remove_entry_source(self, *, entry, user, attribution_id) -> None:
        """Take one of the entry's own sources off it."""

    def approve_entry_source(self, *, entry, user, attribution_id) -> None:
        """An editor approves the grant of anonymity of one of the entry's sources."""

    def entry_sources(self, entries, user) -> dict[int, list[dict]]:
        """Each entry's sources for the newsroom, by entry id (`id`, `line`, `anonymous`,
        `needs_approval`, `can_approve`: whether `user` may approve anonymity): no identity
        of an anonymous source, no approver."""

    def entry_proposals(self, entries) -> dict[int, list[dict]]:
        """The sources the assistant finds in each entry's text that it does not name yet,
        by entry id, as the fields of `add_entry_sources` (`name`, `kind`, `anonymous`,
        `descriptor`, `reason`)."""

    def public_entry_sourcing(self, entry) -> dict:
        """What readers see of the entry's own sourcing (the "How we sourced this" shape),
        copied into the entry when it is published."""

    def check_correction(self, correction: dict | None) -> None:
        """Refuse a correction that is not one (unknown kind, no text) before anything is locked."""

    def check_corrections_publishable(self, article, *, correction: dict | None, now) -> None:
        """Refuse corrections on a story readers never saw (`CorrectionNeedsPublishedStory`)."""

    def publish_corrections(self, article, *, correction: dict | None, user, revision, now):
        """Write `correction` and approve every waiting one with this publish's revision."""

    def public_attributions(self, article) -> list[dict]:
        """What readers see of each attribution, for the snapshot."""

    def public_corrections(self, article) -> list[dict]:
        """The corrections readers see, for the snapshot."""

    def sourcing_box(self, article, attributions: list[dict]) -> dict:
        """The "How we sourced this" box, for the snapshot."""

    def history_lines(self, article) -> dict[str, list[str]]:
        """`attributions` and `corrections` as lines a revision keeps (no confidential field)."""

    def jsonld_extras(self, story) -> dict:
        """schema.org additions for a snapshot's NewsArticle JSON-LD."""

    def trust_pages(self) -> dict[str, str]:
        """The newsroom's policy and trust pages' paths, by NewsMediaOrganization property."""

    def refresh_proposals(self, article) -> int:
        """Let the assistant read the saved text again; how many new proposals it made."""

    def credit_publisher(self, article, *, publisher: str) -> None:
        """Credit the outlet whose copy the story was made from (a "reported by" attribution)."""

    def shows_confidential(self, user, article) -> bool:
        """Whether `article`'s page shows `user` confidential sourcing (who a source is, why
        anonymity was granted, who approved it): such a page is never compressed (BREACH)."""


_registered: list[Sourcing] = []


def register(sourcing: Sourcing) -> None:
    """Answer the stories' questions with `sourcing` (called once, from an AppConfig)."""
    _registered[:] = [sourcing]


def answers() -> Sourcing:
    if not _registered:
        raise ImproperlyConfigured(
            "Nothing answers the stories' sourcing questions: add 'sources' to "
            "INSTALLED_APPS (its AppConfig.ready() registers sources.for_stories)."
        )
    return _registered[0]
