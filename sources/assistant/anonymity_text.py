"""Where a story's text says a source is not named ("who spoke on condition of anonymity",
"who asked not to be named", "not authorized to speak"), sentence by sentence, for the
standards gate: such words with no anonymous attribution recorded mean an unnamed source the
story's sourcing does not show.

Words inside a quotation are someone's speech, not the story's sourcing, and are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from sources.assistant.markup import story_text
from sources.assistant.text import _mask, _paragraph_spans, _segments, _sentence_spans
from sources.assistant.vocabulary import ANONYMITY_IN_TEXT


@dataclass(frozen=True)
class AnonymityWords:
    """A sentence of the story that says a source is not named."""

    sentence: str  # the whole sentence, on one line
    words: str  # the words that say so, e.g. "asked not to be named"
    span: tuple[int, int]  # the sentence's offsets into story_text(body)


def anonymity_sentences(body: str) -> list[AnonymityWords]:
    """Every sentence of `body` (plain text or sanitized HTML) whose own words, outside
    quotation marks, say a source is not named; in reading order."""
    text = story_text(body)
    paragraphs = _paragraph_spans(text)
    masked = _mask(text, _segments(text, paragraphs))
    found = []
    for start, end in _sentence_spans(masked, paragraphs):
        match = ANONYMITY_IN_TEXT.search(masked, start, end)
        if match:
            found.append(
                AnonymityWords(
                    sentence=" ".join(text[start:end].split()),
                    words=" ".join(match.group().split()),
                    span=(start, end),
                )
            )
    return found
