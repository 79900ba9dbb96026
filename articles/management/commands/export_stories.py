"""manage.py export_stories [--output DIR]

Writes every published, visible story as IPTC ninjs, the same shape as the public API
(`articles.wire.ninjs.snapshot_to_ninjs`): one <slug>.json per story into DIR, or one JSON object
per line on standard output.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from articles.live.ninjs import with_live_entries
from articles.models import PublishedArticle
from articles.wire.ninjs import snapshot_to_ninjs


class Command(BaseCommand):
    help = "Export published stories as ninjs JSON."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", metavar="DIR", help="folder to write files into")

    def handle(self, *args, **options):
        snapshots = PublishedArticle.objects.visible().order_by("published_at", "pk")
        folder = Path(options["output"]) if options["output"] else None
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
        count = 0
        for snapshot in snapshots.iterator():
            item = with_live_entries(snapshot_to_ninjs(snapshot), snapshot)
            if folder:
                target = folder / f"{snapshot.slug}-{snapshot.article_id}.json"
                target.write_text(json.dumps(item, ensure_ascii=False, indent=2), "utf-8")
            else:
                self.stdout.write(json.dumps(item, ensure_ascii=False))
            count += 1
        if folder:
            self.stdout.write(f"Exported {count} stor{'y' if count == 1 else 'ies'} to {folder}")
