"""django-tasks-db's `db_worker`, with a name that says where it runs and the recovery of
tasks a dead worker left RUNNING (newsroom.ops.task_recovery): at start-up, then every
few seconds in a thread beside the worker's loop.

It replaces the package's command of the same name (the newsroom app comes first in
INSTALLED_APPS), so `./dev worker`, the cluster and production all start this one.
"""

import threading

from django_tasks_db.management.commands import db_worker

from newsroom.ops import task_recovery


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
            super().handle(*args, **options)
        finally:
            stop.set()
