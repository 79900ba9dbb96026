"""The writes of a review chain: sign-offs and rejections, links for people without an
account, and the reopening of decisions an edit touches.

The rules (who may sign, in which order, what an edit reopens, what a link is worth) live
in `articles.review.chains`; every write here checks them under the story's row lock and
records a `WorkflowEvent`, as the workflow's transitions do. Publishing checks the chain
(`articles.workflow.transitions`); every save reopens what it touches (`reopen_sign_offs`,
from `articles.workflow.saving`).
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from articles.models import (
    Article,
    ReviewStep,
    SignOff,
    SignOffDecision,
    SignOffLink,
    WorkflowEvent,
)
from articles.review import chains as review_chains
from articles.review import links as sign_off_links
from articles.review import notices
from articles.review import permissions as review_permissions
from articles.workflow import revisions
from articles.workflow.errors import (
    NoteRequired,
    StaleEdit,
    TransitionNotAllowed,
    WorkflowError,
    WorkflowPermissionError,
)
from articles.workflow.events import (
    REJECT_SIGN_OFF,
    SIGN_OFF,
    SIGN_OFF_KEPT,
    SIGN_OFF_LINK_REVOKED,
    SIGN_OFF_LINK_SENT,
    SIGN_OFF_REOPENED,
    record,
)
from articles.workflow.states import lock, now_or, user_name, where
from newsroom.time_zone import newsroom_time


def _check_signable(article: Article, what: str) -> None:
    if article.state not in review_chains.SIGNABLE_STATES:
        raise TransitionNotAllowed(
            f"Cannot {what} “{article.headline}”: it is "
            f"{where(article)}, with nothing waiting "
            "to be published.",
            code="not_signable",
        )


def _check_decision(decision: str, note: str, *, conditions: bool = False) -> None:
    if decision not in SignOffDecision.values:
        raise WorkflowError(
            "Choose approve or reject for the sign-off.", code="sign_off_decision_invalid"
        )
    if decision == SignOffDecision.REJECT and not (note or "").strip():
        raise NoteRequired("Say why you reject it: the reporter and the editors read your note.")
    if conditions and not (note or "").strip():
        raise NoteRequired(
            "Type your conditions: the reporter and the editors read them beside your sign-off."
        )


def _announce(decided: SignOff) -> None:
    # The reporters and the editors who asked hear of every decision; an approval may make
    # it the next step's turn.
    transaction.on_commit(partial(notices.decision_made, decided.pk))
    if decided.decision == SignOffDecision.APPROVE:
        transaction.on_commit(partial(review_chains.notify_next_signers, decided.article_id))


def _check_read_version(article: Article, read_version) -> None:
    """The decision is on the text the signer read: refuse it if the story changed since."""
    if read_version in (None, ""):
        return
    if str(read_version).strip() != str(article.version):
        raise StaleEdit(
            f"“{article.headline}” was changed while you read it (now version "
            f"{article.version}): read the new text, then decide again.",
            code="changed_while_reading",
        )


def _decision_event(user, article: Article, sign_off: SignOff, *, by: str, now) -> WorkflowEvent:
    verb = "approved" if sign_off.decision == SignOffDecision.APPROVE else "rejected"
    note = f" {sign_off.note.strip()}" if sign_off.note.strip() else ""
    return record(
        user,
        article,
        SIGN_OFF if sign_off.decision == SignOffDecision.APPROVE else REJECT_SIGN_OFF,
        article.state,
        note=f"{sign_off.step.name}: {verb} by {by} (version {sign_off.based_on_version}).{note}",
        now=now,
    )


def _keep_baseline(user, article: Article, *, comment: str) -> None:
    # The reopening rule compares later saves with the text decided on: keep it.
    if not review_chains.has_revision_at(article, article.version):
        revisions.record_revision(article, user=user, comment=comment)


def sign_off(
    user,
    article: Article,
    *,
    step: ReviewStep,
    decision: str,
    note: str = "",
    conditions: bool = False,
    read_version=None,
    now=None,
) -> SignOff:
    """Approve or reject one step of the story's review chain as `user` (the step's person
    or a member of its group, never the story's own reporter nor the editor who asked for
    a story's own step). Approvals go in the chain's order; a rejection needs a note and
    blocks publishing until the step approves; an approval with `conditions` needs the
    conditions typed as its note. `read_version`, if given, is the version the signer read:
    a story changed since is refused (`StaleEdit`)."""
    now = now_or(now)
    note = sign_off_links.clean_typed(note)
    _check_decision(decision, note, conditions=conditions)
    with transaction.atomic():
        lock(article)
        article.refresh_from_db()
        _check_signable(article, "sign off")
        refusal = review_permissions.why_cannot_sign(user, article, step, decision=decision)
        if refusal:
            raise WorkflowPermissionError(refusal)
        _check_read_version(article, read_version)
        _keep_baseline(user, article, comment=f"Signed off: {step.name}")
        decided = SignOff.objects.create(
            article=article,
            step=step,
            decision=decision,
            signer=user,
            note=(note or "").strip(),
            at=now,
            based_on_version=article.version,
        )
        _decision_event(user, article, decided, by=user_name(user), now=now)
        _announce(decided)
    return decided


def sign_step_of(user, article: Article, *, step_id: int | None, decision: str, note: str):
    """Decide one of the story's steps, named by its id, on the version saved now: the story
    form's Sign off buttons post the typed text and the decision together, so the signer
    signs what they just saved. "conditions" is an approval whose note is its conditions."""
    step = None
    if step_id is not None:
        step = ReviewStep.objects.filter(review_chains.applying_to(article), pk=step_id).first()
    if step is None:
        raise TransitionNotAllowed(
            "That step is not part of this story's review chain.", code="step_unknown"
        )
    conditions = decision == "conditions"
    return sign_off(
        user,
        article,
        step=step,
        decision=SignOffDecision.APPROVE if conditions else decision,
        note=note,
        conditions=conditions,
        read_version=article.version,
    )


def send_sign_off_link(
    user,
    article: Article,
    *,
    step: ReviewStep,
    sent_to: str,
    days: int = sign_off_links.LINK_DEFAULT_DAYS,
    embargo_cleared: bool = False,
    now=None,
) -> SignOffLink:
    """Mail `sent_to` a link to decide `step` without logging in (editors only); valid for
    `days` (1–14), until revoked, for one decision. `sent_to` must be an address the step
    allows (its person's, its group's members', its outside signers'), never the sender's
    own nor a reporter's of the story (`review_permissions.why_cannot_send_link`). The link
    goes by mail after the transaction commits and is shown to nobody. While the story is
    embargoed the link must be `embargo_cleared` (its reader may see the story before the
    embargo lifts); a link that is not stops opening while an embargo is set."""
    now = now_or(now)
    if not review_permissions.can_send_link(user, article):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not send sign-off links: only editors may."
        )
    with transaction.atomic():
        lock(article)
        article.refresh_from_db()
        _check_signable(article, "send a sign-off link for")
        if not review_chains.applies_to(step, article):
            raise WorkflowError(
                f"“{step.name}” is not a step of this story's review chain.",
                code="step_not_in_chain",
            )
        refusal = review_permissions.why_cannot_send_link(user, article, step, sent_to=sent_to)
        if refusal:
            raise WorkflowPermissionError(refusal, code="link_addressee_not_allowed")
        if article.is_embargoed(now) and not embargo_cleared:
            raise WorkflowError(
                f"“{article.headline}” is embargoed until {newsroom_time(article.embargo_until)}:"
                " a sign-off link would let it out before then. Tick “Cleared for the embargo”"
                " if the person you send it to may read it now.",
                code="embargoed",
            )
        link = sign_off_links.new_link(
            user,
            article,
            step,
            days=days,
            sent_to=sign_off_links.normalized_address(sent_to),
            now=now,
            embargo_cleared=embargo_cleared,
        )
        record(
            user,
            article,
            SIGN_OFF_LINK_SENT,
            article.state,
            note=f"{step.name}: sign-off link mailed to {link.sent_to}, valid until "
            f"{timezone.localtime(link.expires_at):%b %d, %H:%M}.",
            now=now,
        )
        transaction.on_commit(partial(sign_off_links.mail_link, link.pk))
    return link


def revoke_sign_off_link(user, link: SignOffLink, *, now=None) -> SignOffLink:
    """Withdraw a sign-off link, used or not: its address answers "not found" from now on."""
    now = now_or(now)
    article = link.article
    if not review_permissions.can_send_link(user, article):
        raise WorkflowPermissionError(
            f"{user_name(user)} may not revoke sign-off links: only editors may."
        )
    with transaction.atomic():
        link = SignOffLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is None:
            link.revoked_at = now
            link.save(update_fields=["revoked_at"])
            record(
                user,
                article,
                SIGN_OFF_LINK_REVOKED,
                article.state,
                note=f"{link.step.name}: sign-off link revoked.",
                now=now,
            )
    return link


def sign_off_by_link(
    signed_token: str,
    *,
    name: str,
    email: str = "",
    decision: str,
    note: str = "",
    address: str = "",
    read_version=None,
    now=None,
) -> SignOff:
    """The decision of someone without an account, sent from a sign-off link's page.

    The link must be usable (not tampered with, expired, revoked or used) and still addressed
    to someone the step allows, neither its sender nor a reporter of the story
    (`review_permissions.why_link_cannot_decide`); the name typed is required and kept with
    the decision, with who the link was mailed to, who sent it and when it was first opened;
    the visitor's address only as a hash. One decision per link. Approvals follow the
    chain's order, as for staff.
    """
    now = now_or(now)
    clean = sign_off_links.clean_typed
    name, email, note = clean(name, limit=1000), clean(email, limit=1000), clean(note)
    if not name:
        raise WorkflowError("Type your name: it is kept with your decision.", code="name_required")
    if len(name) > 200 or len(email) > 254:
        raise WorkflowError("That name or address is too long.", code="name_too_long")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise WorkflowError(
                "That email address does not look right: correct it or leave it empty.",
                code="email_invalid",
            ) from None
    _check_decision(decision, note)
    with transaction.atomic():
        try:
            link = sign_off_links.link_for_token(signed_token, now=now, for_update=True)
        except sign_off_links.SignOffLinkError as error:
            raise WorkflowError(str(error), code="link_invalid") from None
        if link.used_at is not None:
            raise WorkflowError("A decision was already sent with this link.", code="link_used")
        article = link.article
        lock(article)
        article.refresh_from_db()
        _check_signable(article, "sign off")
        refusal = review_permissions.why_link_cannot_decide(link, article)
        if refusal:
            raise WorkflowPermissionError(refusal, code="link_addressee_not_allowed")
        _check_read_version(article, read_version)
        step = link.step
        if not review_chains.applies_to(step, article):
            raise WorkflowError(
                "The story no longer needs this sign-off (it moved to another section, or "
                "the step was removed) since this link was sent: ask the newsroom.",
                code="step_not_in_chain",
            )
        if decision == SignOffDecision.APPROVE:
            earlier = review_chains.waiting_before(review_chains.chain_state(article), step)
            if earlier is not None:
                raise WorkflowError(
                    f"{earlier.step.name} signs before {step.name}: the newsroom will send "
                    "the link again when it is your turn.",
                    code="earlier_step_waiting",
                )
        _keep_baseline(None, article, comment=f"Signed off by link: {step.name}")
        decided = SignOff.objects.create(
            article=article,
            step=step,
            decision=decision,
            external_name=name,
            external_email=email,
            link=link,
            link_sent_to=link.sent_to,
            link_sent_by=link.created_by,
            link_opened_at=sign_off_links.first_opened_at(link),
            ip_hash=sign_off_links.ip_hash(address),
            note=(note or "").strip(),
            at=now,
            based_on_version=article.version,
        )
        link.used_at = now
        link.save(update_fields=["used_at"])
        opened = decided.link_opened_at
        opened = (
            f"first opened {timezone.localtime(opened):%b %d, %H:%M}" if opened else "never opened"
        )
        by = (
            f"{name} (by link{', ' + email if email else ''}; mailed to {link.sent_to} by "
            f"{user_name(link.created_by)}, {opened})"
        )
        _decision_event(None, article, decided, by=by, now=now)
        _announce(decided)
    return decided


def reopen_sign_offs(user, article: Article, *, now=None) -> list[SignOff]:
    """Reopen the standing decisions the story's newest revision touches (the rule is in
    `articles.review.chains`); called by every save, after its revision is recorded. Records
    one "sign-off reopened" event naming the steps and why, or a "sign-offs kept" event when
    a typo fix in the dek left them standing. Returns the reopened decisions."""
    now = now_or(now)
    outcome = review_chains.sign_offs_to_reopen(article)
    if outcome.reopen:
        reasons: dict[str, list[str]] = {}
        for sign_off, why in outcome.reopen:
            sign_off.reopened_at = now
            sign_off.reopened_because = why[:200]
            sign_off.save(update_fields=["reopened_at", "reopened_because"])
            reasons.setdefault(why, []).append(sign_off.step.name)
        note = " ".join(f"{', '.join(names)}: {why}." for why, names in reasons.items())
        record(user, article, SIGN_OFF_REOPENED, article.state, note=f"Reopened {note}", now=now)
        transaction.on_commit(partial(review_chains.notify_next_signers, article.pk))
    elif outcome.kept_as_typo:
        names = ", ".join(s.step.name for s in outcome.kept_as_typo)
        record(
            user,
            article,
            SIGN_OFF_KEPT,
            article.state,
            note=f"{names} still signed: the dek change is a typo fix (at most "
            f"{review_chains.DEK_TYPO_MAX_EDITS} characters, same numbers and negations).",
            now=now,
        )
    return [sign_off for sign_off, _ in outcome.reopen]
