"""Corrections that find every story repeating the claim they correct.

A correction can name its claim: the words, as first published, that it puts right
(`Correction.claim`). The other live stories that carry the same claim are found two ways:
their published text holds the claim as a phrase (PostgreSQL's phrase search over the
snapshot's indexed words, so "closed" and "closes" match and punctuation does not matter),
or one of their attributions quotes or reports those words. The standards editor then
publishes a correction on each in one action, through the same path as a fallen source's
stories (`source_corrections.publish_with_correction`); each new correction points back to
the first (`repeats_correction`), so the list shows which stories are done.
"""

from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from articles.models import Article, PublishedArticle
from sources import corrections
from sources.models import Attribution, Correction, CorrectionKind
from sources.permissions import may_publish_corrections
from sources.standards.source_corrections import CitingStory, publish_with_correction

# A claim is a sentence or two; longer text is not a claim but a passage, and a phrase query
# over it would match nothing anyway.
MAX_CLAIM_WORDS = 60
MIN_CLAIM_WORDS = 3


def claim_words(claim: str) -> list[str]:
    return claim.split()


def check_claim(claim: str) -> str:
    """The claim as it will be searched for, or ValidationError saying what is wrong."""
    words = claim_words(claim)
    if len(words) < MIN_CLAIM_WORDS:
        raise ValidationError(
            f"Name the claim in at least {MIN_CLAIM_WORDS} words, as first published, so "
            "that only the stories repeating it are found."
        )
    if len(words) > MAX_CLAIM_WORDS:
        raise ValidationError(
            f"The claim is {len(words)} words: keep it to the sentence that is wrong "
            f"({MAX_CLAIM_WORDS} words at most)."
        )
    return " ".join(words)


def stories_repeating(correction: Correction) -> list[CitingStory]:
    """Live stories other than the corrected one that carry `correction.claim`, newest first
    (four queries). Empty when the correction names no claim."""
    try:
        claim = check_claim(correction.claim)
    except ValidationError:
        return []
    phrase = SearchQuery(claim, search_type="phrase", config="english")
    in_text = set(
        PublishedArticle.objects.visible()
        .filter(search_vector=phrase)
        .exclude(article_id=correction.article_id)
        .values_list("article_id", flat=True)
    )
    quoting = Attribution.objects.filter(
        Q(quote__icontains=claim) | Q(outlet_report__icontains=claim),
        article__snapshot__in=PublishedArticle.objects.visible(),
    ).exclude(article_id=correction.article_id)
    by_attribution = {}
    for attribution in quoting.select_related("source"):
        by_attribution.setdefault(attribution.article_id, []).append(
            f"{attribution.get_kind_display()} ({attribution.source.name})"
        )
    ids = in_text | set(by_attribution)
    done = set(
        Correction.objects.filter(repeats_correction=correction, article_id__in=ids).values_list(
            "article_id", flat=True
        )
    )
    stories = []
    for article in Article.objects.filter(pk__in=ids).order_by("-first_published_at", "pk"):
        how = (["In its text"] if article.pk in in_text else []) + by_attribution.get(
            article.pk, []
        )
        stories.append(
            CitingStory(
                article=article,
                how=how,
                corrected=article.pk in done,
                waiting_edits=article.has_unpublished_changes,
            )
        )
    return stories


def suggested_text(correction: Correction) -> str:
    """The first correction's own words, offered for each story (the editor can rewrite)."""
    return correction.text


def append_correction(
    *,
    user,
    correction: Correction,
    article_id: int,
    text: str,
    kind: str = CorrectionKind.CORRECTION,
):
    """Publish `text` as a correction on one live story repeating `correction`'s claim."""
    if not may_publish_corrections(user):
        raise PermissionDenied("Only editors who may publish append these corrections.")
    if not correction.is_published:
        raise ValidationError("Publish the first correction before correcting its repeats.")
    text = text.strip()
    corrections.check_written({"kind": kind, "text": text})
    if Correction.objects.filter(repeats_correction=correction, article_id=article_id).exists():
        raise ValidationError("This story already carries this correction.")
    repeating = {story.article.pk for story in stories_repeating(correction)}

    def repeats_claim(article: Article) -> None:
        if article.pk not in repeating:
            raise ValidationError(f"“{article.headline}” does not repeat this claim.")

    return publish_with_correction(
        user,
        article_id,
        {"kind": kind, "text": text},
        comment="Correction: repeats a corrected claim",
        check=repeats_claim,
        mark={"repeats_correction": correction},
    )
