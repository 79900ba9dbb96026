"""./dev restore FILE [--force] — put a backup archive back (newsroom.ops.backup)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newsroom.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into the database and MEDIA_ROOT. Refuses a database that "
        "is not empty unless --force is given (its tables are then replaced)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by ./dev backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the contents of a database that is not empty",
        )

    def handle(self, *args, file, force=False, **options):
        try:
            manifest = restore_backup(file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["tables"]
        self.stdout.write(
            f"Restored {file} (made {manifest['created_at']}): {len(tables)} tables, "
            f"{sum(tables.values())} rows into database {connection.settings_dict['NAME']}, "
            f"{manifest['media_files']} media files into {settings.MEDIA_ROOT}."
        )
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            self.stdout.write(
                f"The code has {len(pending)} migrations the backup did not: run "
                "./dev manage migrate."
            )
