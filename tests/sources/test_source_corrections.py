"""A source found unreliable or retracted lists every live story citing it, and each gets its
correction in one action, published through the workflow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles.models import PublishedArticle
from sources.models import Attribution, Correction, Source
from sources.standards import source_corrections
from tests.sources.conftest import publish_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def study():
    return Source.objects.create(kind="document", name="Harbor Institute silt study")


def citing_story(make_article, source, headline, *, kind="paraphrased", publish=True, **extra):
    article = make_article(headline)
    if kind == "reported_by":
        extra.update(outlet_report="It reported the study's findings.", reported_on="2026-11-01")
    Attribution.objects.create(article=article, source=source, kind=kind, **extra)
    if publish:
        publish_story(article)
        article.refresh_from_db()
    return article


@pytest.fixture
def three_live(make_article, study):
    return [
        citing_story(make_article, study, f"Dredging story {n}", kind=kind)
        for n, kind in enumerate(["paraphrased", "paraphrased", "reported_by"], start=1)
    ]


def retract(source):
    source.standing = "retracted"
    source.standing_note = "Its journal withdrew it on 3 March."
    source.save()


def test_a_retracted_source_lists_the_live_stories_that_cite_it(make_article, study, three_live):
    citing_story(make_article, study, "Draft citing it", publish=False)
    retract(study)
    listed = source_corrections.stories_citing(study)
    assert {item.article.headline for item in listed} == {a.headline for a in three_live}
    assert {tuple(item.how) for item in listed} == {
        ("Paraphrased",),
        ("Reported by another outlet",),
    }
    assert source_corrections.suggested_text(study) == (
        "This story cited Harbor Institute silt study, which has since been retracted. "
        "Its journal withdrew it on 3 March."
    )


def test_each_story_gets_its_correction_published_once(editor, study, three_live):
    retract(study)
    for article in three_live:
        source_corrections.append_correction(
            user=editor, source=study, article_id=article.pk, text="The study was retracted."
        )
        snapshot = PublishedArticle.objects.get(article=article)
        assert [c["text"] for c in snapshot.corrections] == ["The study was retracted."]
    assert Correction.objects.filter(about_source=study, is_published=True).count() == 3
    assert all(item.corrected for item in source_corrections.stories_citing(study))
    with pytest.raises(ValidationError, match="already carries"):
        source_corrections.append_correction(
            user=editor, source=study, article_id=three_live[0].pk, text="Again."
        )


def test_a_story_with_unpublished_edits_is_not_published_behind_its_editors_back(
    editor, study, three_live
):
    retract(study)
    story = three_live[0]
    from articles import workflow

    story.dek = "An edit in progress"
    workflow.save_article(editor, story, expected_version=story.version)
    with pytest.raises(ValidationError, match="edits not yet published"):
        source_corrections.append_correction(
            user=editor, source=study, article_id=story.pk, text="Retracted."
        )
    assert not Correction.objects.filter(article=story).exists()


def test_only_editors_who_publish_append_and_only_for_a_marked_source(
    reporter, editor, study, three_live
):
    with pytest.raises(ValidationError, match="not marked"):
        source_corrections.append_correction(
            user=editor, source=study, article_id=three_live[0].pk, text="x"
        )
    retract(study)
    with pytest.raises(PermissionDenied):
        source_corrections.append_correction(
            user=reporter, source=study, article_id=three_live[0].pk, text="x"
        )


def test_the_page_answers_hostile_values_with_a_404_or_a_message(client, editor, reporter, study):
    retract(study)
    client.force_login(reporter)
    assert client.get(reverse("admin:sources_source_citing", args=[study.pk])).status_code == 403
    client.force_login(editor)
    assert client.get("/admin/sources/source/²/citing/").status_code == 404
    page = reverse("admin:sources_source_citing", args=[study.pk])
    answer = client.post(page, {"article": "٣", "text": "x"}, follow=True)
    assert answer.status_code == 200
    assert "No such story" in answer.content.decode()
