"""Take every picture whose licence has ended out of the live stories still showing it (the
queued task does this at the moment each licence ends; this sweeps what a stopped queue
missed, e.g. from cron)."""

from django.core.management.base import BaseCommand

from articles.images import expiry


class Command(BaseCommand):
    help = "Replace pictures whose licence has ended in live stories (fallback, or none)."

    def handle(self, *args, **options):
        changed = expiry.expire_overdue()
        self.stdout.write(f"{changed} live stories changed.")
