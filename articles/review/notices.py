"""Mail when a step is decided: the story's reporters and the editor who asked hear that
Legal (or any step) signed, with its conditions, or rejected, with its note.

"The editor who asked" is whoever asked for the decision: the editor who added a story's own
step, who mailed the sign-off link it came through, and the story's named reviewer. The
signer is not mailed their own decision. Sent after the decision commits, through the task
queue like every workflow mail (`articles.workflow.notifications`).
"""

from django.contrib.auth import get_user_model

from articles.models import SignOff, SignOffDecision
from articles.workflow import notifications
from newsroom.people import display_name


def asked_by_addresses(sign_off: SignOff) -> set[str]:
    """The addresses of the editors who asked for this decision (see the module docstring)."""
    people = {sign_off.step.added_by_id, sign_off.link_sent_by_id, sign_off.article.reviewer_id}
    found = (
        get_user_model()
        .objects.filter(pk__in=people - {None}, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return set(found)


def decision_made(sign_off_id: int) -> int:
    """Mail the story's reporters and the editors who asked about one decision."""
    sign_off = (
        SignOff.objects.select_related("article", "step", "signer").filter(pk=sign_off_id).first()
    )
    if sign_off is None:
        return 0
    article, step = sign_off.article, sign_off.step
    recipients = set(notifications.author_addresses(article)) | asked_by_addresses(sign_off)
    if sign_off.signer is not None:
        recipients.discard(sign_off.signer.email)
    who = sign_off.signer_name or display_name(sign_off.signer, "Someone")
    note = sign_off.note.strip()
    if sign_off.decision == SignOffDecision.APPROVE:
        subject = f"{step.name} signed: {article.headline}"
        text = f"{who} signed “{article.headline}” off for {step.name}"
        text += f", with conditions:\n\n{note}" if note else "."
    else:
        subject = f"{step.name} asks for changes: {article.headline}"
        text = f"{who} did not sign “{article.headline}” off for {step.name}:\n\n{note}"
    return notifications.story_mail(article.pk, subject, text, sorted(recipients))
