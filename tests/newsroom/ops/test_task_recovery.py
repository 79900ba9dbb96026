"""A task its worker never finished (the worker killed mid-task) is run again by another
worker; a task whose worker is alive, however long it takes, is left to it."""

import os
import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.workflow.notifications import deliver_mail
from newsroom.ops import task_recovery

pytestmark = pytest.mark.django_db(transaction=True)

QUEUED = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}


def dead_worker() -> str:
    """The name a worker had on this machine, whose process has ended."""
    process = subprocess.Popen(["sleep", "5"])
    name = task_recovery.worker_id(process.pid)
    process.kill()
    process.wait()
    return name


def claimed(subject: str, worker: str, seconds_ago: int) -> DBTaskResult:
    """A queued mail, claimed by `worker` `seconds_ago` and never finished."""
    result = deliver_mail.enqueue(subject, "Body.", ["desk@example.org"])
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker)
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - timedelta(seconds=seconds_ago)
    )
    return row


@override_settings(TASKS={"default": QUEUED})
def test_a_task_left_running_by_a_dead_worker_is_run_by_the_next_worker():
    claimed("Left behind", dead_worker(), seconds_ago=60)
    mail.outbox.clear()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert [message.subject for message in mail.outbox] == ["Left behind"]
    row = DBTaskResult.objects.get()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert len(row.worker_ids) == 2  # the dead worker's claim, then the one that ran it


@override_settings(TASKS={"default": QUEUED})
def test_a_live_workers_task_is_left_to_it_however_long_it_runs():
    mine = claimed("Still running", task_recovery.worker_id(os.getpid()), seconds_ago=7200)
    assert task_recovery.recover_orphans() == 0
    mine.refresh_from_db()
    assert mine.status == TaskResultStatus.RUNNING


@override_settings(TASKS={"default": QUEUED})
def test_a_task_just_claimed_is_not_taken_back_even_if_its_worker_is_gone():
    claimed("Just now", dead_worker(), seconds_ago=0)
    assert task_recovery.recover_orphans() == 0


@override_settings(TASKS={"default": QUEUED})
def test_another_hosts_task_is_taken_back_only_after_the_long_lease():
    claimed("Recent, elsewhere", "other-host:123:456", seconds_ago=600)
    old = claimed("Old, elsewhere", "other-host:123:456", seconds_ago=2 * 3600)

    assert task_recovery.recover_orphans() == 1
    old.refresh_from_db()
    assert old.status == TaskResultStatus.READY
    assert DBTaskResult.objects.running().count() == 1


def test_a_reused_pid_is_not_the_old_worker():
    host, pid, started = task_recovery.worker_id(os.getpid()).split(":")
    assert task_recovery.is_gone(f"{host}:{pid}:{started}") is False
    assert task_recovery.is_gone(f"{host}:{pid}:{int(started) + 1}") is True
    assert task_recovery.is_gone("a-random-id") is None


@override_settings(TASKS={"default": QUEUED})
def test_a_worker_whose_database_went_away_gives_back_what_it_held():
    mine = task_recovery.worker_id(os.getpid())
    held = claimed("Cut off", mine, seconds_ago=1)
    claimed("Another worker's", "other-host:1:2", seconds_ago=1)
    assert task_recovery.release(mine) == 1
    held.refresh_from_db()
    assert held.status == TaskResultStatus.READY
