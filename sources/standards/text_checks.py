"""Checks that read the story's text against its records: a story with no body, words of
anonymity ("who asked not to be named") that no anonymous attribution answers, and a
proposal of an anonymous source still waiting.

The other checks read the recorded attributions only, so a story whose only sources were
"two people who spoke on condition of anonymity" and had none recorded passed them all and
went out with an empty sourcing box. These hold the publish (and the schedule) until the
unnamed source is recorded, or an editor dismissed the assistant's proposal with a reason.
"""

import re
from collections.abc import Iterator

from sources.assistant.anonymity_text import AnonymityWords, anonymity_sentences
from sources.models import AttributionKind, ProposalStatus
from sources.standards.attribution_checks import story_attributions
from sources.standards.findings import BLOCKING, Finding
from sources.standards.story_checks import body_text

# Words of a descriptor that say nothing about which source it is.
_LIGHT_WORDS = {
    "a",
    "an",
    "the",
    "one",
    "two",
    "three",
    "four",
    "five",
    "several",
    "some",
    "of",
    "with",
    "who",
    "that",
    "in",
    "at",
    "on",
    "to",
    "for",
    "and",
    "by",
    "from",
    "about",
    "its",
    "their",
    "his",
    "her",
}
_WORD = re.compile(r"[a-z][a-z'’-]+")


def _stems(text: str) -> set[str]:
    """The content words of `text`, lower case, without a plural or possessive ending."""
    stems = set()
    for word in _WORD.findall(text.lower()):
        word = re.sub(r"['’]s?$", "", word)
        if word in _LIGHT_WORDS or len(word) < 3:
            continue
        stems.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return stems


def _answers(attribution, words: AnonymityWords) -> bool:
    """Whether an anonymous attribution is the source the sentence describes: its
    description, its quoted words or its stated reason are in the sentence."""
    sentence = _stems(words.sentence)
    if _stems(attribution.public_descriptor) & sentence:
        return True
    quote = _stems(attribution.quote)
    if len(quote) >= 3 and len(quote & sentence) * 2 >= len(quote):
        return True
    reason = _stems(attribution.anonymity_reason)
    return len(reason) >= 2 and reason <= sentence


def _same_words(evidence: str, sentence: str) -> bool:
    """Whether a proposal's evidence is (in) the sentence: an edited sentence is new."""
    evidence, sentence = " ".join(evidence.split()), " ".join(sentence.split())
    return bool(evidence) and (evidence in sentence or sentence in evidence)


def _short(sentence: str, limit: int = 160) -> str:
    """The sentence to quote in a message, without its full stop (the message has its own)."""
    sentence = sentence.rstrip(" .")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _anonymous_proposals(article, status: str) -> list:
    return list(article.proposals.filter(status=status, anonymous=True).order_by("span_start"))


def check_body(article) -> Iterator[Finding]:
    if not body_text(article).strip():
        yield Finding(
            "body_missing",
            BLOCKING,
            "body",
            "The story has no body text. Write the story before it is published or scheduled.",
        )


def check_anonymous_proposals(article) -> Iterator[Finding]:
    for proposal in _anonymous_proposals(article, ProposalStatus.PENDING):
        yield Finding(
            "anon_proposal_pending",
            BLOCKING,
            f"proposal:{proposal.pk}",
            f"The sourcing assistant found an unnamed source, “{proposal.name}”, in "
            f"“{_short(' '.join(proposal.evidence.split()))}”. Accept it (then have its "
            "anonymity approved), or dismiss it with a reason, before publishing.",
        )


def check_anonymity_words(article) -> Iterator[Finding]:
    """Words of anonymity in the body answered by no anonymous attribution. A sentence with
    a pending anonymous proposal is left to that proposal's finding; one whose proposal was
    dismissed with a reason is an editor's recorded decision."""
    sentences = anonymity_sentences(article.body or "")
    if not sentences:
        return
    anonymous = [
        a
        for a in story_attributions(article)
        if a.anonymous and a.kind not in (AttributionKind.DECLINED, AttributionKind.NO_RESPONSE)
    ]
    handled = [
        p.evidence
        for p in _anonymous_proposals(article, ProposalStatus.PENDING)
        + [
            p
            for p in _anonymous_proposals(article, ProposalStatus.DISMISSED)
            if p.dismiss_reason.strip()
        ]
    ]
    for words in sentences:
        if any(_answers(a, words) for a in anonymous):
            continue
        if any(_same_words(evidence, words.sentence) for evidence in handled):
            continue
        yield Finding(
            "anon_words_unrecorded",
            BLOCKING,
            "body",
            f"The body says a source is not named (“{words.words}”) in “{_short(words.sentence)}”, "
            "but no anonymous attribution records that source. Add one under Sources "
            "(anonymous, described as this sentence describes them, with the reason), "
            "or change the sentence.",
        )
