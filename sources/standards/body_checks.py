"""Checks of the body's words: quotations nobody is credited for, and descriptors that
disagree with the registry ("Rep. Jane Doe (R-Wash.)" for a Democrat)."""

import re
from collections.abc import Iterable, Iterator

from sources.assistant import find_quotes
from sources.lookup import search_sources
from sources.models import AttributionKind
from sources.standards.attribution_checks import (
    attribution_label,
    attribution_target,
    story_attributions,
)
from sources.standards.findings import BLOCKING, WARNING, Finding
from sources.standards.story_checks import body_text

# A direct quotation this long is a quote, not a term in quotation marks: it must be attributed.
QUOTE_MIN_WORDS = 4

_WORD = re.compile(r"[\w’']+")


def _quotations(text: str) -> list[str]:
    """The body's direct quotations, as the sourcing assistant reads them."""
    return [quote.text for quote in find_quotes(text)]


def _words(text: str) -> list[str]:
    return [w.replace("’", "'").strip("'") for w in _WORD.findall(text.lower())]


def _overlaps(body_quote: list[str], attributed: list[str]) -> bool:
    """True when the quote in the body shares a run of words with an attributed quote."""
    if not body_quote or not attributed:
        return False
    needed = min(len(body_quote), 5)
    joined = " " + " ".join(attributed) + " "
    for i in range(len(body_quote) - needed + 1):
        if " " + " ".join(body_quote[i : i + needed]) + " " in joined:
            return True
    return False


def check_quotes(article) -> Iterator[Finding]:
    attributed = [
        _words(a.quote)
        for a in story_attributions(article)
        if a.kind == AttributionKind.QUOTED and a.quote.strip()
    ]
    for quote_text in _quotations(body_text(article)):
        words = _words(quote_text)
        if not words or any(_overlaps(words, known) for known in attributed):
            continue
        shown = quote_text if len(quote_text) <= 80 else quote_text[:77] + "…"
        if len(words) >= QUOTE_MIN_WORDS:
            yield Finding(
                "quote_unattributed",
                BLOCKING,
                "body",
                f"The quotation “{shown}” is not attributed. Add a “Quoted” attribution for "
                "the speaker and paste these words into its “quoted words”.",
                quoted=quote_text,
            )
        else:
            yield Finding(
                "quote_fragment_unattributed",
                WARNING,
                "body",
                f"The words in quotation marks “{shown}” match no quoted attribution. If "
                "someone said them, attribute them; if it is a term, an editor can override.",
                quoted=quote_text,
            )


def proposal_fixing(finding: Finding, proposals: Iterable):
    """The assistant's pending proposal that would settle `finding`, or None: for an
    unattributed quotation, the Quoted proposal whose words are that quotation's; for a
    pending proposal of an anonymous source, that proposal."""
    if finding.target.startswith("proposal:"):
        pk = finding.target.partition(":")[2]
        return next((p for p in proposals if str(p.pk) == pk), None)
    if not finding.quoted:
        return None
    words = _words(finding.quoted)
    for proposal in proposals:
        if proposal.kind == AttributionKind.QUOTED and _overlaps(words, _words(proposal.quote)):
            return proposal
    return None


def _normal_descriptor(value: str) -> str:
    value = value.strip()
    inner = re.search(r"\(([^()]*)\)", value)
    if inner:
        value = inner.group(1)
    return re.sub(r"[\s.()]", "", value.lower())


def _descriptors_agree(written: str, canonical: str) -> bool:
    a, b = _normal_descriptor(written), _normal_descriptor(canonical)
    return not a or not b or a in b or b in a


_PARTY_STATE = re.compile(r"\(\s*([A-Z][A-Za-z]{0,2}\s*-\s*[^()\n]{1,40}?)\s*\)")


def _names_of(source) -> list[str]:
    names = [source.name, *source.aliases]
    return [n for n in names if n and n.strip()]


def check_descriptors(article) -> Iterator[Finding]:
    attributions = story_attributions(article)
    sources = {a.source_id: a.source for a in attributions if a.source_id and not a.anonymous}
    reported = set()  # one warning per source: the body and its attribution say the same thing
    for attribution in attributions:
        source = attribution.source
        if attribution.anonymous or source is None or not source.descriptor:
            continue
        written = attribution.descriptor_as_written.strip()
        if written and not _descriptors_agree(written, source.descriptor):
            reported.add(source.pk)
            yield Finding(
                "descriptor_mismatch",
                WARNING,
                attribution_target(attribution),
                f"{attribution_label(attribution)} describes {source.name} as “{written}”, but the "
                f"registry says “{source.descriptor}”. Check which is right and fix the story "
                "or the registry.",
            )
    text = body_text(article)
    for match in _PARTY_STATE.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()].rstrip()
        named = [
            source
            for source in sources.values()
            if any(before.lower().endswith(name.lower()) for name in _names_of(source))
        ]
        for source in named or _registry_sources_named(before):
            if not source.descriptor or source.pk in reported:
                continue
            if not _descriptors_agree(match.group(1), source.descriptor):
                reported.add(source.pk)
                yield Finding(
                    "descriptor_mismatch",
                    WARNING,
                    "body",
                    f"The story describes {source.name} as “({match.group(1)})”, but the "
                    f"registry says “{source.descriptor}”. Check which is right and fix the "
                    "story or the registry.",
                )


def _registry_sources_named(before: str) -> list:
    """Registry sources whose name or alias is the last two or three words before `before`'s end."""

    words = before.split()
    candidates = {" ".join(words[-n:]).strip(",;:") for n in (2, 3) if len(words) >= n}
    found = []
    for candidate in candidates:
        found.extend(search_sources(query=candidate, exact=True))
    return found
