"""Review chains: the sign-offs a section's stories need before they are published.

A section's chain is its `ReviewStep`s in order (Investigations: Legal, then the standards
editor, then the managing editor). Each step is a group (any member signs) or one person.
A story is published only when every step of its section's chain has an approving
`SignOff` that is not reopened; publishing is refused naming the steps still waiting
(`publish_refusal`). Approvals go in the chain's order (a step signs after the ones before
it); a rejection may come at any time and blocks publishing until the step signs again.

Who may sign a step: its person, or an active member of its group, never one of the story's
own reporters (`articles.review.permissions.why_cannot_sign`). While the story is in review, the first step still
waiting is mailed when its turn comes (`notify_next_signers`). Editors send a step a signed,
expiring, revocable link for someone without an account (`articles.review.links`).

The reopening rule. Editing a story after a decision compares the story as it is now with
the revision the decision was made on (`SignOff.based_on_version`), part by part:

- the text (body, byline, attributions, corrections, dateline, "how we reported this")
  reopens every step: every step reads the text, so legal re-reads any change in it;
- the display (headline, dek, search and social headlines, lead image, type of work)
  reopens the steps whose `touches` include "display" (standards, managing editor), not a
  text-only step such as legal;
- a typo fix in the dek reopens nothing: the headline and the rest of the display are
  unchanged and the dek differs by at most `DEK_TYPO_MAX_EDITS` (3) characters of edit
  distance (Levenshtein), with the same numbers and the same negations ("not", "no",
  "never", "n't") as before, so "Comissioners" → "Commissioners" passes and "will" →
  "will not" or "$3m" → "$8m" does not;
- the slug, tags and section reopen nothing (a story moved to another section meets that
  section's chain, whose steps it has not been signed for).

This module holds the rules and reads; every write (sign-off, rejection, reopening, a link
sent or revoked) goes through `articles.review.signoffs`, which records a `WorkflowEvent`.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import F, Q

from articles.models import (
    Article,
    ArticleState,
    ReviewStep,
    SignOff,
    SignOffDecision,
    StoryPart,
)
from articles.workflow import notifications, permissions, revisions
from newsroom.people import display_name

DEK_TYPO_MAX_EDITS = 3

TEXT, DISPLAY = StoryPart.TEXT.value, StoryPart.DISPLAY.value
# Revision fields (as django-reversion stores them) by the part they belong to.
TEXT_FIELDS = {"body": "body", "dateline": "dateline", "how_we_reported": "how we reported this"}
DISPLAY_FIELDS = {
    "headline": "headline",
    "seo_headline": "search headline",
    "social_headline": "social headline",
    "lead_image_id": "lead image",
    "kind_of_work": "type of work",
}
NEGATIONS = re.compile(r"\b(?:not|no|never)\b|n't\b", re.IGNORECASE)

# States in which a story waits for its sign-offs (there is something to publish).
SIGNABLE_STATES = (ArticleState.DRAFT, ArticleState.IN_REVIEW)


# --- the chain and where each step stands ---------------------------------------------------


def applying_to(article: Article) -> Q:
    """The steps a story needs: its section's chain and its own steps not removed."""
    own = Q(article_id=article.pk, removed_at__isnull=True) if article.pk else Q(pk__in=[])
    if article.section_id is None:
        return own
    return Q(section_id=article.section_id) | own


def chain_for(article: Article) -> list[ReviewStep]:
    """The steps the story needs, in order: its section's chain, then the steps asked for
    this story alone (in the order they were asked for)."""
    return list(
        ReviewStep.objects.filter(applying_to(article))
        .select_related("group", "user", "added_by")
        .order_by(F("section_id").asc(nulls_last=True), "position", "pk")
    )


def applies_to(step: ReviewStep, article: Article) -> bool:
    """Whether `step` is one the story needs now (its section's, or its own not removed)."""
    if step.article_id is not None:
        return step.article_id == article.pk and step.removed_at is None
    return step.section_id is not None and step.section_id == article.section_id


def waiting_before(states: list["StepState"], step: ReviewStep) -> "StepState | None":
    """The section step not yet signed that `step` signs after, or None. A section's chain
    signs in order; a story's own step may sign at any time, and nothing waits for it."""
    if step.article_id is not None:
        return None
    for state in states:
        if state.step.pk == step.pk:
            return None
        if state.step.article_id is None and state.status != "signed":
            return state
    return None


def who_signs(step: ReviewStep) -> str:
    if step.user_id is not None:
        return display_name(step.user)
    return f"the {step.group.name} group"


def step_label(step: ReviewStep) -> str:
    """ "Legal (the Lawyers group)", "Managing editor (Ana Ruiz)"."""
    return f"{step.name} ({who_signs(step)})"


@dataclass
class StepState:
    """Where one step stands for one story: "signed", "rejected" or "waiting"."""

    step: ReviewStep
    status: str
    sign_off: SignOff | None = None  # the decision that stands (signed or rejected)
    reopened: SignOff | None = None  # when waiting: the last decision, reopened by an edit
    links: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return step_label(self.step)


def chain_state(article: Article, steps: list[ReviewStep] | None = None) -> list[StepState]:
    """Each step of the story's chain with its state, in the chain's order."""
    steps = chain_for(article) if steps is None else steps
    if not steps or article.pk is None:
        return [StepState(step, "waiting") for step in steps]
    latest: dict[int, SignOff] = {}
    for sign_off in (
        SignOff.objects.filter(article=article, step__in=steps)
        .select_related("signer")
        .order_by("step_id", "-at", "-pk")
    ):
        latest.setdefault(sign_off.step_id, sign_off)
    states = []
    for step in steps:
        last = latest.get(step.pk)
        if last is None:
            states.append(StepState(step, "waiting"))
        elif last.reopened_at is not None:
            states.append(StepState(step, "waiting", reopened=last))
        elif last.decision == SignOffDecision.APPROVE:
            states.append(StepState(step, "signed", sign_off=last))
        else:
            states.append(StepState(step, "rejected", sign_off=last))
    return states


@dataclass(frozen=True)
class ChainSummary:
    """Where a story's chain stands, in a few words for a list: "Legal: waiting",
    "Legal: signed" (a chain of one step), "Standards: waiting, signed 1 of 3",
    "Legal: rejected", "Signed 3 of 3"."""

    steps: int
    signed: int
    first_step: str
    waiting: str | None = None  # the first step not signed yet, in the chain's order
    rejected: str | None = None  # the first step whose decision that stands is a rejection

    @property
    def status(self) -> str:
        if self.rejected:
            return "rejected"
        return "signed" if self.signed == self.steps else "waiting"

    @property
    def text(self) -> str:
        if self.rejected:
            return f"{self.rejected}: rejected"
        if self.steps == 1:
            return f"{self.first_step}: {'signed' if self.signed else 'waiting'}"
        if self.signed == self.steps:
            return f"Signed {self.signed} of {self.steps}"
        return f"{self.waiting}: waiting, signed {self.signed} of {self.steps}"


def chain_summaries(articles) -> dict[int, ChainSummary]:
    """The chain summary of each story waiting for sign-offs (a draft or in review) that needs
    steps (its section's chain or its own), by story id, for a list of stories: at most two
    queries however many stories there are (the steps, then each step's latest decision per
    story, with PostgreSQL's DISTINCT ON). Stories with no step, or published ones, have no
    entry."""
    waiting = [
        a
        for a in articles
        if a.state in SIGNABLE_STATES
        and getattr(a, "section_has_chain", True)  # a list that knew it (desk.py) saves a query
    ]
    if not waiting:
        return {}
    by_section: dict[int, list[tuple[int, str]]] = {}
    by_story: dict[int, list[tuple[int, str]]] = {}
    for pk, section_id, article_id, name in (
        ReviewStep.objects.filter(
            Q(section_id__in={a.section_id for a in waiting if a.section_id is not None})
            | Q(article_id__in=[a.pk for a in waiting], removed_at__isnull=True)
        )
        .order_by(F("section_id").asc(nulls_last=True), "position", "pk")
        .values_list("pk", "section_id", "article_id", "name")
    ):
        target = by_story.setdefault(article_id, []) if article_id else None
        if target is None:
            target = by_section.setdefault(section_id, [])
        target.append((pk, name))
    steps_of = {a.pk: by_section.get(a.section_id, []) + by_story.get(a.pk, []) for a in waiting}
    chained = [a for a in waiting if steps_of[a.pk]]
    if not chained:
        return {}
    latest: dict[tuple[int, int], str] = {}
    for article_id, step_id, decision, reopened_at in (
        SignOff.objects.filter(
            article_id__in=[a.pk for a in chained],
            step_id__in={pk for a in chained for pk, _ in steps_of[a.pk]},
        )
        .order_by("article_id", "step_id", "-at", "-pk")
        .distinct("article_id", "step_id")
        .values_list("article_id", "step_id", "decision", "reopened_at")
    ):
        latest[(article_id, step_id)] = "waiting" if reopened_at is not None else decision
    summaries = {}
    for article in chained:
        steps = steps_of[article.pk]
        standing = [(name, latest.get((article.pk, pk), "waiting")) for pk, name in steps]
        summaries[article.pk] = ChainSummary(
            steps=len(steps),
            first_step=steps[0][1],
            signed=sum(1 for _, s in standing if s == SignOffDecision.APPROVE),
            waiting=next((n for n, s in standing if s != SignOffDecision.APPROVE), None),
            rejected=next((n for n, s in standing if s == SignOffDecision.REJECT), None),
        )
    return summaries


def attach_chain_summaries(articles) -> None:
    """Set `chain_summary` (a ChainSummary or None) on each of `articles`, for templates."""
    articles = list(articles)
    summaries = chain_summaries(articles)
    for article in articles:
        article.chain_summary = summaries.get(article.pk)


def publish_refusal(article: Article, states: list[StepState] | None = None) -> str | None:
    """Why the story cannot be published yet because of its chain, or None when it can."""
    states = chain_state(article) if states is None else states
    rejected = [s for s in states if s.status == "rejected"]
    waiting = [s for s in states if s.status == "waiting"]
    if not rejected and not waiting:
        return None
    parts = []
    for state in rejected:
        note = f": “{state.sign_off.note.strip()}”" if state.sign_off.note.strip() else ""
        parts.append(f"Rejected by {state.step.name} ({state.sign_off.signer_name}){note}.")
    if waiting:
        parts.append("Waiting for: " + ", ".join(s.label for s in waiting) + ".")
    return f"“{article.headline}” needs its sign-offs before it is published. " + " ".join(parts)


def signer_addresses(article: Article, step: ReviewStep) -> list[str]:
    """The addresses of who may sign `step` (its person, or its group's active members),
    leaving out the story's own reporters."""
    people = get_user_model().objects.filter(is_active=True).exclude(email="")
    if step.user_id is not None:
        people = people.filter(pk=step.user_id)
    else:
        people = people.filter(groups=step.group_id)
    return sorted({p.email for p in people if not permissions.is_owner(p, article)})


def notify_next_signers(article_id: int) -> int:
    """Mail the signers of the first step still waiting, while the story is in review (a
    draft is still being written). Called after a submit, an approval and a reopening."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.state != ArticleState.IN_REVIEW:
        return 0
    waiting = next((s for s in chain_state(article) if s.status == "waiting"), None)
    if waiting is None:
        return 0
    step = waiting.step
    text = f"“{article.headline}” waits for your sign-off as {step.name}."
    if waiting.reopened is not None:
        text += f" It was signed before, then reopened: {waiting.reopened.reopened_because}."
    return notifications.story_mail(
        article.pk,
        f"Sign-off needed ({step.name}): {article.headline}",
        text,
        signer_addresses(article, step),
    )


# --- the reopening rule -----------------------------------------------------------------------


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Levenshtein distance of `a` and `b`, or `limit + 1` as soon as it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def is_dek_typo_fix(old: str, new: str) -> bool:
    """A dek change of at most DEK_TYPO_MAX_EDITS characters that keeps its numbers and its
    negations (see the module docstring)."""
    old, new = old or "", new or ""
    if old == new:
        return True
    if re.findall(r"\d", old) != re.findall(r"\d", new):
        return False
    if len(NEGATIONS.findall(old)) != len(NEGATIONS.findall(new)):
        return False
    return edit_distance(old, new, limit=DEK_TYPO_MAX_EDITS) <= DEK_TYPO_MAX_EDITS


@dataclass
class Change:
    """What changed between two revisions, by part, with the names of what changed."""

    parts: set[str] = field(default_factory=set)
    what: list[str] = field(default_factory=list)
    dek_typo: bool = False

    def reason(self) -> str:
        return "the " + ", ".join(self.what) + " changed"


def changed_parts(old: revisions.RevisionData, new: revisions.RevisionData) -> Change:
    """Which parts of the story differ between two revisions (the reopening rule)."""
    change = Change()

    def differs(name: str) -> bool:
        return (old.fields.get(name) or "") != (new.fields.get(name) or "")

    for name, label in TEXT_FIELDS.items():
        if differs(name):
            change.parts.add(TEXT)
            change.what.append(label)
    for name, label in (
        ("byline_names", "byline"),
        ("attributions", "attributions"),
        ("corrections", "corrections"),
    ):
        if getattr(old, name) != getattr(new, name):
            change.parts.add(TEXT)
            change.what.append(label)
    display_changed = False
    for name, label in DISPLAY_FIELDS.items():
        if differs(name):
            display_changed = True
            change.what.append(label)
    old_dek, new_dek = old.fields.get("dek") or "", new.fields.get("dek") or ""
    if old_dek != new_dek:
        if not display_changed and is_dek_typo_fix(old_dek, new_dek):
            change.dek_typo = True
        else:
            display_changed = True
            change.what.append("dek")
    if display_changed:
        change.parts.add(DISPLAY)
    return change


def _data_at_version(article: Article, version: int) -> revisions.RevisionData | None:
    found = revisions.versions_of(article).filter(revision__article_meta__version=version).first()
    return revisions.revision_data(found) if found is not None else None


def has_revision_at(article: Article, version: int) -> bool:
    return revisions.versions_of(article).filter(revision__article_meta__version=version).exists()


@dataclass
class Reopening:
    """What an edit does to the story's standing decisions."""

    reopen: list[tuple[SignOff, str]] = field(default_factory=list)  # (decision, why)
    kept_as_typo: list[SignOff] = field(default_factory=list)


def sign_offs_to_reopen(article: Article) -> Reopening:
    """The standing decisions the story's newest revision reopens, by the rule above.

    Each decision is compared with the revision it was made on; one with no such revision
    (made before revisions were kept) is reopened by any save.
    """
    result = Reopening()
    standing = list(
        SignOff.objects.filter(
            article=article, reopened_at__isnull=True, step__removed_at__isnull=True
        )
        .select_related("step")
        .order_by("step__position", "step_id", "at")
    )
    if not standing:
        return result
    newest = revisions.versions_of(article).first()
    new = revisions.revision_data(newest) if newest is not None else None
    baselines: dict[int, revisions.RevisionData | None] = {}
    for sign_off in standing:
        version = sign_off.based_on_version
        if version not in baselines:
            baselines[version] = _data_at_version(article, version)
        old = baselines[version]
        if old is None or new is None:
            result.reopen.append((sign_off, "the story was saved"))
            continue
        change = changed_parts(old, new)
        # Every step reads the text, whatever its `touches` say.
        if change.parts & (set(sign_off.step.touches or []) | {TEXT}):
            result.reopen.append((sign_off, change.reason()))
        elif change.dek_typo and not change.parts:
            result.kept_as_typo.append(sign_off)
    return result


# --- sign-off links ---------------------------------------------------------------------------
