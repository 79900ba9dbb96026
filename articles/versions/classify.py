"""What changed between two published versions, and whether readers are told.

Readers are told of a change in substance: a new correction, a changed headline, a changed
dek, text added, removed or rewritten. A typo fix is logged (it is a version, with its own
hash and signature) but not announced, and it does not move the story's `dateModified`.

A typo fix is the review chain's dek typo rule (`articles.review.chains.is_dek_typo_fix`)
extended to the body: the headline is unchanged, no correction is added, the paragraphs are
the same ones, and all the changed lines together (dek and body) differ by at most
`DEK_TYPO_MAX_EDITS` characters of edit distance, each keeping its numbers and negations.
"""

import difflib
import re
from dataclasses import dataclass, field

from articles.review.chains import DEK_TYPO_MAX_EDITS, NEGATIONS, edit_distance

FIRST, UPDATE, TYPO_FIX, SAME = "first", "update", "typo", "same"


@dataclass
class Classified:
    kind: str
    changes: list[str] = field(default_factory=list)  # what readers are told

    @property
    def announced(self) -> bool:
        return self.kind in (FIRST, UPDATE)


def _trimmed(old: str, new: str) -> tuple[str, str]:
    """`old` and `new` without their common start and end (a typo fix is local, so the
    edit distance is computed on a few characters, not on the paragraph)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return old[start : len(old) - end], new[start : len(new) - end]


def typo_edits(old: str, new: str) -> int | None:
    """The edit distance of a changed line if it may be a typo fix (same numbers, same
    negations), else None. Above the limit, `DEK_TYPO_MAX_EDITS + 1`."""
    if re.findall(r"\d", old) != re.findall(r"\d", new):
        return None
    if len(NEGATIONS.findall(old)) != len(NEGATIONS.findall(new)):
        return None
    return edit_distance(*_trimmed(old, new), limit=DEK_TYPO_MAX_EDITS)


def _paragraphs(count: int) -> str:
    return "1 paragraph" if count == 1 else f"{count} paragraphs"


@dataclass(frozen=True)
class Words:
    """A version's words as compared: headline and dek as one line each, body paragraphs."""

    headline: str
    dek: str
    body: list[str]


def classify(old: Words | None, new: Words, *, corrections_added: int = 0) -> Classified:
    """What changed from `old` (None: nothing published before) to `new`."""
    if old is None:
        return Classified(FIRST, ["First published"])
    changes = []
    if corrections_added:
        changes.append("A correction was added" if corrections_added == 1 else
                       f"{corrections_added} corrections were added")  # fmt: skip
    old_headline, new_headline = old.headline, new.headline
    old_dek, new_dek = old.dek, new.dek
    old_body, new_body = old.body, new.body
    if old_headline != new_headline:
        changes.append(f"Headline changed (it was “{old_headline}”)")
    small = []  # (where, edits) of each line changed by no more than typos
    if old_dek != new_dek:
        typo = typo_edits(old_dek, new_dek) if old_dek and new_dek else None
        if typo is None:
            changes.append("Summary changed")
        else:
            small.append(("dek", typo))
    matcher = difflib.SequenceMatcher(a=old_body, b=new_body, autojunk=False)
    added = removed = rewritten = 0
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "insert":
            added += b2 - b1
        elif tag == "delete":
            removed += a2 - a1
        elif tag == "replace" and a2 - a1 == b2 - b1:
            for old, new in zip(old_body[a1:a2], new_body[b1:b2], strict=True):
                typo = typo_edits(old, new)
                if typo is None:
                    rewritten += 1
                else:
                    small.append(("body", typo))
        elif tag == "replace":
            rewritten += max(a2 - a1, b2 - b1)
    if sum(edits for _, edits in small) > DEK_TYPO_MAX_EDITS:
        # Each change is small, but together too many to be a typo fix.
        if any(where == "dek" for where, _ in small) and "Summary changed" not in changes:
            changes.append("Summary changed")
        rewritten += sum(1 for where, _ in small if where == "body")
    if added:
        changes.append(f"New text: {_paragraphs(added)} added")
    if removed:
        changes.append(f"Text removed: {_paragraphs(removed)}")
    if rewritten:
        changes.append(f"Text revised: {_paragraphs(rewritten)}")
    if changes:
        return Classified(UPDATE, changes)
    return Classified(TYPO_FIX if old != new else SAME)
