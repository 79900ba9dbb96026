"""./dev backup [FILE] — the database and the media files in one archive (newsroom.ops.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsroom.ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a backup archive (tar.gz): pg_dump of the database, MEDIA_ROOT, a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="where to write it (default: .local/backups/newsroom-<time>.tar.gz)",
        )

    def handle(self, *args, file=None, **options):
        from django.conf import settings

        if file is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            file = Path(settings.BASE_DIR) / ".local" / "backups" / f"newsroom-{stamp}.tar.gz"
        try:
            manifest = create_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["tables"]
        self.stdout.write(
            f"Backed up database {manifest['database']} ({len(tables)} tables, "
            f"{sum(tables.values())} rows) and {manifest['media_files']} media files "
            f"({manifest['media_bytes'] / 1e6:.1f} MB) to {file} "
            f"({Path(file).stat().st_size / 1e6:.1f} MB)."
        )
