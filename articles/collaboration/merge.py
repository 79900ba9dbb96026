"""The merge of someone's unsaved text with a newer saved version of the story, by paragraph.

When someone else saved the story while a person was typing, three texts are compared: the
version both started from ("base", the revision the person's form was opened at), the
person's text ("mine") and the saved story ("theirs"). The body is compared paragraph by
paragraph, each other text field (headline, dek, …) as one piece:

- a paragraph or field only one side changed takes that side by itself;
- both sides making the same change is no conflict either;
- both changing the same paragraph (or field) differently is a conflict, shown side by side;
  the person keeps theirs, mine, or (paragraphs) both, to edit in the form.

The three-way merge is `merge3` (Breezy's three-way merge, from PyPI): a well-tried merge of
any two sequences against their common ancestor, which says which regions changed on which
side and which clash; it is used on the list of paragraphs, compared by their words and marks
(`articles.collaboration.richtext`), so the editor re-writing a paragraph's HTML differently
is no change. A run of clashing paragraphs of equal length on all three sides is resolved
paragraph by paragraph, so edits to neighbouring paragraphs combine too.

The merged text is kept as the person's autosave (`articles.collaboration.autosave`) and
loaded into the form against the NEW version, so their save goes through the optimistic
lock. Nothing typed is lost: their text is autosaved before the comparison is shown, and a
missing choice is asked for rather than guessed.
"""

import difflib
import re
from dataclasses import dataclass, field

from merge3 import Merge3

from articles.collaboration.autosave import AUTOSAVED_FIELDS
from articles.collaboration.richtext import blocks, show, word_diff, words
from articles.models import Article
from articles.workflow.revisions import revision_data, versions_of

_TAG_NAME = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9]*)")
MINE, THEIRS, BOTH = "mine", "theirs", "both"
# What a region of a field is: unchanged, changed by one side, changed alike, or a conflict.
SAME, MINE_ONLY, THEIRS_ONLY, ALIKE, CONFLICT = "same", "mine", "theirs", "alike", "conflict"
# Always shown, in this order; the form's other text fields only when something changed.
MAIN_FIELDS = ("headline", "dek", "body")
LABELS = {
    "headline": "Headline",
    "seo_headline": "Search headline",
    "social_headline": "Social headline",
    "slug": "Slug",
    "dek": "Dek",
    "body": "Body",
    "dateline": "Dateline",
    "tags": "Tags",
    "how_we_reported": "How we reported this",
}


def saved_text(article: Article) -> dict[str, str]:
    """The story's saved text fields, as the form shows them (read afresh)."""
    fresh = Article.objects.get(pk=article.pk)
    text = {name: getattr(fresh, name) or "" for name in AUTOSAVED_FIELDS if name != "tags"}
    text["tags"] = ", ".join(tag.name for tag in fresh.tags.order_by("name"))
    return text


def base_text(article: Article, version: int) -> dict[str, str] | None:
    """The story's text at `version` (the one the person's form was opened at), if kept."""
    kept = versions_of(article).filter(revision__article_meta__version=version).first()
    if kept is None:
        return None
    data = revision_data(kept)
    text = {name: data.fields.get(name) or "" for name in AUTOSAVED_FIELDS if name != "tags"}
    text["tags"] = ", ".join(sorted(data.tags, key=str.lower))
    return text


class _Piece:
    """A paragraph of the body, or a whole one-line field: its text, compared by its key."""

    __slots__ = ("text", "key")

    def __init__(self, text: str, key):
        self.text, self.key = text, key

    def __eq__(self, other):
        return isinstance(other, _Piece) and self.key == other.key

    def __hash__(self):
        return hash(self.key)


def _pieces(name: str, text: str) -> list[_Piece]:
    if name == "body":
        return [_Piece(block, (_tag(block), tuple(words(block)))) for block in blocks(text)]
    if not text.strip():
        return []
    if name == "tags":
        key = frozenset(t.strip().lower() for t in text.split(",") if t.strip())
        return [_Piece(text, key)]
    return [_Piece(text, " ".join(text.split()))]


def _tag(block: str) -> str:
    """A block's element name ("p", "h2", "ul"), or "" for loose text."""
    found = _TAG_NAME.match(block)
    return found.group(1).lower() if found else ""


@dataclass
class Region:
    """A run of a field: unchanged, changed on one side, changed alike, or a conflict."""

    kind: str
    mine: list[str]
    theirs: list[str]
    base: list[str] = field(default_factory=list)
    number: int = 0  # conflicts are numbered from 1 in each field
    chosen: str = ""

    def shown(self, side: str):
        """A side as safe HTML: its words, with what differs from the base (one side changed)
        or from the other side (a conflict) marked."""
        ours, other = (self.mine, self.theirs) if side == MINE else (self.theirs, self.mine)
        if self.kind == SAME:
            return [show(words(text)) for text in ours]
        if self.kind == CONFLICT:
            marked = word_diff(" ".join(other), " ".join(ours), old_tag="s", new_tag="mark")[1]
            return [marked] if ours else []
        if not self.base:
            return [word_diff("", text)[2] for text in ours]
        return [word_diff(" ".join(self.base), " ".join(ours))[2]] if ours else []

    @property
    def mine_shown(self):
        return self.shown(MINE)

    @property
    def theirs_shown(self):
        return self.shown(THEIRS)

    @property
    def base_shown(self):
        return [show(words(text)) for text in self.base]


@dataclass
class FieldMerge:
    name: str
    label: str
    regions: list[Region]

    @property
    def conflicts(self) -> list[Region]:
        return [region for region in self.regions if region.kind == CONFLICT]

    @property
    def same(self) -> bool:
        return all(region.kind == SAME for region in self.regions)

    @property
    def shown(self) -> bool:
        """On the merge page: the main fields always, the others when something changed."""
        return self.name in MAIN_FIELDS or not self.same

    @property
    def one_piece(self) -> bool:
        return self.name != "body"

    def choice_name(self, region: Region) -> str:
        return f"choose_{self.name}_{region.number}"


def _three_way(base: list[_Piece], mine: list[_Piece], theirs: list[_Piece]) -> list[Region]:
    raw = list(Merge3(base, mine, theirs).merge_regions())
    regions: list[Region] = []
    at = 0  # where in the base the region starts
    for index, region in enumerate(raw):
        kind = region[0]
        if kind == "unchanged":
            _, z1, z2 = region
            texts = [piece.text for piece in _theirs_for(base[z1:z2], theirs)]
            regions.append(Region(SAME, texts, texts, [p.text for p in base[z1:z2]]))
            at = z2
            continue
        # The base this region replaced: up to the next unchanged run.
        upto = next((r[1] for r in raw[index + 1 :] if r[0] == "unchanged"), len(base))
        if kind == "conflict":
            _, z1, z2, a1, a2, b1, b2 = region
            regions.extend(_conflict(base[z1:z2], mine[a1:a2], theirs[b1:b2]))
            continue
        _, start, end = region
        gone = [piece.text for piece in base[at:upto]]
        if kind == "a":
            texts = [piece.text for piece in mine[start:end]]
            regions.append(Region(MINE_ONLY, texts, gone, gone))
        elif kind == "b":
            texts = [piece.text for piece in theirs[start:end]]
            regions.append(Region(THEIRS_ONLY, gone, texts, gone))
        else:  # "same": both made this change
            texts = [piece.text for piece in mine[start:end]]
            regions.append(Region(ALIKE, texts, texts, gone))
    return regions


def _theirs_for(pieces: list[_Piece], theirs: list[_Piece]) -> list[_Piece]:
    """Unchanged pieces as the saved story writes them (the same words and marks)."""
    written = {piece.key: piece for piece in theirs}
    return [written.get(piece.key, piece) for piece in pieces]


def _conflict(base, mine, theirs) -> list[Region]:
    """Clashing runs; when all three have as many pieces, each is merged on its own."""
    if not (len(base) == len(mine) == len(theirs) > 1):
        return [_clash(base, mine, theirs)]
    regions = []
    for old, ours, other in zip(base, mine, theirs, strict=True):
        if ours == other:
            kind = SAME if ours == old else ALIKE
            regions.append(Region(kind, [ours.text], [ours.text], [old.text]))
        elif ours == old:
            regions.append(Region(THEIRS_ONLY, [old.text], [other.text], [old.text]))
        elif other == old:
            regions.append(Region(MINE_ONLY, [ours.text], [old.text], [old.text]))
        else:
            regions.append(_clash([old], [ours], [other]))
    return regions


def _clash(base, mine, theirs) -> Region:
    texts = lambda pieces: [piece.text for piece in pieces]  # noqa: E731
    return Region(CONFLICT, texts(mine), texts(theirs), texts(base))


def _two_way(mine: list[_Piece], theirs: list[_Piece]) -> list[Region]:
    """Without the version both started from: what differs is a conflict."""
    regions = []
    matcher = difflib.SequenceMatcher(a=mine, b=theirs, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            texts = [piece.text for piece in theirs[b1:b2]]
            regions.append(Region(SAME, texts, texts, texts))
        else:
            regions.append(_clash([], mine[a1:a2], theirs[b1:b2]))
    return regions


def merge_fields(
    mine: dict[str, str], theirs: dict[str, str], base: dict[str, str] | None
) -> list[FieldMerge]:
    """Each field of `mine`, merged three ways against `base` (two ways when the version both
    started from is not kept); the main fields first."""
    fields = []
    for name in AUTOSAVED_FIELDS:
        if name not in mine:
            continue
        ours, other = _pieces(name, mine[name]), _pieces(name, theirs.get(name, ""))
        if base is not None and name in base:
            regions = _three_way(_pieces(name, base[name]), ours, other)
        else:
            regions = _two_way(ours, other)
        number = 0
        for region in regions:
            if region.kind == CONFLICT:
                number += 1
                region.number = number
        fields.append(FieldMerge(name, LABELS[name], regions))
    order = {name: index for index, name in enumerate(MAIN_FIELDS)}
    fields.sort(key=lambda merged: order.get(merged.name, len(order)))
    return fields


def allowed_choices(merged: FieldMerge) -> tuple[str, ...]:
    """Mine or theirs; for paragraphs also both (mine first), to edit together in the form."""
    return (MINE, THEIRS) if merged.one_piece else (MINE, THEIRS, BOTH)


def missing_choices(fields: list[FieldMerge], choices: dict[str, str]) -> list[str]:
    """What still needs a choice: "Headline", "Body, paragraph 2 of the clashes"."""
    missing = []
    for merged in fields:
        for region in merged.conflicts:
            if choices.get(merged.choice_name(region)) not in allowed_choices(merged):
                where = "" if merged.one_piece else f" (clash {region.number})"
                missing.append(merged.label + where)
    return missing


def merged_text(fields: list[FieldMerge], choices: dict[str, str]) -> dict[str, str]:
    """The text to continue with: every field merged, each clash as chosen (call
    `missing_choices` first: a clash without a choice keeps mine)."""
    text = {}
    for merged in fields:
        out: list[str] = []
        for region in merged.regions:
            chosen = choices.get(merged.choice_name(region)) if region.kind == CONFLICT else ""
            if region.kind == THEIRS_ONLY or chosen == THEIRS:
                out.extend(region.theirs)
            elif chosen == BOTH:
                out.extend(region.mine + region.theirs)
            else:
                out.extend(region.mine)
        text[merged.name] = "".join(out) if merged.name == "body" else " ".join(out)
    return text


def summary(fields: list[FieldMerge]) -> dict:
    """Counts for the page's first sentence: fields combined by themselves, clashes to choose."""
    return {
        "combined": [m.label for m in fields if not m.same and not m.conflicts],
        "clashes": sum(len(m.conflicts) for m in fields),
    }
