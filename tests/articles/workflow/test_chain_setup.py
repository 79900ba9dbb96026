"""Only admins change a section's review chain, and every change is recorded (issue 19):
an editor who could edit a step could name themselves its signer and sign alone."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import workflow
from articles.models import ReviewStep, ReviewStepChange
from articles.review import setup as chain_setup
from articles.review import signoffs


def _step_form(step, **changes):
    form = {
        "section": step.section_id,
        "position": step.position,
        "name": step.name,
        "group": step.group_id or "",
        "user": step.user_id or "",
        "touches": step.touches,
    }
    form.update(changes)
    return form


def test_an_editor_cannot_make_themselves_a_steps_person_then_sign_as_them(
    client, chain, editor, reporter, make_article, investigations
):
    legal = chain[0]
    client.force_login(editor)
    change = reverse("admin:articles_reviewstep_change", args=[legal.pk])
    response = client.post(change, _step_form(legal, group="", user=editor.pk))
    assert response.status_code == 403
    legal.refresh_from_db()
    assert (legal.group.name, legal.user_id) == ("Legal", None)
    # And so the editor still may not sign Legal for a story.
    article = make_article(section=investigations, created_by=reporter)
    with pytest.raises(workflow.WorkflowPermissionError, match="Only the Legal group"):
        signoffs.sign_off(editor, article, step=legal, decision="reject", note="No.")


def test_editors_cannot_add_or_delete_steps_nor_change_them_through_the_service(
    client, chain, editor
):
    client.force_login(editor)
    assert client.get(reverse("admin:articles_reviewstep_changelist")).status_code == 200
    assert client.get(reverse("admin:articles_reviewstep_add")).status_code == 403
    delete = reverse("admin:articles_reviewstep_delete", args=[chain[0].pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    chain[0].user, chain[0].group = editor, None
    with pytest.raises(workflow.WorkflowPermissionError, match="only admins"):
        chain_setup.save_chain_step(editor, chain[0])
    assert ReviewStep.objects.get(pk=chain[0].pk).user_id is None
    assert not editor.has_perm("articles.manage_review_chains")


def test_every_change_to_a_step_is_recorded_and_shown_on_the_chains_page(
    client, chain, superuser, standards_editor, investigations
):
    legal = chain[0]
    client.force_login(superuser)
    change = reverse("admin:articles_reviewstep_change", args=[legal.pk])
    assert (
        client.post(change, _step_form(legal, group="", user=standards_editor.pk)).status_code
        == 302
    )
    recorded = ReviewStepChange.objects.get()
    assert recorded.changed_by == superuser and recorded.action == "changed"
    assert "signed by the Legal group" in recorded.before
    assert "signed by Sam Okafor" in recorded.after
    page = client.get(
        reverse("admin:articles_reviewstep_changelist") + f"?section__id__exact={investigations.pk}"
    ).content.decode()
    assert "Review steps for Investigations" in page and "review chains" not in page
    assert "Changes to the Investigations chain" in page and "signed by Sam Okafor" in page
    delete = reverse("admin:articles_reviewstep_delete", args=[legal.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    deleted = ReviewStepChange.objects.get(action="deleted")
    assert deleted.step_name == "Legal" and "signed by Sam Okafor" in deleted.before


def test_a_manage_review_chains_holder_who_is_not_a_superuser_may_change_them(
    client, chain, make_user
):
    from django.contrib.auth.models import Permission

    admin = make_user("ada")
    admin.user_permissions.add(Permission.objects.get(codename="manage_review_chains"))
    client.force_login(admin)
    change = reverse("admin:articles_reviewstep_change", args=[chain[0].pk])
    assert client.post(change, _step_form(chain[0], position=5)).status_code == 302
    assert ReviewStep.objects.get(pk=chain[0].pk).position == 5


def test_the_legal_group_exists_out_of_the_box_and_is_offered_for_a_step(client, superuser):
    assert Group.objects.get(name="Legal").permissions.count() == 0
    client.force_login(superuser)
    page = client.get(reverse("admin:articles_reviewstep_add")).content.decode()
    assert ">Legal</option>" in page
