"""Server autosave: the text someone is typing in the story form, kept while they type.

An autosave is not a save. It is one `StoryAutosave` row per (person, story), replaced at each
autosave: nobody else sees it, and the story's working copy, version, history and live page
are untouched. When that person saves the story (`workflow.save_article`), their autosave is
deleted; a refused save (someone saved first) rolls back and keeps it. When they open the story
again and their autosave holds text the story does not, the page offers it back.

A story not saved yet has one autosave per person (`article` empty), kept until they create a
story. Who may autosave is who may edit (`articles.workflow.permissions`): the same rule as saving.
"""

from django.db import transaction
from django.utils import timezone

from articles.models import Article, StoryAutosave
from articles.workflow import permissions
from articles.workflow.signals import EDIT
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


class AutosaveRefused(Exception):
    """An autosave not kept, with the sentence to show and the HTTP status that fits."""

    def __init__(self, message: str, *, code: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def _check_may_autosave(user, article: Article | None) -> None:
    allowed = (
        permissions.can_create(user)
        if article is None
        else permissions.can_view(user, article) and permissions.can_edit(user, article)
    )
    if not allowed:
        raise AutosaveRefused(
            "You may not edit this story now, so its text is not autosaved.",
            code="permission_denied",
            status=403,
        )


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


@transaction.atomic
def autosave_store(
    user, article: Article | None, *, values: dict, based_on_version
) -> StoryAutosave:
    """Keep what `user` is typing in `article`'s form (None: a story not saved yet)."""
    _check_may_autosave(user, article)
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
    autosave, _ = StoryAutosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={"text": text, "based_on_version": based_on, "saved_at": timezone.now()},
    )
    return autosave


def autosave_discard(user, article: Article | None) -> int:
    """Drop `user`'s autosave of `article` (None: of their new story); how many rows went."""
    deleted, _ = StoryAutosave.objects.filter(user=user, article=article).delete()
    return deleted


def _differs_from_story(text: dict, article: Article) -> bool:
    """Whether `text` says something the story's saved row does not (read afresh: on a form
    shown again after a refused save, the object in hand holds what was typed)."""
    names = [name for name in text if name != "tags"]  # tags are typed as "a, b"
    saved = Article.objects.filter(pk=article.pk).values(*names).first() or {}
    return any((saved.get(name) or "") != text[name] for name in names)


def autosave_to_offer(user, article: Article | None) -> StoryAutosave | None:
    """`user`'s autosave worth offering back when they open `article` (None: a new story).

    One holding only what the story already says is not offered. One made before someone
    else saved the story is still offered (its words are nowhere else); the page says the
    story was saved since."""
    if not (user and user.is_authenticated):
        return None
    autosave = StoryAutosave.objects.filter(user=user, article=article).first()
    if autosave is None:
        return None
    if article is not None and not _differs_from_story(autosave.text, article):
        return None
    return autosave


def drop_after_save(user, article: Article, *, created: bool) -> None:
    """A real save holds the text: the saver's autosave of that story (or of their new story,
    for the save that created it) is no longer needed. Called inside the save's transaction."""
    if user is None or not user.is_authenticated:
        return
    StoryAutosave.objects.filter(user=user, article=None if created else article).delete()


def on_story_saved(sender, *, article: Article, user, created: bool, how: str, **kwargs) -> None:
    """Receiver of `story_saved`: a save of what someone typed drops their autosave."""
    if how == EDIT:
        drop_after_save(user, article, created=created)
