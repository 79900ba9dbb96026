"""The findings counts a story keeps (`findings_to_fix`, `findings_to_weigh`), for the story
lists and the start page's "With findings to fix": stored after every save (the `story_saved`
receiver in `sources.for_stories`) and after a change made beside a save (a proposal accepted
on the story page)."""

from articles.models import Article
from sources.standards import check_article


def store_findings_counts(article: Article) -> dict[str, int]:
    """Check `article` and store how many findings it has, blocking and warnings."""
    article.__dict__.pop("_standards_attributions", None)  # the checks' cache may predate this
    findings = check_article(article)
    blocking = sum(1 for finding in findings if finding.is_blocking)
    counts = {"findings_to_fix": blocking, "findings_to_weigh": len(findings) - blocking}
    Article.objects.filter(pk=article.pk).update(**counts)
    for name, value in counts.items():
        setattr(article, name, value)
    return counts
