"""Server autosave: the text someone is typing in the story form, kept while they type.

An autosave is not a save. Each page of the story form is a **draft**, named by a random id
the browser makes when the page opens, and keeps one `StoryAutosave` row, replaced at each
autosave: two tabs (two new stories, or the same story twice) never share a row, so neither
wipes the other. Nobody else sees a draft, and the story's working copy, version, history and
live page are untouched.

- Saving the story (`workflow.save_article`) drops the saver's drafts of it (and, for the save
  that creates a story, their new-story drafts the story now holds); a refused save rolls back
  and keeps them.
- The last keystrokes are kept whatever the story's state: a story moved to review,
  scheduled or published by someone else while its writer typed still takes its writer's
  autosave (who may autosave: who may edit it now, or its own writer; bounded in size and
  in drafts per person).
- Opening the story again offers back the drafts holding text the story does not, newest
  first, with their first words and time; a story this person may no longer edit shows
  them as "Your last typing, not saved", and `autosave_to_new_draft` makes a new draft
  story of one, through the same save service.
"""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from taggit.utils import parse_tags

from articles import workflow
from articles.models import Article, ArticleAuthor, StoryAutosave
from articles.workflow import permissions
from articles.workflow.signals import EDIT
from newsroom.html import html_to_text, sanitize_html
from newsroom.ids import parse_id

# The story form's text fields (the ones the browser copy keeps too), in form order.
AUTOSAVED_FIELDS = (
    "headline",
    "seo_headline",
    "social_headline",
    "slug",
    "dek",
    "body",
    "dateline",
    "tags",
    "how_we_reported",
)
# Far above any story, low enough that nobody fills the database through this address.
MAX_FIELD_CHARS = {"body": 1_000_000}
MAX_OTHER_FIELD_CHARS = 20_000
MAX_REQUEST_BYTES = 2_000_000
# A person's drafts, all stories together: the oldest goes when a new one would pass this.
MAX_DRAFTS_PER_PERSON = 30
# Drafts offered back on one page.
MAX_OFFERS = 5
# What the browser names a draft: a UUID, or any short id of letters, digits and dashes.
DRAFT_ID = re.compile(r"[A-Za-z0-9-]{1,40}")
FIRST_WORDS = 12


class AutosaveRefused(Exception):
    """An autosave not kept, with the sentence to show and the HTTP status that fits."""

    def __init__(self, message: str, *, code: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def may_autosave(user, article: Article | None) -> bool:
    """Who may edit the story now, or its own writer whose story left their hands (moved to
    review, scheduled, published) while they typed: their last keystrokes are kept."""
    if article is None:
        return permissions.can_create(user)
    if not permissions.can_view(user, article):
        return False
    return permissions.can_edit(user, article) or permissions.is_owner(user, article)


def _check_may_autosave(user, article: Article | None) -> None:
    if not may_autosave(user, article):
        raise AutosaveRefused(
            "You may not edit this story, so its text is not autosaved.",
            code="permission_denied",
            status=403,
        )


def clean_draft_id(value) -> str:
    """The page's draft id ("" for a page that names none), or AutosaveRefused."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not DRAFT_ID.fullmatch(value):
        raise AutosaveRefused(
            "The page's draft name is not one this page makes; reload the story.",
            code="bad_draft",
        )
    return value


def clean_autosave_text(values: dict) -> dict[str, str]:
    """The form's text fields from `values`; refuses anything oversize with a clear message.

    NUL characters are dropped (PostgreSQL cannot store them, and no story needs one)."""
    text = {}
    for name in AUTOSAVED_FIELDS:
        value = values.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise AutosaveRefused(f"The {name} must be text.", code="not_text")
        limit = MAX_FIELD_CHARS.get(name, MAX_OTHER_FIELD_CHARS)
        if len(value) > limit:
            raise AutosaveRefused(
                f"The {name} is too long to autosave ({len(value):,} characters; the limit is "
                f"{limit:,}). Your text is still in the page: shorten it, or save the story.",
                code="too_long",
                status=413,
            )
        text[name] = value.replace("\x00", "")
    if not text:
        raise AutosaveRefused("There is no story text to autosave.", code="empty")
    return text


def _drop_oldest_beyond_limit(user) -> None:
    extra = StoryAutosave.objects.filter(user=user).order_by("-saved_at", "-pk")
    old = list(extra.values_list("pk", flat=True)[MAX_DRAFTS_PER_PERSON:])
    if old:
        StoryAutosave.objects.filter(pk__in=old).delete()


@transaction.atomic
def autosave_store(
    user, article: Article | None, *, values: dict, based_on_version, draft: str = ""
) -> StoryAutosave:
    """Keep what `user` is typing in the page `draft` of `article`'s form (None: a new story)."""
    _check_may_autosave(user, article)
    draft = clean_draft_id(draft)
    text = clean_autosave_text(values)
    based_on = parse_id(based_on_version or 0)
    if based_on is None:
        raise AutosaveRefused(
            "The story's version in the form is not a number; reload the story.",
            code="bad_version",
        )
    if not 0 <= based_on < 2**31:
        raise AutosaveRefused(
            "The story's version in the form is out of range.", code="bad_version"
        )
    autosave, created = StoryAutosave.objects.update_or_create(
        user=user,
        article=article,
        draft=draft,
        defaults={"text": text, "based_on_version": based_on, "saved_at": timezone.now()},
    )
    if created:
        _drop_oldest_beyond_limit(user)
    return autosave


def autosave_discard(user, article: Article | None, *, draft: str = "") -> int:
    """Drop `user`'s draft `draft` of `article` (None: a new story); how many rows went."""
    draft = clean_draft_id(draft)
    deleted, _ = StoryAutosave.objects.filter(user=user, article=article, draft=draft).delete()
    return deleted


def _saved_text(article: Article, names) -> dict:
    """The story's saved row (read afresh: on a form shown again after a refused save, the
    object in hand holds what was typed)."""
    return Article.objects.filter(pk=article.pk).values(*names).first() or {}


def _differs_from(text: dict, saved: dict) -> bool:
    names = [name for name in text if name != "tags"]  # tags are typed as "a, b"
    return any((saved.get(name) or "") != text[name] for name in names)


def first_words(text: dict) -> str:
    """The draft's first words, to tell drafts apart: its headline, else its body's start."""
    words = (text.get("headline") or "").strip() or html_to_text(text.get("body") or "")
    words = " ".join(words.split()) or (text.get("dek") or "").strip()
    return Truncator(words).words(FIRST_WORDS) or "(no words yet)"


def autosaves_to_offer(user, article: Article | None) -> list[StoryAutosave]:
    """`user`'s drafts worth offering back when they open `article` (None: a new story),
    newest first, at most MAX_OFFERS.

    One holding only what the story already says is not offered. One made before someone
    else saved the story is still offered (its words are nowhere else); the page says the
    story was saved since."""
    if not (user and user.is_authenticated):
        return []
    drafts = StoryAutosave.objects.filter(user=user, article=article).order_by("-saved_at")
    drafts = list(drafts[: MAX_OFFERS * 2])
    if article is not None:
        saved = _saved_text(article, [name for name in AUTOSAVED_FIELDS if name != "tags"])
        drafts = [draft for draft in drafts if _differs_from(draft.text, saved)]
    return drafts[:MAX_OFFERS]


def autosave_to_offer(user, article: Article | None) -> StoryAutosave | None:
    """The newest of `autosaves_to_offer`, or None."""
    drafts = autosaves_to_offer(user, article)
    return drafts[0] if drafts else None


def _free_slug(text: dict) -> str:
    base = slugify(text.get("slug") or text.get("headline") or "") or "my-last-typing"
    base = base[:180].strip("-") or "my-last-typing"
    slug, number = base, 1
    while Article.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


NEW_DRAFT_FIELDS = ("seo_headline", "social_headline", "dek", "body", "dateline", "how_we_reported")


def autosave_to_new_draft(user, article: Article, *, draft: str) -> Article:
    """A new draft story holding `user`'s kept draft `draft` of `article`, saved through
    `workflow.save_article` (who may create stories; the kept text is dropped with the save),
    with the story's byline and the typed tags (the story's, if the typing held none).

    For the writer of a story that left their hands while they typed: their last keystrokes
    become a story of their own to copy from, not an edit of the one in review."""
    draft = clean_draft_id(draft)
    kept = StoryAutosave.objects.filter(user=user, article=article, draft=draft).first()
    if kept is None:
        raise AutosaveRefused(
            "That typing is no longer kept (saved or discarded already).",
            code="not_found",
            status=404,
        )
    if not permissions.can_create(user):
        raise AutosaveRefused(
            "You may not create stories, so this typing cannot become one. Copy it instead.",
            code="permission_denied",
            status=403,
        )
    text = kept.text

    def typed(name: str) -> str:
        # What was typed, cut to what the field holds (a late autosave is checked for size
        # only, not against the story form's rules).
        limit = Article._meta.get_field(name).max_length
        value = text.get(name) or ""
        return value[:limit] if limit else value

    new = Article(
        headline=" ".join(typed("headline").split()) or article.headline,
        slug=_free_slug(text),
        section=article.section,
        kind_of_work=article.kind_of_work,
        **{name: typed(name) for name in NEW_DRAFT_FIELDS},
    )
    new.body = sanitize_html(new.body)  # as the story form does to a typed body
    # The tags as typed (if the typing held the field), else the story's; its byline in order.
    tags = parse_tags(text["tags"]) if "tags" in text else list(article.tags.names())
    byline = list(
        ArticleAuthor.objects.filter(article=article)
        .order_by("position", "pk")
        .values_list("author_id", flat=True)
    )

    def save_parts(saved: Article) -> None:
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=saved, author_id=author, position=position)
            for position, author in enumerate(byline)
        )
        saved.tags.set(tags)

    with transaction.atomic():
        workflow.save_article(
            user,
            new,
            expected_version=None,
            comment=f"Made from {user}'s last typing in “{article.headline}”",
            save_parts=save_parts,
        )
        kept.delete()
    return new


def drop_after_save(user, article: Article, *, created: bool) -> None:
    """A real save holds the text: the saver's drafts of that story are no longer needed
    (for the save that created it, their new-story drafts the story now holds). Called
    inside the save's transaction."""
    if user is None or not user.is_authenticated:
        return
    if not created:
        StoryAutosave.objects.filter(user=user, article=article).delete()
        return
    saved = _saved_text(article, [name for name in AUTOSAVED_FIELDS if name != "tags"])
    for kept in StoryAutosave.objects.filter(user=user, article=None):
        if not _differs_from(kept.text, saved):
            kept.delete()


def on_story_saved(sender, *, article: Article, user, created: bool, how: str, **kwargs) -> None:
    """Receiver of `story_saved`: a save of what someone typed drops their autosave."""
    if how == EDIT:
        drop_after_save(user, article, created=created)
