"""Check a story's text against the newsroom's signed versions.

    manage.py verify_story_text story.txt
    manage.py verify_story_text https://example.org/news/2026/12/12/some-story/
    manage.py verify_story_text - < story.txt

The text is a file (or standard input, `-`) with the headline, the dek and the paragraphs, or
a story page (saved, archived, or fetched from an http(s) address), whose headline, dek and
body are read from its markup. It prints the versions it matches ("matches version 3 ...
published 12 Dec 2026 14:05, signed by key k1"), or "matches no published version" and
exits with status 1. Unlike the public page it also names versions of stories since taken
down. docs/signed-versions.md explains the canonical text and how to check without us.
"""

import sys
import urllib.error
import urllib.request

from django.core.management.base import BaseCommand, CommandError

from articles.versions.page_text import story_page_text
from articles.versions.verify import MAX_TEXT_CHARS, matches

FETCH_TIMEOUT = 20  # seconds


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<article" in text[:200_000].lower()


class Command(BaseCommand):
    help = "Check a story's text (a file, - for standard input, or a page's address) against the signed versions."

    def add_arguments(self, parser):
        parser.add_argument(
            "source", help="a text file, a saved story page, -, or an http(s) address"
        )

    def handle(self, *args, source: str, **options):
        text = self._read(source)
        if _looks_like_html(text):
            text = story_page_text(text)
        if not text.strip():
            raise CommandError(f"No story text found in {source}: give the headline, dek and body.")
        found = matches(text, public=False)
        if not found:
            raise CommandError("This text matches no published version.", returncode=1)
        for match in found:
            self.stdout.write(f"This text {match.sentence}.")
        if not all(match.signature_valid for match in found):
            raise CommandError("A matching version's signature does not verify.", returncode=2)

    def _read(self, source: str) -> str:
        limit = MAX_TEXT_CHARS * 10  # a page is more than its words
        if source.startswith(("http://", "https://")):
            request = urllib.request.Request(source, headers={"User-Agent": "newsroom-verify"})
            try:
                with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 -- http(s) only, checked above
                    data = response.read(limit + 1)
                    charset = response.headers.get_content_charset() or "utf-8"
            except (urllib.error.URLError, TimeoutError, ValueError) as error:
                raise CommandError(f"Could not fetch {source}: {error}") from None
            return self._decoded(data, charset, source, limit)
        if source == "-":
            data = self.stdin_bytes()
        else:
            try:
                with open(source, "rb") as file:
                    data = file.read(limit + 1)
            except OSError as error:
                raise CommandError(f"Could not read {source}: {error.strerror}.") from None
        return self._decoded(data, "utf-8", source, limit)

    def stdin_bytes(self) -> bytes:
        return sys.stdin.buffer.read(MAX_TEXT_CHARS * 10 + 1)

    @staticmethod
    def _decoded(data: bytes, charset: str, source: str, limit: int) -> str:
        if len(data) > limit:
            raise CommandError(f"{source} is larger than any story ({limit:,} bytes at most).")
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            raise CommandError(f"{source} is not text in {charset}.") from None
