"""Where a story's copy came from, when it came from outside the newsroom.

`StoryOrigin` is written once, by the wire importer: the publisher, the address, the licence
and date the copy carried, the agency's own id and version, its credit lines, and the text as
it arrived (paragraphs separated by blank lines). What is still wire copy after the
newsroom's edits is worked out from that text when asked (`articles.wire.provenance`).
"""

from django.db import models


class StoryOrigin(models.Model):
    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="wire_origin"
    )
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("address", max_length=500, blank=True)
    licence = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    agency_id = models.CharField("the agency's id", max_length=300, blank=True)
    agency_version = models.CharField("the agency's version", max_length=50, blank=True)
    credit_lines = models.TextField(blank=True, help_text="One credit line per line.")
    file_name = models.CharField(max_length=255, blank=True)
    wire_text = models.TextField(help_text="The copy as it arrived, paragraphs by blank lines.")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "story origin"

    def __str__(self) -> str:
        return f"{self.publisher or 'wire copy'} → {self.article_id}"
