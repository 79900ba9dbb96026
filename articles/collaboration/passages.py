"""Finding a comment's passage again in a story's text, with a bounded amount of work.

A comment keeps the passage it was made on as a quote with up to `CONTEXT` characters on each
side (the W3C TextQuoteSelector's exact/prefix/suffix). The story's text changes after that;
`find_passage` finds the passage again in the text as it is now:

1. the quote with its whole saved prefix and suffix around it (one search); else every exact
   occurrence of the quote (the `MAX_OCCURRENCES` nearest to where it was last), the one whose
   surroundings match the saved prefix and suffix best (so a passage repeated elsewhere does
   not steal the comment);
2. else a tolerant match: stretches of the text that begin or end like the quote, or sit
   between its old prefix and suffix, compared with the quote (`likeness`: difflib's ratio
   over the longest common subsequence, computed bit-parallel); the closest one counts if it
   is at least `TOLERANCE` alike (a word or two changed inside);
3. else the passage is gone and the comment is *orphaned*: listed with the quote it was
   made on, highlighted nowhere.

The tolerant match is where the cost was (issue 19: every pair of seed occurrences in a
repetitive text was compared by difflib, candidates × quote length², 45 s for one page):
now each seed contributes at most `MAX_SEEDS` occurrences, only the `MAX_COMPARISONS` most
promising stretches (by their surroundings, then their length) are compared, each comparison
costs a few integer operations per character, and together they may cost at most
`WORK_BUDGET` character pairs. A match that runs out of budget keeps the best stretch found so far, or none: the
comment is then orphaned, with its words, rather than holding a worker. `Work` counts what
one call did. The matching runs when a comment is made and once per story save
(`articles.collaboration.comments.reanchor_story`), never per page view.

Text is compared with runs of whitespace made single spaces (paragraph breaks too), which is
also how the story page's script reads the editor's text (static/js/admin-story-comments.js).
"""

import re
from dataclasses import dataclass

from newsroom.html import html_to_text

CONTEXT = 32
TOLERANCE = 0.8
# Shorter quotes are only found exactly: a tolerant match of three letters means nothing.
MIN_TOLERANT = 8
# The longest quote (and prefix or suffix) a comment may send; longer quotes of older
# comments are only found exactly.
MAX_QUOTE = 500
MAX_OCCURRENCES = 200
MAX_SEEDS = 24
MAX_COMPARISONS = 32
# Character pairs (len(quote) × len(stretch)) all comparisons of one match may cost together:
# with the bit-parallel comparison, a few milliseconds (bench/comments.py).
WORK_BUDGET = 8_000_000


@dataclass
class Work:
    """What one `find_passage` did: occurrences looked at, stretches considered and compared,
    character pairs compared, and whether the budget ran out."""

    occurrences: int = 0
    candidates: int = 0
    comparisons: int = 0
    cells: int = 0
    exhausted: bool = False


@dataclass(frozen=True)
class Anchor:
    """Where a comment's passage is in the text now (`text[start:end]`)."""

    start: int
    end: int
    text: str
    exact: bool


def normalize(text: str) -> str:
    """Whitespace runs (paragraph breaks included) as one space, trimmed."""
    return " ".join((text or "").split())


def squash(text: str) -> str:
    """Whitespace runs as one space, the edges kept (a prefix ends where the passage begins)."""
    return re.sub(r"\s+", " ", text or "")


def body_text(html: str) -> str:
    """The story body's text as comments are anchored in it."""
    return normalize(html_to_text(html or ""))


def context_of(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(prefix, quote, suffix) of text[start:end], as a comment stores them."""
    return text[max(0, start - CONTEXT) : start], text[start:end], text[end : end + CONTEXT]


def _common_head(a: str, b: str) -> int:
    """Length of the common beginning, by halving (slices compare in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_tail(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low


def _prefix_score(text: str, start: int, prefix: str) -> int:
    return _common_tail(text[max(0, start - len(prefix)) : start], prefix)


def _suffix_score(text: str, end: int, suffix: str) -> int:
    return _common_head(text[end : end + len(suffix)], suffix)


def _occurrences(text: str, needle: str, near: int, limit: int, work: Work) -> list[int]:
    """Up to `limit` starts of `needle` in `text`, the nearest to `near` first."""
    if not needle:
        return []
    after, at = [], text.find(needle, near)
    while at != -1 and len(after) < limit:
        after.append(at)
        at = text.find(needle, at + 1)
    before, at = [], text.rfind(needle, 0, near + len(needle) - 1)
    while at != -1 and len(before) < limit:
        if at < near:
            before.append(at)
        at = text.rfind(needle, 0, at + len(needle) - 1) if at > 0 else -1
    found = sorted(set(after + before), key=lambda s: (abs(s - near), s))[:limit]
    work.occurrences += len(found)
    return found


def _exact(text: str, quote: str, prefix: str, suffix: str, near: int, work: Work) -> int | None:
    # With its whole prefix and suffix it scores the best any occurrence can: the nearest.
    whole, origin = prefix + quote + suffix, max(0, near - len(prefix))
    starts = [text.find(whole, origin), text.rfind(whole, 0, origin + len(whole) - 1)]
    starts = [start + len(prefix) for start in starts if start != -1]
    if starts:
        work.occurrences += len(starts)
        return min(starts, key=lambda s: (abs(s - near), s))
    found = _occurrences(text, quote, near, MAX_OCCURRENCES, work)
    if not found:
        return None
    return max(
        found,
        key=lambda s: (
            _prefix_score(text, s, prefix) + _suffix_score(text, s + len(quote), suffix),
            -abs(s - near),
            -s,
        ),
    )


def _candidates(text, quote, prefix, suffix, near, work) -> set[tuple[int, int]]:
    size = len(quote)
    seed = max(4, min(16, size // 3))
    low, high = size // 2, size * 3 // 2 + 8
    heads = _occurrences(text, quote[:seed], near, MAX_SEEDS, work)
    tails = [t + seed for t in _occurrences(text, quote[-seed:], near, MAX_SEEDS, work)]
    candidates = set()
    for head in heads:
        candidates.add((head, min(len(text), head + size)))
        candidates.update((head, tail) for tail in tails if low <= tail - head <= high)
    for tail in tails:
        candidates.add((max(0, tail - size), tail))
    # Between the old surroundings: the passage was rewritten, its neighbours were not.
    before, after = prefix[-seed:], suffix[:seed]
    if len(before) >= 4 and len(after) >= 4:
        starts = [p + len(before) for p in _occurrences(text, before, near, MAX_SEEDS, work)]
        ends = _occurrences(text, after, near, MAX_SEEDS, work)
        for start in starts:
            candidates.update((start, end) for end in ends if low <= end - start <= high)
    work.candidates += len(candidates)
    return candidates


def _letter_masks(quote: str) -> dict[str, int]:
    """For each character, the bits of its positions in `quote` (bit i = quote[i])."""
    masks: dict[str, int] = {}
    for position, letter in enumerate(quote):
        masks[letter] = masks.get(letter, 0) | (1 << position)
    return masks


def common_letters(quote: str, stretch: str, masks: dict[str, int] | None = None) -> int:
    """The length of the longest common subsequence of `quote` and `stretch`, bit-parallel
    (Allison and Dix 1986, Hyyrö 2004): a few integer operations per character of
    `stretch`, each on a number of len(quote) bits, whatever the text repeats."""
    masks = _letter_masks(quote) if masks is None else masks
    full = (1 << len(quote)) - 1
    row = full
    for letter in stretch:
        matched = row & masks.get(letter, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(quote) - row.bit_count()


def likeness(quote: str, stretch: str, masks: dict[str, int] | None = None) -> float:
    """How alike two strings are, 0 to 1: twice the letters they share in order over their
    lengths (difflib's ratio, with the longest common subsequence as the shared letters)."""
    total = len(quote) + len(stretch)
    return 2 * common_letters(quote, stretch, masks) / total if total else 1.0


def _tolerant(text, quote, prefix, suffix, near, work) -> tuple[int, int] | None:
    before_scores, after_scores = {}, {}

    def promise(candidate):
        start, end = candidate
        if start not in before_scores:
            before_scores[start] = _prefix_score(text, start, prefix)
        if end not in after_scores:
            after_scores[end] = _suffix_score(text, end, suffix)
        context = before_scores[start] + after_scores[end]
        return (-context, abs((end - start) - len(quote)), abs(start - near), start)

    ranked = sorted(_candidates(text, quote, prefix, suffix, near, work), key=promise)
    masks = _letter_masks(quote)
    best, best_key = None, None
    for start, end in ranked[:MAX_COMPARISONS]:
        cells = len(quote) * (end - start)
        if work.cells + cells > WORK_BUDGET:
            work.exhausted = True
            break
        work.cells += cells
        work.comparisons += 1
        ratio = likeness(quote, text[start:end], masks)
        if ratio < TOLERANCE:
            continue
        key = (ratio, before_scores[start] + after_scores[end], -abs(start - near), -start)
        if best_key is None or key > best_key:
            best, best_key = (start, end), key
    return best


def find_passage(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    *,
    near: int | None = None,
    work: Work | None = None,
) -> Anchor | None:
    """The passage `quote` in `text` (as `normalize` gives it), or None when it is gone.

    `near` is where the passage was last found (the search starts there); `work`, when
    given, counts what the search did."""
    work = Work() if work is None else work
    quote = normalize(quote)
    prefix, suffix = squash(prefix)[-CONTEXT:], squash(suffix)[:CONTEXT]
    if not quote or not text:
        return None
    near = min(max(0, near or 0), len(text))
    start = _exact(text, quote, prefix, suffix, near, work)
    if start is not None:
        return Anchor(start, start + len(quote), quote, True)
    if not MIN_TOLERANT <= len(quote) <= MAX_QUOTE:
        return None
    found = _tolerant(text, quote, prefix, suffix, near, work)
    if found is None:
        return None
    start, end = found
    return Anchor(start, end, text[start:end], False)
