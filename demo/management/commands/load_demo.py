"""./dev manage load_demo — load the demo newsroom (idempotent)."""

from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Load demo sections, authors, sources and stories that are not there yet."

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)
