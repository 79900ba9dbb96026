"""Comments on a passage of a story's body: anchoring, mentions, and the changes staff make.

A comment keeps the passage it was made on as a quote with up to `CONTEXT` characters on each
side; `articles.collaboration.passages.find_passage` finds it again in the story's text (or
says it is gone: the comment is *orphaned*). That search runs when the comment is made and
once per save of the story (`story_saved` → `on_story_saved`), and its result is kept on the
comment (`anchor_start`, `anchor_end`, `anchor_exact`, for `anchored_version`): opening the
story page or its comments only reads it. A quote, prefix or suffix longer than `MAX_QUOTE`
is refused.

Who an @name means is `articles.collaboration.mentions` (a name that fits two people is
refused, naming both). The passage an @mention mail quotes is the story's own words at that
place, never what the client sent; and one person's comments mail at most `MENTIONS_PER_HOUR`
mentions an hour.

Who may comment, change a comment and resolve a thread is `articles.workflow.permissions`; the
changes themselves are the functions below, each checking it first. Comments are staff-only:
nothing here is read by the snapshot, the public pages, the API, feeds or search.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from articles.collaboration import mentions
from articles.collaboration.passages import (
    CONTEXT,
    MAX_QUOTE,
    Anchor,
    body_text,
    context_of,
    find_passage,
    normalize,
    squash,
)
from articles.models import Article, ArticleState, StoryComment, StoryCommentMention
from articles.workflow import notifications, permissions, revisions

__all__ = ["Anchor", "body_text", "context_of", "find_passage", "normalize"]

MAX_TEXT = 5000
# Mention mails one person may cause in an hour (issue 19: seven comments gave fourteen mails).
MENTIONS_PER_HOUR = 20


class CommentError(Exception):
    """A comment that cannot be made or changed, with the reason to show (and a `code`)."""

    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.code = code


# --- anchoring: the passage's place, found when the comment is made and at each save ---------


def _stored_anchor(comment: StoryComment, text: str) -> Anchor | None:
    start, end = comment.anchor_start, comment.anchor_end
    if start is None or end is None or not 0 <= start <= end <= len(text):
        return None
    return Anchor(start, end, text[start:end], comment.anchor_exact)


def _place(comment: StoryComment, text: str, version: int) -> Anchor | None:
    """Find `comment`'s passage in `text` (bounded work) and keep where it is on the comment."""
    anchor = find_passage(
        text, comment.quote, comment.prefix, comment.suffix, near=comment.anchor_start
    )
    comment.anchor_start = anchor.start if anchor else None
    comment.anchor_end = anchor.end if anchor else None
    comment.anchor_exact = bool(anchor and anchor.exact)
    comment.anchored_version = version
    return anchor


ANCHOR_FIELDS = ["anchor_start", "anchor_end", "anchor_exact", "anchored_version"]


def passage_of(comment: StoryComment, article: Article, text: str | None = None) -> Anchor | None:
    """Where `comment`'s passage is in the story's saved text: the place kept at the last save,
    found again (and kept) only when the story was saved since without it being found."""
    text = body_text(article.body) if text is None else text
    if not comment.quote:
        return None
    if comment.anchored_version == article.version:
        return _stored_anchor(comment, text)
    anchor = _place(comment, text, article.version)
    if comment.pk:
        StoryComment.objects.filter(pk=comment.pk).update(
            **{name: getattr(comment, name) for name in ANCHOR_FIELDS}
        )
    return anchor


def reanchor_story(article: Article) -> int:
    """Find every thread's passage in the story's text as just saved; the number of threads."""
    text = body_text(article.body)
    threads = list(StoryComment.objects.filter(article=article, parent=None).exclude(quote=""))
    for comment in threads:
        _place(comment, text, article.version)
    StoryComment.objects.bulk_update(threads, ANCHOR_FIELDS)
    return len(threads)


def on_story_saved(sender, *, article: Article, **kwargs) -> None:
    """Receiver of `story_saved` (connected in ArticlesConfig.ready()): re-anchor once per save,
    so that opening the story never matches passages."""
    reanchor_story(article)


# --- mentions (who a name means: articles.collaboration.mentions) ---------------------------


def find_mentions(text: str) -> list:
    """Staff named in `text` after "@" (see `mentions.read_mentions`), in order."""
    return mentions.read_mentions(text).people


def _check_mention_limit(author, count: int) -> None:
    """Refuse when `count` more mentions would take `author` past `MENTIONS_PER_HOUR` mails."""
    if not count or author is None:
        return
    # One person's mentions are counted one request at a time (their user row locked).
    get_user_model().objects.select_for_update().filter(pk=author.pk).exists()
    since = timezone.now() - timedelta(hours=1)
    sent = StoryCommentMention.objects.filter(comment__author=author, created_at__gte=since).count()
    if sent + count > MENTIONS_PER_HOUR:
        raise CommentError(
            f"You have mentioned people {sent} times in the last hour and each mention sends "
            f"a mail: at most {MENTIONS_PER_HOUR} an hour. Post the comment without the @ "
            "names, or try again later.",
            "too_many_mentions",
        )


def _record_mentions(comment: StoryComment, article: Article, *, already=()) -> list[int]:
    """Mention rows for the people named (who can see the story); the ids of new ones."""
    found = mentions.read_mentions(comment.text)
    if found.ambiguous:
        raise CommentError(mentions.ambiguity_message(found.ambiguous), "ambiguous_mention")
    people = [
        person
        for person in found.people
        if person.pk not in already and permissions.can_view(person, article)
    ]
    _check_mention_limit(comment.author, len(people))
    new = []
    for person in people:
        _, created = StoryCommentMention.objects.get_or_create(comment=comment, user=person)
        if created:
            new.append(person.pk)
    return new


def _notify(comment: StoryComment, article: Article, user_ids: list[int]) -> None:
    """Mail the newly mentioned after the commit, quoting the story's words at the thread's
    passage (checked against the saved text: a quote the client made up is not repeated)."""
    if not user_ids:
        return
    anchor = passage_of(comment.parent or comment, article)
    passage = anchor.text if anchor else ""
    comment_id = comment.pk
    transaction.on_commit(
        lambda: notifications.comment_mentioned(comment_id, user_ids, passage=passage)
    )


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
    value = squash(str(value or "").replace("\x00", ""))
    if len(value) > MAX_QUOTE:
        raise CommentError(
            f"The text around the passage is too long (at most {MAX_QUOTE} characters).",
            "context_too_long",
        )
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
    comment = StoryComment(
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
    if quote:
        _place(comment, body_text(article.body), article.version)
    comment.save()
    _notify(comment, article, _record_mentions(comment, article))
    return comment


@transaction.atomic
def edit_comment(user, comment: StoryComment, *, text: str) -> StoryComment:
    if not permissions.can_change_comment(user, comment):
        raise CommentError("Only its author may edit a comment.", "forbidden")
    comment.text = _clean_text(text)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["text", "edited_at"])
    already = set(comment.mentions.values_list("user_id", flat=True))
    _notify(comment, comment.article, _record_mentions(comment, comment.article, already=already))
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
    """The story's comment threads, oldest first, each anchored in the saved body (where the
    last save found its passage: no matching here unless a save went unannounced)."""
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
            passage_of(comment, article, text),
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
