"""Who may do what in a review chain: sign a step, send a sign-off link, set up the chains.

The predicates only; the writes that check them are in `articles.review.signoffs`.
"""

from articles.models import Article, ReviewStep, SignOffDecision
from articles.review.chains import StepState, chain_state, who_signs
from articles.workflow import permissions


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def may_sign_step(user, step: ReviewStep) -> bool:
    """The step's person, or an active member of its group."""
    if not _active_staff(user):
        return False
    if step.user_id is not None:
        return step.user_id == user.pk
    return user.groups.filter(pk=step.group_id).exists()


def why_cannot_sign(
    user, article: Article, step: ReviewStep, *, decision: str, states=None
) -> str | None:
    """The sentence refusing `user` a decision on `step` of `article`, or None if they may."""
    if step.section_id != article.section_id:
        return f"“{step.name}” is not a step of this story's review chain."
    if not may_sign_step(user, step):
        return f"Only {who_signs(step)} may sign “{step.name}” off."
    if permissions.is_owner(user, article):
        return "You wrote this story: someone else signs it off."
    if decision == SignOffDecision.APPROVE:
        states = chain_state(article) if states is None else states
        for state in states:
            if state.step.pk == step.pk:
                break
            if state.status != "signed":
                return f"{state.step.name} signs before {step.name}: waiting for {state.label}."
    return None


def can_send_link(user, article: Article) -> bool:
    """Editors send (and revoke) sign-off links."""
    return _active_staff(user) and permissions.can_review(user, article)


def can_configure_chains(user) -> bool:
    """Editors and admins set up the chains in the admin."""
    return _active_staff(user) and permissions.is_editor(user)


def my_steps(user, states: list[StepState]) -> set[int]:
    """The ids of the steps `user` may decide on (for the panel's buttons)."""
    return {s.step.pk for s in states if may_sign_step(user, s.step)}
