"""Rebuild search's vocabulary for "Did you mean …?" from the stories readers may see now.

Publishing adds a story's words as it goes; this starts again (one SQL statement), dropping
the words only withdrawn stories used and counting how many stories use each word.
"""

from django.core.management.base import BaseCommand

from articles.public.spelling import words


class Command(BaseCommand):
    help = "Rebuild the archive's word list that search suggests spellings from."

    def handle(self, *args, **options):
        self.stdout.write("Reading the words of every live story (one statement) …")
        count = words.rebuild()
        self.stdout.write(self.style.SUCCESS(f"{count:,} words in the search vocabulary."))
