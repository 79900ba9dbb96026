"""Checks on copy that came from outside the newsroom: a byline must not claim wire copy.

A story imported from a wire or another outlet keeps the text as it arrived
(`articles.models.StoryOrigin`). While most of its words are still that copy
(`WIRE_SHARE_LIMIT`), the publisher must be in the byline: a staff-only byline on it is
plagiarism in the newsroom's name. Once the newsroom has rewritten it, a staff byline is
fine, and the publisher must still be credited (a "reported by another outlet" attribution,
which readers see under "Reporting by other news organizations") — never dropped.

More than half is the line: under it the newsroom wrote most of the words readers read; at
or over it the byline would sign someone else's words. The share is of the body's words
lying in runs of five or more of the copy's words in the same order, so a changed word here
and there does not make copy the newsroom's own.
"""

from collections.abc import Iterator

from articles.models import StoryOrigin
from articles.wire.provenance import lineage
from sources.models import AttributionKind
from sources.standards.findings import BLOCKING, Finding

WIRE_SHARE_LIMIT = 0.5


def _origin(article) -> StoryOrigin | None:
    try:
        return article.wire_origin
    except StoryOrigin.DoesNotExist:
        return None


def _credited(article, publisher: str) -> bool:
    return article.attributions.filter(
        entry=None, kind=AttributionKind.REPORTED_BY, source__name__iexact=publisher
    ).exists()


def check_wire_copy(article) -> Iterator[Finding]:
    origin = _origin(article)
    if origin is None or not origin.publisher.strip():
        return
    publisher = origin.publisher
    names = {name.lower() for name in article.author_links.values_list("author__name", flat=True)}
    in_byline = publisher.lower() in names
    share = lineage(origin.wire_text, article.body).wire_share
    if share > WIRE_SHARE_LIMIT and not in_byline:
        yield Finding(
            "wire_copy_staff_byline",
            BLOCKING,
            "authors",
            f"{round(share * 100)}% of this text is still {publisher}'s copy: keep "
            f"{publisher} in the byline (“By … and {publisher}”), or rewrite it in the "
            f"newsroom's words and credit them: “With reporting from {publisher}”.",
        )
    elif not in_byline and not _credited(article, publisher):
        yield Finding(
            "wire_copy_uncredited",
            BLOCKING,
            "attributions",
            f"This story was made from {publisher}'s copy: credit them with a “Reported by "
            f"another outlet” attribution (readers see it under “Reporting by other news "
            "organizations”).",
        )
