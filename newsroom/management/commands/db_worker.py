"""django-tasks-db's `db_worker`, with a name that says where it runs and the recovery of
tasks a dead worker left RUNNING (newsroom.ops.task_recovery): at start-up, then every
few seconds in a thread beside the worker's loop.

A database that is away (a failover, PgBouncer restarting) stops the package's worker with
an OperationalError; ours waits a second and carries on, so a failover needs no worker
restarts.

It replaces the package's command of the same name (the newsroom app comes first in
INSTALLED_APPS), so `./dev worker`, the cluster and production all start this one.
"""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

from newsroom.ops import task_recovery

log = logging.getLogger(__name__)
RETRY_SECONDS = 1.0


class Command(db_worker.Command):
    help = db_worker.Command.help + "; tasks a dead worker left running are queued again"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=task_recovery.worker_id())

    def handle(self, *args, **options) -> None:
        stop = threading.Event()
        if not options.get("batch"):
            task_recovery.keep_recovering(stop)
        else:  # a batch run (tests, cron): once, before it starts
            task_recovery.recover_orphans()
        try:
            while True:
                try:
                    super().handle(*args, **options)
                    return
                except (OperationalError, InterfaceError) as error:
                    if options.get("batch"):
                        raise
                    log.warning("the database is away (%s): trying again", error)
                    self._wait_and_release(options["worker_id"])
        finally:
            stop.set()

    def _wait_and_release(self, worker_id: str) -> None:
        """Wait until the database answers, then queue again the task this worker was
        running when it went away (it is alive, so no other worker would)."""
        while True:
            connections.close_all()
            time.sleep(RETRY_SECONDS)
            try:
                task_recovery.release(worker_id)
                return
            except (OperationalError, InterfaceError):
                continue
