"""The merge of someone's unsaved text with a newer saved version of the story.

When someone else saved the story while a person was typing, that person's text ("mine")
and the saved story ("theirs") are compared field by field: headline, dek and the body
paragraph by paragraph, with the words that differ marked, plus any other text field of the
form that differs. The person picks one side per field; the merged text is kept as their
autosave (`articles.collaboration.autosave`) and loaded into the form against the NEW version, so their
save goes through the optimistic lock. Nothing typed is lost: their text is autosaved before
the comparison is shown, and every choice keeps either side's words as they were.
"""

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.collaboration.autosave import AUTOSAVED_FIELDS
from articles.models import Article
from articles.workflow.revisions import revision_data, versions_of
from newsroom.html import paragraphs

MINE, THEIRS = "mine", "theirs"
# Always shown, in this order; the form's other text fields only when they differ.
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


def _same(name: str, mine: str, theirs: str) -> bool:
    if name == "tags":
        names = lambda text: {t.strip().lower() for t in text.split(",") if t.strip()}  # noqa: E731
        return names(mine) == names(theirs)
    if name == "body":
        return paragraphs(mine) == paragraphs(theirs)
    return " ".join(mine.split()) == " ".join(theirs.split())


def _marked_words(mine: str, theirs: str) -> tuple[SafeString, SafeString]:
    """Both strings, each with the words the other lacks in <mark>."""
    a, b = mine.split(), theirs.split()
    left, right = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(escape(" ".join(a[a1:a2])))
            right.append(escape(" ".join(b[b1:b2])))
            continue
        if a2 > a1:
            left.append(f"<mark>{escape(' '.join(a[a1:a2]))}</mark>")
        if b2 > b1:
            right.append(f"<mark>{escape(' '.join(b[b1:b2]))}</mark>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))


def _paragraph_rows(mine: list[str], theirs: list[str]) -> list[dict]:
    """Side-by-side rows of paragraphs: same, changed (words marked), only mine, only theirs."""
    rows = []
    matcher = difflib.SequenceMatcher(a=mine, b=theirs, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend({"op": "same", "mine": escape(p), "theirs": escape(p)} for p in mine[a1:a2])
            continue
        left, right = mine[a1:a2], theirs[b1:b2]
        for index in range(max(len(left), len(right))):
            if index < len(left) and index < len(right):
                marked_mine, marked_theirs = _marked_words(left[index], right[index])
                rows.append({"op": "changed", "mine": marked_mine, "theirs": marked_theirs})
            elif index < len(left):
                rows.append({"op": "only_mine", "mine": escape(left[index]), "theirs": ""})
            else:
                rows.append({"op": "only_theirs", "mine": "", "theirs": escape(right[index])})
    return rows


@dataclass
class FieldComparison:
    name: str
    label: str
    mine: str
    theirs: str
    same: bool
    rows: list[dict]  # side-by-side rows: one for a one-line field, one per paragraph for the body
    # Preselected: the side that changed since the person's form was opened, when only one did.
    suggested: str = ""

    @property
    def choice_name(self) -> str:
        return f"choose_{self.name}"


def compare(
    mine: dict[str, str], theirs: dict[str, str], base: dict[str, str] | None = None
) -> list[FieldComparison]:
    """Each field to show: the main ones always, the others where `mine` differs. With `base`
    (the text the person started from), a field only one side changed suggests that side."""
    fields = []
    for name in AUTOSAVED_FIELDS:
        if name not in mine:
            continue
        mine_text, theirs_text = mine[name], theirs.get(name, "")
        same = _same(name, mine_text, theirs_text)
        if same and name not in MAIN_FIELDS:
            continue
        if name == "body":
            rows = _paragraph_rows(paragraphs(mine_text), paragraphs(theirs_text))
        elif same:
            rows = [{"op": "same", "mine": escape(mine_text), "theirs": escape(theirs_text)}]
        else:
            marked_mine, marked_theirs = _marked_words(mine_text, theirs_text)
            rows = [{"op": "changed", "mine": marked_mine, "theirs": marked_theirs}]
        suggested = ""
        if not same and base is not None and name in base:
            if _same(name, mine_text, base[name]):
                suggested = THEIRS  # only they changed it: taking theirs loses nothing of mine
            elif _same(name, theirs_text, base[name]):
                suggested = MINE
        fields.append(
            FieldComparison(name, LABELS[name], mine_text, theirs_text, same, rows, suggested)
        )
    order = {name: index for index, name in enumerate(MAIN_FIELDS)}
    fields.sort(key=lambda field: order.get(field.name, len(order)))
    return fields


def missing_choices(fields: list[FieldComparison], choices: dict[str, str]) -> list[str]:
    """The labels of the fields that differ and have no choice (mine or theirs) yet."""
    return [f.label for f in fields if not f.same and choices.get(f.name) not in (MINE, THEIRS)]


def merged_text(
    mine: dict[str, str], theirs: dict[str, str], choices: dict[str, str]
) -> dict[str, str]:
    """The text to continue with: per field, the side chosen (mine when nothing was chosen:
    a missing choice never drops typed words; `missing_choices` asks for one first)."""
    return {
        name: theirs.get(name, "") if choices.get(name) == THEIRS else value
        for name, value in mine.items()
    }
