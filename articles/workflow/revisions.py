"""Story history with django-reversion: a revision per save, readable diffs, restore.

Why django-reversion: it is the long-maintained Django library for model history, stores
each version as serialized data in its own tables, and groups related changes in one
revision with a user, a comment and meta rows. We register only the story's editorial
fields and keep byline, tags, attributions and corrections as meta data
(`ArticleRevisionMeta`). Attributions are not followed as rows: the sources app writes them
as lines (`articles.sourcing`, answered by `sources.history`) from their non-confidential
fields only, so no confidential sourcing reaches the history.

The diff page opens on what changed since the reader last saw the story: of the moments it
was last submitted for review, last sent back with changes requested, and (for the reader)
last saved or last opened by them, the latest one since which something changed, against the newest
revision (`diff_choices`); without any, the last two revisions. So after "Request changes"
and a resubmit it opens on the reporter's changes since the request, not on an empty "since
submitted". The body is compared paragraph by paragraph and word by word with the words'
marks and links (`articles.collaboration.richtext`): a word made bold, or a link added to
unchanged words, shows, with the link's address.

Restoring applies an old revision's content to the working copy (`apply_content`,
`apply_byline_and_tags`) and saves it as a NEW revision: that save is
`articles.workflow.saving.restore_revision`, so history is never rewritten and this module
imports nothing above it.
"""

import difflib
from dataclasses import dataclass, field

import reversion
from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.models import Revision, Version

from articles.collaboration.richtext import blocks, show, word_diff, words
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleRevisionMeta,
    Gallery,
    Image,
    Section,
    WorkflowEvent,
)
from articles.sourcing import answers
from authors.models import Author

CONTENT_FIELDS = [
    "headline",
    "seo_headline",
    "social_headline",
    "slug",
    "dek",
    "body",
    "section",
    "lead_image",
    "lead_gallery",
    "dateline",
    "kind_of_work",
    "how_we_reported",
]

if not reversion.is_registered(Article):
    reversion.register(Article, fields=CONTENT_FIELDS)


def _byline_data(article: Article) -> list[dict]:
    return [
        {"id": link.author_id, "name": link.author.name}
        for link in article.author_links.select_related("author").order_by("position", "id")
    ]


def _tag_names(article: Article) -> list[str]:
    return sorted(article.tags.names())


def record_revision(article: Article, *, user=None, comment: str = "") -> Revision:
    """Keep a revision of the story's content, byline and tags as they are now; return it."""
    with reversion.create_revision(manage_manually=True):
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment or "Saved")
        reversion.add_to_revision(article)
        reversion.add_meta(
            ArticleRevisionMeta,
            byline=_byline_data(article),
            tags=_tag_names(article),
            **answers().history_lines(article),
            state=article.state,
            version=article.version,
        )
    # The revision just saved: the newest of this story's versions (e.g. for a correction).
    return (
        Version.objects.get_for_object(article).select_related("revision").order_by("-pk")[0]
    ).revision


def versions_of(article: Article):
    """The story's versions, newest first, with their revision, user and meta."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user", "revision__article_meta")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass
class RevisionData:
    """One revision's content in the shape diffs and restore need."""

    version_id: int
    number: int
    fields: dict
    byline: list[dict] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # One line each (`sources.history`); revisions kept before these were recorded hold none.
    attributions: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)

    @property
    def byline_names(self) -> list[str]:
        return [item["name"] for item in self.byline]


def revision_data(version: Version, *, number: int = 0) -> RevisionData:
    fields = version.field_dict
    meta = getattr(version.revision, "article_meta", None)
    return RevisionData(
        version_id=version.pk,
        number=number,
        fields=fields,
        byline=meta.byline if meta else [],
        tags=meta.tags if meta else [],
        attributions=_lines(meta, "attributions"),
        corrections=_lines(meta, "corrections"),
    )


def _lines(meta, name: str) -> list[str]:
    return [item.get("line", "") for item in getattr(meta, name, None) or []]


def numbered_versions(article: Article) -> list[tuple[int, Version]]:
    """(number, version) newest first; number 1 is the first revision."""
    versions = list(versions_of(article))
    return [(len(versions) - index, version) for index, version in enumerate(versions)]


# --- which revisions to compare -----------------------------------------------------------

# Workflow moves a comparison can start from: what changed since the story was handed over.
BASELINE_MOVES = {
    "submit": ("submitted", "Since it was submitted for review"),
    "request_changes": ("changes_requested", "Since changes were requested"),
}


@dataclass
class DiffChoice:
    """One comparison the diff page offers: a name, a sentence, and the two versions."""

    key: str
    label: str
    old_version_id: int
    new_version_id: int


def diff_choices(
    article: Article, versions: list[tuple[int, Version]], *, user=None, opened_before=None
) -> list[DiffChoice]:
    """The comparisons worth offering, the default first.

    Each against the newest revision: the story as it was at its last submit for review, at
    its last request for changes, (with `user`) at `user`'s last save (what others changed since)
    and (with `opened_before`, when the reader last opened the story's page) as they last saw it;
    the latest of these since which something changed comes first (a resubmit with no edit
    since gives way to the request before it; the opening gives way to a workflow move or the last
    two revisions that compares the same two); then the last two revisions, always offered,
    and the default when nothing changed since any of them; then those with no change. `versions` is `numbered_versions(article)`.
    """
    if not versions:
        return []
    newest = versions[0][1]
    moved = []
    for action, (key, label) in BASELINE_MOVES.items():
        event = (
            WorkflowEvent.objects.filter(article=article, action=action)
            .order_by("-created_at", "-pk")
            .first()
        )
        if event is None:
            continue
        # The revision the story was at then: the newest one made no later than the move.
        base = next(
            (v for _, v in versions if v.revision.date_created <= event.created_at),
            versions[-1][1],
        )
        moved.append((event.created_at, DiffChoice(key, label, base.pk, newest.pk)))
    if user is not None and getattr(user, "pk", None) is not None:
        yours = next((v for _, v in versions if v.revision.user_id == user.pk), None)
        if yours is not None:
            choice = DiffChoice("yours", "Since you last saved", yours.pk, newest.pk)
            moved.append((yours.revision.date_created, choice))
    if opened_before is not None:
        seen = next((v for _, v in versions if v.revision.date_created <= opened_before), None)
        if seen is not None:
            choice = DiffChoice("opened", "Since you last opened it", seen.pk, newest.pk)
            moved.append((opened_before, choice))
    moved.sort(key=lambda item: item[0], reverse=True)
    last_two = DiffChoice(
        "last", "The last two revisions", versions[min(1, len(versions) - 1)][1].pk, newest.pk
    )
    choices = [choice for _, choice in moved]
    # "Since you last opened it" gives way to a workflow move or the last two revisions that
    # compare the same pair: opened right after requesting changes, or reloaded by a save.
    pairs = {
        (c.old_version_id, c.new_version_id)
        for c in [*choices, last_two]
        if c.key not in ("opened", "yours")
    }
    choices = [
        c for c in choices if c.key != "opened" or (c.old_version_id, c.new_version_id) not in pairs
    ]
    by_id = {version.pk: version for _, version in versions}
    changed = [choice for choice in choices if _differs(by_id, choice)]
    unchanged = [c for c in choices if c not in changed and c.key != "yours"]
    return changed + [last_two] + unchanged


def _differs(by_id: dict, choice: DiffChoice) -> bool:
    if choice.old_version_id == choice.new_version_id:
        return False
    old = revision_data(by_id[choice.old_version_id])
    return bool(diff_revisions(old, revision_data(by_id[choice.new_version_id])))


# --- diffs ---------------------------------------------------------------------------


def _inline_diff(old: str, new: str):
    """Word-level diff of two strings as safe HTML with <del>/<ins>."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))


def _list_diff(old: list[str], new: list[str]) -> list[dict]:
    """Paragraph-level diff: equal, inserted, deleted or changed (with a word diff)."""
    rows = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend({"op": "equal", "html": escape(text)} for text in old[a1:a2])
        elif op == "delete":
            rows.extend({"op": "delete", "html": escape(text)} for text in old[a1:a2])
        elif op == "insert":
            rows.extend({"op": "insert", "html": escape(text)} for text in new[b1:b2])
        else:
            olds, news = old[a1:a2], new[b1:b2]
            for index in range(max(len(olds), len(news))):
                if index < len(olds) and index < len(news):
                    rows.append({"op": "replace", "html": _inline_diff(olds[index], news[index])})
                elif index < len(olds):
                    rows.append({"op": "delete", "html": escape(olds[index])})
                else:
                    rows.append({"op": "insert", "html": escape(news[index])})
    return rows


def body_diff(old_html: str, new_html: str) -> list[dict] | None:
    """The body paragraph by paragraph, each changed one word by word with its marks and links
    (None when nothing changed, spacing and markup noise aside)."""
    old, new = blocks(old_html or ""), blocks(new_html or "")
    old_words, new_words = [tuple(words(b)) for b in old], [tuple(words(b)) for b in new]
    if old_words == new_words:
        return None
    rows = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend({"op": "equal", "html": show(list(w))} for w in new_words[b1:b2])
            continue
        olds, news = old[a1:a2], new[b1:b2]
        for index in range(max(len(olds), len(news))):
            if index < len(olds) and index < len(news):
                rows.append({"op": "replace", "html": word_diff(olds[index], news[index])[2]})
            elif index < len(olds):
                rows.append({"op": "delete", "html": show(words(olds[index]))})
            else:
                rows.append({"op": "insert", "html": show(words(news[index]))})
    return rows


def _label(model, pk) -> str:
    if pk is None:
        return "—"
    obj = model.objects.filter(pk=pk).first()
    return str(obj) if obj else f"(deleted #{pk})"


def diff_revisions(old: RevisionData, new: RevisionData) -> list[dict]:
    """A readable diff: each field that changed, with the body compared paragraph by paragraph.

    Returns [{"field", "label", "rows": [{"op", "html"}]}]; unchanged fields are left out.
    """
    result = []

    def text_field(name: str, label: str, old_value: str, new_value: str) -> None:
        if (old_value or "") != (new_value or ""):
            result.append(
                {
                    "field": name,
                    "label": label,
                    "rows": [{"op": "replace", "html": _inline_diff(old_value, new_value)}],
                }
            )

    text_field(
        "headline", "Headline", old.fields.get("headline", ""), new.fields.get("headline", "")
    )
    for name, label in (
        ("seo_headline", "Search headline"),
        ("social_headline", "Social headline"),
    ):
        text_field(name, label, old.fields.get(name, ""), new.fields.get(name, ""))
    text_field("dek", "Dek", old.fields.get("dek", ""), new.fields.get("dek", ""))
    body_rows = body_diff(old.fields.get("body", ""), new.fields.get("body", ""))
    if body_rows is not None:
        result.append({"field": "body", "label": "Body", "rows": body_rows})
    if old.byline_names != new.byline_names:
        result.append(
            {
                "field": "byline",
                "label": "Byline",
                "rows": _list_diff(old.byline_names, new.byline_names),
            }
        )
    if old.tags != new.tags:
        result.append({"field": "tags", "label": "Tags", "rows": _list_diff(old.tags, new.tags)})
    for name, label in (("attributions", "Attributions"), ("corrections", "Corrections")):
        old_lines, new_lines = getattr(old, name), getattr(new, name)
        if old_lines != new_lines:
            rows = _list_diff(old_lines, new_lines)
            result.append({"field": name, "label": label, "rows": rows})
    text_field("slug", "Slug", old.fields.get("slug", ""), new.fields.get("slug", ""))
    for name, label, model in (
        ("section_id", "Section", Section),
        ("lead_image_id", "Lead image", Image),
        ("lead_gallery_id", "Lead gallery", Gallery),
    ):
        if old.fields.get(name) != new.fields.get(name):
            result.append(
                {
                    "field": name,
                    "label": label,
                    "rows": [
                        {"op": "delete", "html": escape(_label(model, old.fields.get(name)))},
                        {"op": "insert", "html": escape(_label(model, new.fields.get(name)))},
                    ],
                }
            )
    for name, label in (
        ("dateline", "Dateline"),
        ("kind_of_work", "Type of work"),
        ("how_we_reported", "How we reported this"),
    ):
        text_field(name, label, old.fields.get(name, ""), new.fields.get(name, ""))
    return result


# --- restore: applying an old revision (the save itself is `workflow.restore_revision`) ------


def apply_content(article: Article, data: "RevisionData") -> None:
    """Set the story's content fields to a revision's (not saved). A section or picture
    deleted since is left as it is now rather than restored as a dangling reference."""
    for name in CONTENT_FIELDS:
        attname = Article._meta.get_field(name).attname
        if attname not in data.fields:
            continue
        value = data.fields[attname]
        if (
            name == "section"
            and value is not None
            and not Section.objects.filter(pk=value).exists()
        ):
            continue
        if (
            name == "lead_image"
            and value is not None
            and not Image.objects.filter(pk=value).exists()
        ):
            value = None
        if (
            name == "lead_gallery"
            and value is not None
            and not Gallery.objects.filter(pk=value).exists()
        ):
            value = None
        setattr(article, attname, value)


def apply_byline_and_tags(article: Article, data: "RevisionData") -> None:
    """Give the (saved) story a revision's byline and tags; authors deleted since are left out."""
    known = set(
        Author.objects.filter(pk__in=[b["id"] for b in data.byline]).values_list("pk", flat=True)
    )
    article.author_links.all().delete()
    for position, item in enumerate(b for b in data.byline if b["id"] in known):
        ArticleAuthor.objects.create(article=article, author_id=item["id"], position=position)
    article.tags.set(data.tags)
