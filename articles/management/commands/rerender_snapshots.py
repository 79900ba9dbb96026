"""Make the stored markup of every live story again (after a change of the story templates),
or of one section's (`--section SLUG`), with a progress bar; then purge the public caches.
After a template change it also makes live entries' kept cards again (`articles.live.cards`)."""

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from articles.live import cards as live_cards
from articles.models import Section
from articles.public import cache, edge, rerender


class Command(BaseCommand):
    help = "Re-render the stored markup of published stories (all, or one section's)."

    def add_arguments(self, parser):
        parser.add_argument("--section", help="only this section's stories (its slug)")

    def handle(self, *args, section=None, **options):
        section_id = None
        if section:
            found = Section.objects.filter(slug=section).first()
            if found is None:
                raise CommandError(f"No section with the slug “{section}”.")
            section_id = found.pk
        snapshots = rerender.live_snapshots(section_id)
        total = snapshots.count()
        columns = (
            TextColumn("re-rendering"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, disable=not self.stdout.isatty()) as bar:
            job = bar.add_task("stories", total=total)
            done = rerender.rerender(snapshots, progress=lambda n: bar.update(job, completed=n))
        entry_cards = live_cards.refresh()
        cache.invalidate_public_cache()
        sections = Section.objects.filter(pk=section_id) if section_id else Section.objects.all()
        edge.purge([edge.section_key(s) for s in sections.values_list("slug", flat=True)])
        self.stdout.write(
            f"Re-rendered {done} of {total} published stories and {entry_cards} live entries' "
            "cards; caches purged."
        )
