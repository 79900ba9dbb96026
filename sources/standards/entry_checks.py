"""Checks of a live entry before it goes out: the body checks of a story, read on the entry.

An entry is sourced by its story and by its own attributions (`sources.entry_sourcing`): a
quotation in it must be credited by one of them, each of its own attributions must name a
source or be anonymous, and every anonymous source of the story or the entry must be
approved (with its reason, a knowing editor and a specific descriptor) before the entry goes
out. The entry's own words are read for placeholders, unattributed quotations and
descriptors that disagree with the registry, exactly as a story's body is.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q

from sources.models import Attribution
from sources.standards.attribution_checks import check_anonymous, check_attribution_source
from sources.standards.body_checks import check_descriptors, check_quotes
from sources.standards.findings import BLOCKING, Finding
from sources.standards.story_checks import check_placeholders


class EntryAsStory:
    """The entry's words in the shape the story checks read (`body`, `headline`, `dek`),
    its story's sources and its own as the attributions, everything else (byline) from its
    story."""

    def __init__(self, entry):
        self._article = entry.coverage.article
        self.body = entry.body_html
        self.headline = entry.headline
        self.dek = ""
        # What `attribution_checks.story_attributions` reads, loaded here once.
        own = Q(entry=None) | Q(entry_id=entry.pk) if entry.pk else Q(entry=None)
        self._standards_attributions = list(
            Attribution.objects.filter(own, article_id=self._article.pk)
            .select_related("source", "comment_request", "approved_by", "confidential")
            .prefetch_related("confidential__editors_who_know")
            .order_by("entry_id", "position", "id")
        )

    def __getattr__(self, name):
        return getattr(self._article, name)


ENTRY_CHECKS: list[Callable[[object], Iterable[Finding]]] = [
    check_placeholders,
    check_attribution_source,
    check_anonymous,
    check_quotes,
    check_descriptors,
]


def check_entry(entry) -> list[Finding]:
    """Every finding for `entry`'s words and its story's and its own sources, blocking first."""
    story = EntryAsStory(entry)
    findings = [finding for check in ENTRY_CHECKS for finding in check(story)]
    return sorted(findings, key=lambda f: f.severity != BLOCKING)
