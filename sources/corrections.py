"""The rules of a story's public corrections, in one place for the admin, an API or a command.

- A correction needs a published story: readers must have seen it (`can_be_corrected`); the
  story form and the corrections admin offer none before, and a publish refuses one
  (`check_publishable`, asked by `articles.workflow.transitions.publish`).
- A correction written with a publish must be one (`check_written`: a kind readers know,
  words to show).
- A correction reaches readers with the publish that approves it (`publish_with`: it sets
  `is_published`, `approved_by` and `revision`). Once published it is part of the record:
- changing its kind or words sends it back to wait for the next publish (`reopen_if_changed`);
  readers keep the approved words until then, since only a publish rewrites the snapshot;
- only an editor may delete it (`may_delete`).
"""

from articles.models import Article
from articles.workflow.errors import CorrectionNeedsPublishedStory, NoteRequired, WorkflowError
from articles.workflow.states import has_been_public
from sources.models import Correction, CorrectionKind
from sources.permissions import can_delete_published_correction

# The kinds a publish may write (a retraction is the unpublish transition's notice).
KINDS_WITH_A_PUBLISH = (
    CorrectionKind.CORRECTION,
    CorrectionKind.CLARIFICATION,
    CorrectionKind.EDITORS_NOTE,
)
NEEDS_PUBLISHED_STORY = (
    "“{headline}” has not been published yet, so there is nothing to correct: a correction "
    "needs a published story."
)


def can_be_corrected(article: Article | None, *, now=None) -> bool:
    """Whether readers have seen the story, so that it can carry a correction."""
    return article is not None and has_been_public(article, now=now)


def check_written(correction: dict | None) -> None:
    """Refuse a correction given with a publish that readers could not be shown."""
    if correction is None:
        return
    kind = correction.get("kind") or CorrectionKind.CORRECTION
    if kind not in KINDS_WITH_A_PUBLISH:
        raise WorkflowError(
            f"Unknown correction kind “{kind}”: use correction, clarification or editors_note.",
            code="correction_kind_invalid",
        )
    if not (correction.get("text") or "").strip():
        raise NoteRequired(
            "Write the text of the correction readers will see.",
            code="correction_text_required",
        )


def check_publishable(article: Article, *, correction: dict | None, now) -> None:
    """A publish carrying a correction (given, or waiting in the story) needs a story readers
    have seen."""
    waiting = article.corrections.filter(is_published=False).exists()
    if (correction is not None or waiting) and not can_be_corrected(article, now=now):
        raise CorrectionNeedsPublishedStory(
            NEEDS_PUBLISHED_STORY.format(headline=article.headline)
            + " Publish without the correction (delete it from the story form if you wrote "
            "one there) and add it to a later update.",
        )


def publish_with(article: Article, *, correction: dict | None, user, revision, now) -> None:
    """Write `correction` and approve every correction waiting for this publish: written or
    reworded in the story form, they go live approved by the editor publishing them."""
    if correction is not None:
        Correction.objects.create(
            article=article,
            kind=correction.get("kind") or CorrectionKind.CORRECTION,
            text=correction["text"].strip(),
            created_at=now,
        )
    article.corrections.filter(is_published=False).update(
        is_published=True, approved_by=user, revision=revision
    )


# What readers see of a correction: changing it needs the approval of the next publish.
PUBLIC_FIELDS = ("kind", "text")
PUBLISHED_DELETE_REFUSED = "Only an editor may delete a published correction."


def reopen_if_changed(correction: Correction, changed_fields) -> bool:
    """Unpublish a published correction whose public fields changed (not saved here: the
    caller saves). Returns whether it was reopened."""
    if not (correction.pk and correction.is_published):
        return False
    if not any(name in PUBLIC_FIELDS for name in changed_fields):
        return False
    correction.is_published = False
    correction.approved_by = None
    correction.revision = None
    return True


def may_delete(user, correction: Correction) -> bool:
    """A published correction is part of the record: only editors take one down."""
    return not correction.is_published or can_delete_published_correction(user)
