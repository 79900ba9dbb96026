"""Tasks a dead worker left RUNNING go back to READY, so another worker runs them.

django-tasks-db marks a task RUNNING when a worker claims it and SUCCESSFUL or FAILED when
the call returns; a worker killed in between (SIGKILL, the machine lost) leaves the row
RUNNING for ever, and its mail, purge or re-render never happens. The package has no lease
of its own (0.13), so our `db_worker` (newsroom/management/commands/db_worker.py) names each
worker after where it runs, `host:pid:start`, and checks at start-up and every
`CHECK_SECONDS` for orphans:

- a task claimed on this host more than `LEASE_SECONDS` ago whose worker process is gone
  (no such PID, or a PID reused by a later process: its start time differs) is orphaned;
- a task claimed on another host (or by a worker named otherwise) is taken as orphaned
  only after `FOREIGN_LEASE_SECONDS`: that host's own workers recover it sooner when it
  comes back, and no task of ours runs that long.

A recovered task runs again from the start, so it must be safe to run twice: edge purges
and re-renders are (a second purge or render gives the same result); a mail whose worker
died after the mail server took it but before the row was marked goes out twice (at most the
one message in flight per killed worker): at least once, never lost.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import close_old_connections, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

log = logging.getLogger(__name__)

LEASE_SECONDS = 5
FOREIGN_LEASE_SECONDS = 3600
CHECK_SECONDS = 15


def _host() -> str:
    return socket.gethostname()[:30]


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc/PID/stat, field 22)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # The command name (field 2) may hold spaces: count from its closing parenthesis.
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def worker_id(pid: int | None = None) -> str:
    """This process's worker name: host, PID and start time (unique, and checkable)."""
    pid = pid or os.getpid()
    return f"{_host()}:{pid}:{_start_time(pid)}"


def is_gone(worker: str) -> bool | None:
    """True when `worker` (a name from `worker_id`) ran on this host and has ended; None
    when it cannot be told from here (another host, another naming)."""
    host, _, rest = worker.partition(":")
    pid, _, started = rest.partition(":")
    if host != _host() or not pid.isdigit() or not started:
        return None
    return _start_time(int(pid)) != started


def _orphaned(task: DBTaskResult, now) -> bool:
    gone = is_gone(task.worker_ids[-1]) if task.worker_ids else None
    if gone is None:
        return task.started_at < now - timedelta(seconds=FOREIGN_LEASE_SECONDS)
    return gone and task.started_at < now - timedelta(seconds=LEASE_SECONDS)


def recover_orphans() -> int:
    """Set the tasks dead workers left RUNNING back to READY; returns how many."""
    now = timezone.now()
    with transaction.atomic():
        running = DBTaskResult.objects.running().filter(
            started_at__lt=now - timedelta(seconds=LEASE_SECONDS)
        )
        orphans = [
            task.pk
            for task in running.select_for_update(skip_locked=True).only(
                "pk", "worker_ids", "started_at"
            )
            if _orphaned(task, now)
        ]
        DBTaskResult.objects.filter(pk__in=orphans).update(
            status=TaskResultStatus.READY, started_at=None
        )
    if orphans:
        log.warning("%d task(s) left running by a worker that is gone: queued again", len(orphans))
    return len(orphans)


def release(worker: str) -> int:
    """Queue again the tasks `worker` (alive, but whose task was cut off: the database went
    away under it) holds RUNNING; returns how many."""
    with transaction.atomic():
        held = [
            task.pk
            for task in DBTaskResult.objects.running()
            .select_for_update(skip_locked=True)
            .only("pk", "worker_ids")
            if task.worker_ids and task.worker_ids[-1] == worker
        ]
        DBTaskResult.objects.filter(pk__in=held).update(
            status=TaskResultStatus.READY, started_at=None
        )
    return len(held)


def keep_recovering(stop: threading.Event, every: float = CHECK_SECONDS) -> threading.Thread:
    """Recover orphans now and every `every` seconds in a thread of their own, until `stop`."""

    def run():
        while True:
            try:
                recover_orphans()
            except Exception:  # a database that is away for a moment: try again next time
                log.exception("recovering orphaned tasks failed")
            finally:
                close_old_connections()
            if stop.wait(every):
                return

    thread = threading.Thread(target=run, name="task-recovery", daemon=True)
    thread.start()
    return thread
