"""Standards checks run before a story is published.

`check_article(article)` returns findings; a blocking finding stops the publish, a
warning may be overridden by an editor with a recorded reason. Each check is a small
function taking the article and yielding findings, listed in CHECKS.
"""

from collections.abc import Iterator
from dataclasses import dataclass

BLOCKING = "blocking"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # BLOCKING or WARNING
    target: str  # the field or attribution concerned, e.g. "headline" or "attribution:12"
    message: str  # what is wrong and how to fix it

    @property
    def is_blocking(self) -> bool:
        return self.severity == BLOCKING


def check_headline(article) -> Iterator[Finding]:
    if not (article.headline or "").strip():
        yield Finding("headline_missing", BLOCKING, "headline", "Write a headline.")


def check_byline(article) -> Iterator[Finding]:
    if not article.author_links.exists():
        yield Finding(
            "byline_missing", BLOCKING, "authors", "Add at least one author to the byline."
        )


def check_section(article) -> Iterator[Finding]:
    if article.section_id is None:
        yield Finding("section_missing", BLOCKING, "section", "Choose a section for the story.")


def check_lead_image(article) -> Iterator[Finding]:
    image = article.lead_image
    if image is None:
        return
    if not image.alt_text.strip():
        yield Finding(
            "image_alt_missing",
            BLOCKING,
            "lead_image",
            "Describe the lead image in its alt text for readers who cannot see it.",
        )


CHECKS = [check_headline, check_byline, check_section, check_lead_image]


def check_article(article) -> list[Finding]:
    """Every finding for `article`, blocking ones first."""
    findings = [finding for check in CHECKS for finding in check(article)]
    return sorted(findings, key=lambda f: (not f.is_blocking, f.code, f.target))
