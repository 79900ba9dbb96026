"""The workflow panel's buttons as a table (articles.admin.story.workflow_actions): every
action has its service, arguments and message, and the view only looks the action up."""

import pytest
from django.http import QueryDict

from articles import workflow
from articles.admin.story import workflow_actions
from articles.admin.story.workflow_actions import WORKFLOW_ACTIONS, run_workflow_action


def test_every_workflow_action_and_the_embargo_break_has_a_row():
    buttons = {action for moves in workflow.ALLOWED.values() for action in moves}
    # and a review step's Sign off from the story form, which moves no state
    assert set(WORKFLOW_ACTIONS) == {*buttons, "break_embargo", "sign_off"}


def test_a_sign_off_button_names_its_step_decision_and_note():
    arguments = WORKFLOW_ACTIONS["sign_off"].arguments(
        QueryDict("action=sign_off:12:conditions&sign_off_note_12=+Soften+it+&sign_off_note_13=x")
    )
    assert arguments == {"step_id": 12, "decision": "conditions", "note": "Soften it"}
    hostile = WORKFLOW_ACTIONS["sign_off"].arguments(QueryDict("action=sign_off:%C2%B2:approve"))
    assert hostile == {"step_id": None, "decision": "approve", "note": ""}


def test_break_the_embargo_is_the_workflow_s_own_service():
    # The screen holds no rule: whether the story goes out now or at its time is decided there.
    assert WORKFLOW_ACTIONS["break_embargo"].service is workflow.break_embargo
    arguments = WORKFLOW_ACTIONS["break_embargo"].arguments(
        QueryDict("break_embargo_reason=+The+minister+spoke+early+&override_credit=ok")
    )
    assert arguments == {"reason": "The minister spoke early", "overrides": {"credit": "ok"}}


def test_each_action_reads_only_its_own_note():
    post = QueryDict("submit_note=For+the+desk&changes_note=Fix+the+dek&spike_note=Dup")
    assert WORKFLOW_ACTIONS["submit"].arguments(post) == {"note": "For the desk"}
    assert WORKFLOW_ACTIONS["request_changes"].arguments(post) == {"note": "Fix the dek"}
    assert WORKFLOW_ACTIONS["withdraw"].arguments(post) == {"note": ""}
    retract = QueryDict("mode=retracted&retraction_notice=Wrong+figures&withdraw_note=x")
    assert WORKFLOW_ACTIONS["unpublish"].arguments(retract) == {
        "note": "Wrong figures",
        "mode": "retracted",
    }


def test_the_publish_row_reads_the_time_the_correction_and_the_overrides():
    post = QueryDict("at=2026-05-01T09:30&correction_text=Fixed+a+name&override_x:t=Known")
    arguments = WORKFLOW_ACTIONS["publish"].arguments(post)
    assert (arguments["at"].hour, arguments["at"].minute) == (9, 30)
    assert arguments["correction"] == {"kind": "correction", "text": "Fixed a name"}
    assert arguments["overrides"] == {"x:t": "Known"}


def test_the_view_calls_the_row_s_service_and_says_its_message(monkeypatch):
    calls = []

    def service(user, article, **arguments):
        calls.append((user, article, arguments))
        return "result"

    row = workflow_actions.WorkflowAction(
        service, lambda post: {"note": post["n"]}, lambda result, arguments: f"{result} done"
    )
    monkeypatch.setitem(WORKFLOW_ACTIONS, "submit", row)
    assert run_workflow_action("ana", "story", QueryDict("action=submit&n=hi")) == "result done"
    assert calls == [("ana", "story", {"note": "hi"})]


def test_an_unknown_action_or_an_unreadable_time_is_a_refusal():
    with pytest.raises(workflow.TransitionNotAllowed, match="Unknown workflow action"):
        run_workflow_action("ana", "story", QueryDict("action=launch"))
    with pytest.raises(workflow.WorkflowError, match="is not a date and time"):
        run_workflow_action("ana", "story", QueryDict("action=reschedule&reschedule_at=²"))


def test_what_a_refusal_keeps_covers_every_field_the_rows_read():
    read = {field for row in WORKFLOW_ACTIONS.values() for field in row.fields}
    assert read | {"action"} == set(workflow_actions.WORKFLOW_FIELDS)
