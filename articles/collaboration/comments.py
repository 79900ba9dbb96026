"""Comments on a passage of a story's body: anchoring, mentions, and the changes staff make.

A comment keeps the passage it was made on as a quote with up to `CONTEXT` characters on each
side (the W3C TextQuoteSelector's exact/prefix/suffix). The story's text changes after that;
`find_passage` finds the passage again in the text as it is now:

1. every exact occurrence of the quote, the one whose surroundings match the saved prefix and
   suffix best (so a passage repeated elsewhere does not steal the comment);
2. else a tolerant match: stretches of the text that begin or end like the quote, or sit
   between its old prefix and suffix, compared with the quote (difflib's ratio); the closest
   one counts if it is at least `TOLERANCE` alike (a word or two changed inside);
3. else the passage is gone and the comment is *orphaned*: listed with the quote it was
   made on, highlighted nowhere.

Text is compared with runs of whitespace made single spaces (paragraph breaks too), which is
also how the story page's script reads the editor's text (static/js/admin-story-comments.js).

Who may comment, change a comment and resolve a thread is `articles.workflow.permissions`; the
changes themselves are the functions below, each checking it first. Comments are staff-only:
nothing here is read by the snapshot, the public pages, the API, feeds or search.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from articles.models import Article, ArticleState, StoryComment, StoryCommentMention
from articles.workflow import notifications, permissions, revisions
from newsroom.html import html_to_text

CONTEXT = 32
TOLERANCE = 0.8
# Shorter quotes are only found exactly: a tolerant match of three letters means nothing.
MIN_TOLERANT = 8
MAX_TEXT = 5000
MAX_QUOTE = 2000


class CommentError(Exception):
    """A comment that cannot be made or changed, with the reason to show (and a `code`)."""

    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.code = code


# --- anchoring -------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Whitespace runs (paragraph breaks included) as one space, trimmed."""
    return " ".join((text or "").split())


def _squash(text: str) -> str:
    """Whitespace runs as one space, the edges kept (a prefix ends where the passage begins)."""
    return re.sub(r"\s+", " ", text or "")


def body_text(html: str) -> str:
    """The story body's text as comments are anchored in it."""
    return normalize(html_to_text(html or ""))


@dataclass(frozen=True)
class Anchor:
    """Where a comment's passage is in the text now (`text[start:end]`)."""

    start: int
    end: int
    text: str
    exact: bool


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_head(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the saved prefix and suffix surround text[start:end]."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_tail(before, prefix) + _common_head(after, suffix)


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1 and needle:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _tolerant_candidates(text: str, quote: str, prefix: str, suffix: str) -> set[tuple[int, int]]:
    size = len(quote)
    seed = max(4, min(16, size // 3))
    low, high = size // 2, size * 3 // 2 + 8
    heads = _occurrences(text, quote[:seed])
    tails = [t + seed for t in _occurrences(text, quote[-seed:])]
    candidates = set()
    for head in heads:
        candidates.add((head, min(len(text), head + size)))
        candidates.update((head, tail) for tail in tails if low <= tail - head <= high)
    for tail in tails:
        candidates.add((max(0, tail - size), tail))
    # Between the old surroundings: the passage was rewritten, its neighbours were not.
    before, after = prefix[-seed:], suffix[:seed]
    if len(before) >= 4 and len(after) >= 4:
        for start in (p + len(before) for p in _occurrences(text, before)):
            candidates.update(
                (start, end) for end in _occurrences(text, after) if low <= end - start <= high
            )
    return candidates


def find_passage(text: str, quote: str, prefix: str = "", suffix: str = "") -> Anchor | None:
    """The passage `quote` in `text` (both as `normalize` gives them), or None when it is gone."""
    quote, prefix, suffix = normalize(quote), _squash(prefix), _squash(suffix)
    if not quote or not text:
        return None
    exact = _occurrences(text, quote)
    if exact:
        start = max(
            exact, key=lambda s: (_context_score(text, s, s + len(quote), prefix, suffix), -s)
        )
        return Anchor(start, start + len(quote), quote, True)
    if len(quote) < MIN_TOLERANT:
        return None
    best, best_key = None, None
    for start, end in _tolerant_candidates(text, quote, prefix, suffix):
        ratio = SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
        if ratio < TOLERANCE:
            continue
        key = (ratio, _context_score(text, start, end, prefix, suffix), -start)
        if best_key is None or key > best_key:
            best, best_key = (start, end), key
    if best is None:
        return None
    start, end = best
    return Anchor(start, end, text[start:end], False)


def context_of(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(prefix, quote, suffix) of text[start:end], as a comment stores them."""
    return text[max(0, start - CONTEXT) : start], text[start:end], text[end : end + CONTEXT]


# --- mentions --------------------------------------------------------------------------------

_MENTION = re.compile(r"(?<![\w@])@")
_NAME_END = re.compile(r"(?=[^\w'’-]|$)")


def _mentionable():
    return get_user_model().objects.filter(is_active=True, is_staff=True)


def find_mentions(text: str, people=None) -> list:
    """Staff named in `text` as @username or @First Last (longest name first), in order."""
    people = list(_mentionable() if people is None else people)
    names = []
    for person in people:
        full = " ".join(person.get_full_name().split())
        if full:
            names.append((full.casefold(), person))
        names.append((person.get_username().casefold(), person))
    names.sort(key=lambda pair: -len(pair[0]))
    found = []
    for match in _MENTION.finditer(text or ""):
        rest = text[match.end() :].casefold()
        for name, person in names:
            if rest.startswith(name) and _NAME_END.match(rest, len(name)):
                if person not in found:
                    found.append(person)
                break
    return found


def _record_mentions(comment: StoryComment, article: Article, *, already=()) -> list[int]:
    """Mention rows for the people named (who can see the story); the ids of new ones."""
    new = []
    for person in find_mentions(comment.text):
        if person.pk in already or not permissions.can_view(person, article):
            continue
        _, created = StoryCommentMention.objects.get_or_create(comment=comment, user=person)
        if created:
            new.append(person.pk)
    return new


def _notify(comment_id: int, user_ids: list[int]) -> None:
    if user_ids:
        transaction.on_commit(lambda: notifications.comment_mentioned(comment_id, user_ids))


# --- changes ---------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise CommentError("Write the comment first.", "empty")
    if len(text) > MAX_TEXT:
        raise CommentError(f"A comment has at most {MAX_TEXT} characters.", "too_long")
    if "\x00" in text:
        raise CommentError("The comment holds a character that cannot be kept.", "invalid")
    return text


def _clean_context(value: str, keep: str) -> str:
    value = _squash(str(value or "").replace("\x00", ""))
    return value[-CONTEXT:] if keep == "end" else value[:CONTEXT]


@transaction.atomic
def add_comment(
    user,
    article: Article,
    *,
    text: str,
    quote: str = "",
    prefix: str = "",
    suffix: str = "",
    parent: StoryComment | None = None,
) -> StoryComment:
    """A new comment on a passage (`quote` with its `prefix` and `suffix`), or a reply to
    `parent` (a reply goes to the thread's first comment and has no passage of its own)."""
    if not permissions.can_comment(user, article):
        raise CommentError("You cannot comment on this story.", "forbidden")
    text = _clean_text(text)
    if parent is not None:
        if parent.article_id != article.pk:
            raise CommentError("That comment is on another story.", "wrong_story")
        parent = parent.parent or parent
        quote = prefix = suffix = ""
    else:
        quote = normalize(str(quote or "").replace("\x00", ""))
        if not quote:
            raise CommentError("Select the passage to comment on first.", "no_passage")
        if len(quote) > MAX_QUOTE:
            raise CommentError(
                f"Select a shorter passage (at most {MAX_QUOTE} characters).", "quote_too_long"
            )
    latest = revisions.versions_of(article).first()
    comment = StoryComment.objects.create(
        article=article,
        parent=parent,
        author=user,
        text=text,
        quote=quote,
        prefix=_clean_context(prefix, "end"),
        suffix=_clean_context(suffix, "start"),
        made_on_version=article.version,
        revision=latest.revision if latest else None,
    )
    _notify(comment.pk, _record_mentions(comment, article))
    return comment


@transaction.atomic
def edit_comment(user, comment: StoryComment, *, text: str) -> StoryComment:
    if not permissions.can_change_comment(user, comment):
        raise CommentError("Only its author may edit a comment.", "forbidden")
    comment.text = _clean_text(text)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["text", "edited_at"])
    already = set(comment.mentions.values_list("user_id", flat=True))
    _notify(comment.pk, _record_mentions(comment, comment.article, already=already))
    return comment


@transaction.atomic
def delete_comment(user, comment: StoryComment) -> None:
    if not permissions.can_change_comment(user, comment):
        raise CommentError("Only its author may delete a comment.", "forbidden")
    if comment.replies.exclude(author=user).exists():
        raise CommentError(
            "Others have replied to this comment: resolve it instead of deleting it.",
            "has_replies",
        )
    comment.delete()


@transaction.atomic
def resolve_thread(user, comment: StoryComment) -> StoryComment:
    comment = comment.parent or comment
    if not permissions.can_resolve_comment(user, comment):
        raise CommentError(
            "The comment's author, the story's reporter or an editor may resolve it.", "forbidden"
        )
    if comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = timezone.now(), user
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


@transaction.atomic
def reopen_thread(user, comment: StoryComment) -> StoryComment:
    comment = comment.parent or comment
    if not permissions.can_resolve_comment(user, comment):
        raise CommentError(
            "The comment's author, the story's reporter or an editor may reopen it.", "forbidden"
        )
    comment.resolved_at, comment.resolved_by = None, None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


# --- reading ---------------------------------------------------------------------------------


@dataclass
class Thread:
    """A comment on a passage with its replies, and where its passage is now."""

    comment: StoryComment
    replies: list = field(default_factory=list)
    anchor: Anchor | None = None
    story_version: int = 0

    @property
    def unsaved(self) -> bool:
        """Made on words typed but not saved yet: not in the saved text, nothing saved since."""
        return self.anchor is None and self.story_version <= self.comment.made_on_version

    @property
    def orphaned(self) -> bool:
        """The passage was in the text and a later save deleted it."""
        return self.anchor is None and not self.unsaved

    @property
    def resolved(self) -> bool:
        return self.comment.resolved_at is not None


def story_threads(article: Article) -> list[Thread]:
    """The story's comment threads, oldest first, each anchored in the saved body."""
    text = body_text(article.body)
    comments = (
        StoryComment.objects.filter(article=article, parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=StoryComment.objects.select_related("author").order_by("created_at", "pk"),
            )
        )
    )
    return [
        Thread(
            comment,
            list(comment.replies.all()),
            find_passage(text, comment.quote, comment.prefix, comment.suffix),
            article.version,
        )
        for comment in comments
    ]


UNPUBLISHED = Q(
    state__in=[ArticleState.DRAFT, ArticleState.IN_REVIEW, ArticleState.UNPUBLISHED]
) | Q(state=ArticleState.PUBLISHED, has_unpublished_changes=True)


def open_comments():
    """Every unresolved thread on a story that is not (or not entirely) public yet."""
    return StoryComment.objects.filter(
        parent=None,
        resolved_at=None,
        article__in=Article.objects.filter(UNPUBLISHED).values("pk"),
    )


def open_mentions(user):
    """The user's mentions in threads still open, newest first."""
    return StoryCommentMention.objects.filter(
        Q(comment__parent__resolved_at=None, comment__parent__isnull=False)
        | Q(comment__parent=None, comment__resolved_at=None),
        user=user,
    )
