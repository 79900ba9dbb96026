"""Take every picture, video and sound whose licence has ended out of the live stories still
showing it (the queued tasks do this at the moment each licence ends; this sweeps what a
stopped queue missed, e.g. from cron)."""

from django.core.management.base import BaseCommand

from articles.clips import expiry as clip_expiry
from articles.images import expiry


class Command(BaseCommand):
    help = "Replace pictures and clips whose licence has ended in live stories (fallback, or none)."

    def handle(self, *args, **options):
        changed = expiry.expire_overdue() + clip_expiry.expire_overdue()
        self.stdout.write(f"{changed} live stories changed.")
