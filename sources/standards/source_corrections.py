"""Corrections that find every story a fallen source touches.

When the standards desk marks a source unreliable or retracted in the registry
(`Source.standing`), every live story citing it is listed with how it cites it (quoted,
paraphrased, reported by), and the standards editor appends a correction to each in one
action: written and published through the workflow (the standards gate, a new snapshot, the
page cache and the edge purged) like any Publish update. A story with edits not yet
published is not published behind its editor's back: the action refuses it and says to add
the correction from the story's page. Each correction remembers the source it is about, so
the list shows which stories are done.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from articles import workflow
from articles.models import Article, PublishedArticle
from sources import corrections
from sources.models import Attribution, Correction, CorrectionKind, Source, SourceStanding
from sources.permissions import may_publish_corrections


@dataclass
class CitingStory:
    article: Article
    how: list[str]  # how the story cites the source, e.g. ["Quoted", "Paraphrased"]
    corrected: bool  # a correction about this source is on the story already
    waiting_edits: bool  # the story has edits not yet published


def stories_citing(source: Source) -> list[CitingStory]:
    """Live stories that cite `source` by name, newest first (three queries)."""
    attributions = (
        Attribution.objects.filter(source=source, anonymous=False)
        .filter(article__snapshot__in=PublishedArticle.objects.visible())
        .select_related("article")
        .order_by("-article__first_published_at", "article_id", "position")
    )
    corrected = set(
        Correction.objects.filter(about_source=source).values_list("article_id", flat=True)
    )
    stories: dict[int, CitingStory] = {}
    for attribution in attributions:
        article = attribution.article
        entry = stories.setdefault(
            article.pk,
            CitingStory(
                article=article,
                how=[],
                corrected=article.pk in corrected,
                waiting_edits=article.has_unpublished_changes,
            ),
        )
        how = attribution.get_kind_display()
        if how not in entry.how:
            entry.how.append(how)
    return list(stories.values())


def suggested_text(source: Source) -> str:
    """The correction's words as first offered (the editor can rewrite them)."""
    what = {
        SourceStanding.RETRACTED: "has since been retracted",
        SourceStanding.UNRELIABLE: "has since been found unreliable",
    }.get(source.standing, "has since been called into question")
    note = f" {source.standing_note.strip()}" if source.standing_note.strip() else ""
    return f"This story cited {source.name}, which {what}.{note}"


def append_correction(
    *, user, source: Source, article_id: int, text: str, kind: str = CorrectionKind.CORRECTION
) -> PublishedArticle:
    """Publish `text` as a correction on one story citing `source`, through the workflow."""
    if not may_publish_corrections(user):
        raise PermissionDenied("Only editors who may publish append these corrections.")
    if not source.standing:
        raise ValidationError(f"{source.name} is not marked unreliable or retracted.")
    text = text.strip()
    corrections.check_written({"kind": kind, "text": text})
    if Correction.objects.filter(about_source=source, article_id=article_id).exists():
        raise ValidationError("This story already carries a correction about this source.")

    def cites_source(article: Article) -> None:
        if not Attribution.objects.filter(article=article, source=source).exists():
            raise ValidationError(f"“{article.headline}” does not cite {source.name}.")

    return publish_with_correction(
        user,
        article_id,
        {"kind": kind, "text": text},
        comment=f"Correction: {source.name} {source.standing}",
        check=cites_source,
        mark={"about_source": source},
    )


def publish_with_correction(
    user, article_id: int, correction: dict, *, comment: str, check, mark: dict
) -> PublishedArticle:
    """Publish one live story's update carrying `correction`, through the workflow (gate,
    snapshot, purge), then `mark` the new correction (what made it necessary). `check(article)`
    raises ValidationError when the story is not one this action may correct. A story with
    edits not yet published is refused: its editor publishes both knowingly from its page."""
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            raise ValidationError("No such story.")
        check(article)
        if article.has_unpublished_changes:
            raise ValidationError(
                f"“{article.headline}” has edits not yet published: add the correction from "
                "the story's page, so that its editor publishes both knowingly."
            )
        workflow.touch_article(user, article, comment=comment)
        snapshot = workflow.publish(user, article, correction=correction)
        Correction.objects.filter(
            article=article, text=correction["text"], about_source=None, repeats_correction=None
        ).update(**mark)
    return snapshot
