"""Record the live text of every published story that has no signed version yet as its
version 1 (once, after signed versions were introduced), with a progress bar."""

from django.core.management.base import BaseCommand
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from articles.versions import backfill


class Command(BaseCommand):
    help = "Sign the live text of published stories without a version as their version 1."

    def handle(self, *args, **options):
        total = backfill.stories_without_versions().count()
        columns = (TextColumn("signing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, disable=not self.stdout.isatty()) as bar:
            job = bar.add_task("stories", total=total)
            done = backfill.backfill(progress=lambda n: bar.update(job, completed=n))
        self.stdout.write(f"Recorded version 1 of {done} of {total} published stories.")
