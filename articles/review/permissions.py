"""Who may do what in a review chain: sign a step, send a sign-off link and to whom, decide
through one, ask for (and remove) a story's own step, set up the chains and their outside
signers (admins only: superusers and holders of "manage review chains", never editors).

The predicates only; the writes that check them are in `articles.review.signoffs`.
"""

from articles.models import Article, ReviewStep, SignOffDecision, SignOffLink
from articles.review import links
from articles.review.chains import StepState, applies_to, chain_state, waiting_before, who_signs
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
    if not applies_to(step, article):
        return f"“{step.name}” is not a step of this story's review chain."
    if not may_sign_step(user, step):
        return f"Only {who_signs(step)} may sign “{step.name}” off."
    if permissions.is_owner(user, article):
        return "You wrote this story: someone else signs it off."
    if step.added_by_id is not None and step.added_by_id == user.pk:
        return f"You asked for “{step.name}”: someone else signs it off."
    if decision == SignOffDecision.APPROVE:
        states = chain_state(article) if states is None else states
        earlier = waiting_before(states, step)
        if earlier is not None:
            return f"{earlier.step.name} signs before {step.name}: waiting for {earlier.label}."
    return None


def can_send_link(user, article: Article) -> bool:
    """Editors send (and revoke) sign-off links."""
    return _active_staff(user) and permissions.can_review(user, article)


def _refusal_for_addressee(sender, article: Article, step: ReviewStep, address: str) -> str | None:
    address = links.normalized_address(address)
    if not address:
        return f"Choose who the link for “{step.name}” is mailed to."
    if address not in links.step_addresses(step):
        return (
            f"A sign-off link for “{step.name}” goes only to someone who may sign it: "
            f"{who_signs(step)}, or an outside signer an admin set up with the chain."
        )
    if sender is not None and address == links.normalized_address(sender.email):
        return (
            "A sign-off link is for someone else: you cannot decide a step through your own link."
        )
    if address in links.reporter_addresses(article):
        return f"{address} reports this story: someone else signs it off."
    return None


def why_cannot_send_link(user, article: Article, step: ReviewStep, *, sent_to: str) -> str | None:
    """The sentence refusing `user` a sign-off link for `step` mailed to `sent_to`, or None.
    Editors send links; a link goes only to an address the step allows (`links.step_addresses`),
    never to the sender's own address nor to the story's reporters."""
    if not can_send_link(user, article):
        return "Only editors may send sign-off links."
    if not applies_to(step, article):
        return f"“{step.name}” is not a step of this story's review chain."
    return _refusal_for_addressee(user, article, step, sent_to)


def why_link_cannot_decide(link: SignOffLink, article: Article) -> str | None:
    """The sentence refusing a decision through `link`, or None: checked again when the
    decision comes, so a link to an address the step no longer allows (or to its sender, or
    to a reporter of the story) decides nothing, nor one whose sender's account is gone."""
    refusal = "no sender" if link.created_by_id is None else None
    refusal = refusal or _refusal_for_addressee(link.created_by, article, link.step, link.sent_to)
    if refusal is None:
        return None
    return (
        "This link cannot decide the sign-off: it was not sent to someone who may sign it. "
        "Ask the newsroom for a new one."
    )


def link_addresses(user, article: Article, step: ReviewStep) -> list[str]:
    """The addresses `user` may mail a link for `step` to (the panel's choice): the step's,
    without the sender's own and the story's reporters' (as `why_cannot_send_link`)."""
    if not can_send_link(user, article):
        return []
    barred = links.reporter_addresses(article) | {links.normalized_address(user.email)}
    return sorted(links.step_addresses(step) - barred)


MANAGE_CHAINS = "articles.manage_review_chains"


def can_configure_chains(user) -> bool:
    """Only admins change a section's chain steps (who signs, in which order, the outside
    signers): superusers and holders of "manage review chains", a permission the Editors
    group does not get. An editor who could edit a step could name themselves its signer,
    or add an address of their own, and sign any story's step alone."""
    return _active_staff(user) and (user.is_superuser or user.has_perm(MANAGE_CHAINS))


def can_set_outside_signers(user) -> bool:
    """Only admins name the outside signers a step's links may be mailed to."""
    return can_configure_chains(user)


def can_view_chains(user) -> bool:
    """Editors see the chains (and their change record) to know what a story waits for."""
    return can_configure_chains(user) or (_active_staff(user) and permissions.is_editor(user))


def can_ask_for_sign_off(user, article: Article) -> bool:
    """Editors send one story to Legal (or any group or person) as a step of its own, and
    remove such a step with a reason."""
    return _active_staff(user) and permissions.can_review(user, article)


def my_steps(user, states: list[StepState]) -> set[int]:
    """The ids of the steps `user` may decide on (for the panel's buttons)."""
    return {s.step.pk for s in states if may_sign_step(user, s.step)}
