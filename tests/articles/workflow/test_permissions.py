"""The whole permission matrix: role × transition × starting position → allowed or a named error."""

import pytest

from articles import workflow
from articles.models import WorkflowEvent
from articles.workflow.errors import TransitionNotAllowed, WorkflowPermissionError

POSITIONS = [
    "draft",
    "in_review",
    "published",
    "live_draft",
    "live_in_review",
    "unpublished",
    "spiked",
]
ACTIONS = ["submit", "withdraw", "request_changes", "publish", "unpublish", "spike", "restore"]

# What the newsroom allows an editor, written out from the issue (not read from ALLOWED).
EDITOR_MOVES = {
    ("draft", "submit"): "in_review",
    ("draft", "publish"): "published",  # in one step: recorded as submit, then publish
    ("draft", "spike"): "spiked",
    ("in_review", "withdraw"): "draft",
    ("in_review", "request_changes"): "draft",
    ("in_review", "publish"): "published",
    ("in_review", "spike"): "spiked",
    ("published", "unpublish"): "unpublished",
    ("live_draft", "submit"): "in_review",
    ("live_draft", "publish"): "published",
    ("live_draft", "unpublish"): "unpublished",
    ("live_in_review", "withdraw"): "draft",
    ("live_in_review", "request_changes"): "draft",
    ("live_in_review", "publish"): "published",
    ("live_in_review", "unpublish"): "unpublished",
    ("unpublished", "submit"): "in_review",
    ("unpublished", "spike"): "spiked",
    ("spiked", "restore"): "draft",
}


def expected(role: str, action: str, position: str):
    """The state reached, or the error class, for this role."""
    move = EDITOR_MOVES.get((position, action))
    if role == "editor":
        return move or TransitionNotAllowed
    if role == "reporter_owner":
        if action == "submit":
            # Reporters edit (and so submit) their own story only while it is a draft.
            return move if position in ("draft", "live_draft") else WorkflowPermissionError
        if action == "withdraw":
            if position == "draft":  # never submitted: nothing of theirs to withdraw
                return WorkflowPermissionError
            return move or TransitionNotAllowed
        return WorkflowPermissionError
    return WorkflowPermissionError  # anonymous, unprivileged staff, other reporter


def call(action: str, user, article):
    kwargs = {"now": None}
    if action == "request_changes":
        return workflow.request_changes(user, article, note="Tighten the top.", **kwargs)
    if action == "unpublish":
        return workflow.unpublish(user, article, note="Pulled.", **kwargs)
    func = {
        "submit": workflow.submit_for_review,
        "withdraw": workflow.withdraw,
        "publish": workflow.publish,
        "spike": workflow.spike,
        "restore": workflow.restore,
    }[action]
    return func(user, article, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize(
    "role", ["anonymous", "unprivileged", "reporter_owner", "other_reporter", "editor"]
)
def test_permission_matrix(request, role, action, position, story_in):
    article = story_in(position)
    assert workflow.position(article) == position
    user = request.getfixturevalue(
        {"reporter_owner": "reporter", "other_reporter": "other_reporter"}.get(role, role)
    )
    outcome = expected(role, action, position)
    events_before = WorkflowEvent.objects.filter(article=article).count()
    state_before = article.state
    # The admin's buttons come from the same rules.
    assert (action in workflow.allowed_actions(user, article)) == (not isinstance(outcome, type))

    if isinstance(outcome, type):
        with pytest.raises(outcome) as raised:
            call(action, user, article)
        assert raised.value.code
        article.refresh_from_db()
        assert article.state == state_before
        assert WorkflowEvent.objects.filter(article=article).count() == events_before
    else:
        call(action, user, article)
        article.refresh_from_db()
        assert article.state == outcome
        event = WorkflowEvent.objects.filter(article=article).order_by("-id").first()
        assert event.action == action
        if (position, action) == ("draft", "publish"):
            state_before = "in_review"  # its history: submitted, then published
        assert (event.from_state, event.to_state) == (state_before, outcome)
        assert event.actor == user


def test_forbidden_move_names_state_and_request(story_in, editor):
    article = story_in("spiked")
    with pytest.raises(TransitionNotAllowed) as raised:
        workflow.publish(editor, article)
    message = str(raised.value)
    assert "publish" in message and "spiked" in message
    assert raised.value.code == "cannot_publish_from_spiked"


def test_reporter_cannot_publish_and_the_error_is_a_permission_denied(story_in, reporter):
    from django.core.exceptions import PermissionDenied

    article = story_in("in_review")
    with pytest.raises(PermissionDenied):
        workflow.publish(reporter, article)


def test_superuser_may_do_everything(story_in, superuser):
    article = story_in("in_review")
    workflow.publish(superuser, article)
    article.refresh_from_db()
    assert article.state == "published"


@pytest.mark.parametrize("position", POSITIONS)
def test_the_list_of_editable_stories_is_the_edit_rule_itself(
    position, story_in, reporter, other_reporter, editor, unprivileged, author
):
    """`editable_articles` (the admin's choices, e.g. for a stand-alone attribution) and
    `can_edit` (every save, inline and workflow lock) are one rule: they never disagree."""
    from articles.models import ArticleAuthor
    from articles.workflow import permissions

    article = story_in(position)
    # `other_reporter` is in the byline through their author profile: theirs to edit too.
    author.user = other_reporter
    author.save(update_fields=["user"])
    ArticleAuthor.objects.get_or_create(article=article, author=author)
    verdicts = {}
    for user in (reporter, other_reporter, editor, unprivileged):
        listed = permissions.editable_articles(user).filter(pk=article.pk).exists()
        assert listed == permissions.can_edit(user, article), (user, position)
        verdicts[user.username] = listed
    assert verdicts[editor.username] and not verdicts[unprivileged.username]
    if position == "draft":
        assert verdicts[reporter.username] and verdicts[other_reporter.username]
