"""manage.py import_stories PATH... [--section SLUG] [--user USERNAME] [--dry-run]

Imports plain-text wire copy (.txt, with the `.meta.json` beside it saying where it came
from) and ninjs (.json) files, or folders of them, as draft stories with their sources
already proposed and the publisher credited. One line per file, a summary at the end; a bad
file is reported and skipped, and leaves nothing behind. A story the newsroom has edited since
it was imported is "skipped" (left as it is), which is not a failure.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.models import Section
from articles.wire.ingest import SUPPORTED_SUFFIXES, IngestError, import_story, parse_file
from articles.wire.provenance import is_meta_file


def collect_files(paths: list[str]) -> list[Path]:
    """Files named, and the .txt/.json files inside folders named, in a stable order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not is_meta_file(p)  # the provenance of the .txt beside it
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return found


class Command(BaseCommand):
    help = "Import wire copy (.txt) and ninjs (.json) files or folders as draft stories."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument("--section", metavar="SLUG", help="section slug for every story")
        parser.add_argument("--user", metavar="USERNAME", help="the reporter it is filed as")
        parser.add_argument("--dry-run", action="store_true", help="check and report, save nothing")

    def handle(self, *args, **options):
        section = self._section(options["section"])
        user = self._user(options["user"])
        files = collect_files(options["paths"])
        if not files:
            raise CommandError("No .txt or .json files found in the paths given.")
        dry_run = options["dry_run"]
        counts = {"imported": 0, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0}
        width = len(str(len(files)))
        for index, path in enumerate(files, start=1):
            prefix = f"[{index:>{width}}/{len(files)}] {path.name}:"
            try:
                if not path.exists():
                    raise IngestError("no such file", "missing")
                result = import_story(parse_file(path), section=section, user=user, dry_run=dry_run)
            except IngestError as error:
                counts["failed"] += 1
                self.stderr.write(f"{prefix} failed: {error.message}")
                continue
            counts[result.status] += 1
            self.stdout.write(f"{prefix} {self._describe(result)}")
        summary = ", ".join(f"{status} {count}" for status, count in counts.items())
        self.stdout.write(("Dry run, nothing saved: " if dry_run else "") + summary)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(files)} file(s) could not be imported.")

    def _describe(self, result) -> str:
        if result.status == "unchanged":
            return f"unchanged (already imported as “{result.article.headline}”)"
        if result.status == "skipped":
            return f"skipped: {result.reason} (“{result.article.headline}” is left as it is)"
        verb = f"would be {result.status}" if result.dry_run else result.status
        authors = len(result.article.byline_authors()) if not result.dry_run else None
        details = f"{result.proposals} proposed attribution(s)"
        if authors is not None:
            details = f"{authors} author(s), " + details
        return f"{verb} ({details})"

    def _section(self, slug):
        if not slug:
            return None
        try:
            return Section.objects.get(slug=slug)
        except Section.DoesNotExist:
            known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No section “{slug}”. Sections: {known}.") from None

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user “{username}”.") from None
