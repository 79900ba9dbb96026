"""./dev manage load_demo — load the demo newsroom (idempotent)."""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Load demo sections, authors, sources and stories that are not there yet."

    def handle(self, *args, **options):
        # The demo moves its stories through the real workflow, which mails the people
        # involved; nobody should get thirty mails (or read them on the console) for that.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo(stdout=self.stdout)
