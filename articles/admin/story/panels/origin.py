"""Where the story's copy came from: shown on the page of a story imported from a wire.

The publisher, the address, the licence and date the copy carried, its credit lines, and
how much of the text is still that copy, paragraph by paragraph (`articles.wire.provenance`),
so the desk sees what the standards gate will say about a staff byline before it says it.
"""

from articles.admin.story.registry import StoryPanel
from articles.models import StoryOrigin
from articles.wire.provenance import lineage


class WireOriginPanel(StoryPanel):
    name = "wire_origin"
    template = "admin/articles/article/origin_panel.html"
    order = 65

    def context(self, request, article) -> dict:
        origin = StoryOrigin.objects.filter(article=article).first()
        if origin is None:
            return {"wire_origin": None}
        found = lineage(origin.wire_text, article.body)
        return {
            "wire_origin": origin,
            "wire_share": round(found.wire_share * 100),
            "wire_counts": found.counts(),
            "wire_credit_lines": [line for line in origin.credit_lines.splitlines() if line],
        }
