"""Hash the pictures stored before duplicates were looked for (`articles.images.duplicates`),
so uploads are compared with them too. Safe to run again: only pictures without a hash."""

from django.core.management.base import BaseCommand

from articles.images import duplicates


class Command(BaseCommand):
    help = "Make the perceptual hash of every picture that has none (for the duplicate offer)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200, help="Pictures read at a time.")

    def handle(self, *args, batch, **options):
        def report(done, failed, total):
            self.stdout.write(
                f"{done + failed} of {total} pictures read: {done} hashed, {failed} unreadable."
            )

        counts = duplicates.backfill(batch=max(1, batch), report=report)
        self.stdout.write(
            f"Done: {counts['hashed']} hashed, {counts['failed']} could not be read, "
            f"of {counts['total']} without a hash."
        )
