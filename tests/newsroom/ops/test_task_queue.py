"""The task queue is real: workflow mail and edge purges wait in PostgreSQL (django-tasks-db)
until `manage.py db_worker` runs them. With the worker down nothing a user sees breaks: the
editorial action is done and the work waits; once a worker runs, the mail goes out."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles import workflow
from articles.models import ArticleState

pytestmark = pytest.mark.django_db(transaction=True)

QUEUED = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@override_settings(TASKS={"default": QUEUED})
def test_mail_waits_for_the_worker_and_the_editorial_step_is_done(make_article, reporter, editor):
    story = make_article("Harbor ferry adds a night sailing", created_by=reporter)
    mail.outbox.clear()
    workflow.submit_for_review(reporter, story)  # the worker is down

    story.refresh_from_db()
    assert story.state == ArticleState.IN_REVIEW  # done, whatever the mail does
    assert mail.outbox == []
    waiting = DBTaskResult.objects.get()
    assert waiting.status == TaskResultStatus.READY
    assert waiting.task_path == "articles.workflow.notifications.deliver_mail"

    run_worker()
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Harbor ferry adds a night sailing" in mail.outbox[0].subject
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@override_settings(
    TASKS={"default": QUEUED}, EMAIL_BACKEND="tests.newsroom.ops.broken_mail.Backend"
)
def test_a_broken_mail_server_fails_the_task_not_the_request(make_article, reporter, editor):
    story = make_article("Harbor ferry adds a night sailing", created_by=reporter)
    workflow.submit_for_review(reporter, story)
    run_worker()
    story.refresh_from_db()
    assert story.state == ArticleState.IN_REVIEW
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


@override_settings(TASKS={"default": QUEUED}, EDGE_PURGE_URLS=["http://127.0.0.1:9/"])
def test_an_edge_purge_is_queued_after_the_publish(make_article, reporter, editor):
    story = make_article("Harbor ferry adds a night sailing", created_by=reporter)
    workflow.submit_for_review(reporter, story)
    workflow.publish(editor, story)
    purges = DBTaskResult.objects.filter(task_path="articles.public.edge.purge_task")
    assert purges.count() == 1 and purges.get().status == TaskResultStatus.READY
    assert f"story-{story.pk}" in purges.get().args_kwargs["args"][0]
