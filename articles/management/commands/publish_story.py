"""Publish (or schedule) a story from the command line, through the same workflow as the admin."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles import workflow
from articles.models import Article


class Command(BaseCommand):
    help = "Publish a story in review as USER (now, or --at a future time)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--as", dest="username", required=True, help="The acting editor.")
        parser.add_argument("--at", help="Go-live time, e.g. 2030-01-31T09:00 (local time).")
        parser.add_argument("--note", default="")

    def handle(self, *args, slug, username, at=None, note="", **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user “{username}”.")
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No story with the slug “{slug}”.")
        go_live = None
        if at:
            try:
                go_live = datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(f"“{at}” is not a time like 2030-01-31T09:00.") from None
            if timezone.is_naive(go_live):
                go_live = timezone.make_aware(go_live)
        try:
            snapshot = workflow.publish(user, article, at=go_live, note=note)
        except workflow.WorkflowError as error:
            raise CommandError(f"{error} [{error.code}]") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{snapshot.url_path} goes live {timezone.localtime(snapshot.published_at):%Y-%m-%d %H:%M}"
            )
        )
