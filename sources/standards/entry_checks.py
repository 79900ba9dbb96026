"""Checks of a live entry before it goes out: the body checks of a story, read on the entry.

An entry is sourced by its story: a quotation in it must be credited by one of the story's
attributions, and every anonymous source of the story must be approved (with its reason,
a knowing editor and a specific descriptor) before any entry of it goes out. The entry's
own words are read for placeholders, unattributed quotations and descriptors that
disagree with the registry, exactly as a story's body is.
"""

from collections.abc import Callable, Iterable

from sources.standards.attribution_checks import check_anonymous
from sources.standards.body_checks import check_descriptors, check_quotes
from sources.standards.findings import BLOCKING, Finding
from sources.standards.story_checks import check_placeholders


class EntryAsStory:
    """The entry's words in the shape the story checks read (`body`, `headline`, `dek`),
    everything else (attributions, byline) from its story."""

    def __init__(self, entry):
        self._article = entry.coverage.article
        self.body = entry.body_html
        self.headline = entry.headline
        self.dek = ""

    def __getattr__(self, name):
        return getattr(self._article, name)


ENTRY_CHECKS: list[Callable[[object], Iterable[Finding]]] = [
    check_placeholders,
    check_anonymous,
    check_quotes,
    check_descriptors,
]


def check_entry(entry) -> list[Finding]:
    """Every finding for `entry`'s words and its story's sources, blocking ones first."""
    story = EntryAsStory(entry)
    findings = [finding for check in ENTRY_CHECKS for finding in check(story)]
    return sorted(findings, key=lambda f: f.severity != BLOCKING)
