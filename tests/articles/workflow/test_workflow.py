"""Transitions: what publishing writes, scheduling, live edits, takedowns, standards, corrections."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import PublishedArticle, SlugRedirect, WorkflowEvent
from articles.public.queries import visible_stories
from sources import standards
from sources.models import (
    Attribution,
    AttributionConfidential,
    Correction,
    Source,
    StandardsOverride,
)
from sources.standards import WARNING, Finding

pytestmark = pytest.mark.django_db


def test_publish_writes_a_snapshot_with_what_readers_need(story_in, editor, author, clock):
    article = story_in("in_review")
    article.body = '<p>Fares rise.</p><script>alert(1)</script><p onclick="x()">Second.</p>'
    article.save()
    article.tags.set(["Ferries", "Transit"])
    Attribution.objects.create(
        article=article,
        source=Source.objects.create(name="Port Authority", kind="organization"),
        kind="paraphrased",
    )
    snapshot = workflow.publish(editor, article, now=clock)

    snapshot.refresh_from_db()
    day = timezone.localdate(clock)
    assert snapshot.url_path == f"/city/{day:%Y/%m/%d}/{article.slug}/"
    assert snapshot.headline == article.headline
    assert "<script>" not in snapshot.body_html and "onclick" not in snapshot.body_html
    assert snapshot.body_text.startswith("Fares rise.")
    assert snapshot.byline == [
        {
            "name": author.name,
            "slug": author.slug,
            "job_title": author.job_title,
            "url": author.get_absolute_url(),
        }
    ]
    assert snapshot.author_slugs == [author.slug]
    assert snapshot.tag_slugs == ["ferries", "transit"]
    assert snapshot.lead_image["alt"] == "A ferry at dusk"
    assert snapshot.attributions[0]["name"] == "Port Authority"
    assert snapshot.section_name == "City"
    assert article.headline in snapshot.article_html
    assert snapshot.published_at == snapshot.first_published_at == clock
    assert PublishedArticle.objects.filter(search_vector__isnull=False, pk=snapshot.pk).exists()
    article.refresh_from_db()
    assert article.state == "published" and article.first_published_at == clock


def test_scheduled_story_is_invisible_until_its_time(story_in, editor, clock):
    article = story_in("in_review")
    go_live = clock + timedelta(hours=3)
    snapshot = workflow.publish(editor, article, at=go_live, now=clock)

    assert snapshot.published_at == go_live
    assert not visible_stories(now=clock).filter(pk=snapshot.pk).exists()
    assert not visible_stories(now=go_live - timedelta(seconds=1)).filter(pk=snapshot.pk).exists()
    assert visible_stories(now=go_live).filter(pk=snapshot.pk).exists()
    event = WorkflowEvent.objects.get(article=article, action="publish")
    assert event.scheduled_for == go_live


def test_a_publish_time_that_has_passed_is_refused_not_published_at_once(story_in, editor, clock):
    article = story_in("in_review")
    with pytest.raises(workflow.WorkflowError) as raised:
        workflow.publish(editor, article, at=clock - timedelta(days=365), now=clock)
    assert raised.value.code == "publish_time_passed"
    assert "has already passed" in str(raised.value)
    article.refresh_from_db()
    assert article.state == "in_review"
    assert not PublishedArticle.objects.filter(article=article).exists()
    # A time a few seconds old (the form took a moment) still publishes now.
    snapshot = workflow.publish(editor, article, at=clock - timedelta(seconds=30), now=clock)
    assert snapshot.published_at == clock


def test_cancelling_a_schedule_leaves_no_public_trace(story_in, editor):
    article = story_in("in_review")
    workflow.publish(editor, article, at=timezone.now() + timedelta(days=1))
    # A story readers never saw cannot be unpublished: its schedule is cancelled instead.
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.unpublish(editor, article, note="Holding it.")
    workflow.cancel_schedule(editor, article, note="Holding it.")
    assert not PublishedArticle.objects.filter(article=article).exists()


def test_editing_a_live_story_leaves_the_page_alone_until_republished(story_in, editor, clock):
    article = story_in("published")
    live = PublishedArticle.objects.get(article=article)
    old_html = live.article_html

    article.headline = "Ferry fares rise by 75 cents, not 50"
    workflow.save_article(editor, article, expected_version=article.version, now=clock)

    live.refresh_from_db()
    assert live.headline == "Ferry fares rise for the first time in a decade"
    assert live.article_html == old_html
    article.refresh_from_db()
    assert article.state == "draft" and article.has_unpublished_changes
    assert article.state_label == "Live + draft"

    later = clock + timedelta(hours=2)
    workflow.publish(editor, article, now=later)
    live.refresh_from_db()
    assert live.headline == "Ferry fares rise by 75 cents, not 50"
    assert live.published_at == clock  # still first published then
    assert live.updated_at == later
    assert PublishedArticle.objects.filter(article=article).count() == 1


def test_slug_change_of_a_live_story_keeps_the_old_address_as_redirect(story_in, editor, clock):
    article = story_in("published")
    old_path = PublishedArticle.objects.get(article=article).url_path
    article.slug = "ferry-fares-rise-75-cents"
    workflow.save_article(editor, article, expected_version=article.version, now=clock)
    workflow.publish(editor, article, now=clock + timedelta(minutes=5))

    snapshot = PublishedArticle.objects.get(article=article)
    assert snapshot.url_path.endswith("/ferry-fares-rise-75-cents/")
    redirect = SlugRedirect.objects.get(old_path=old_path)
    assert redirect.snapshot == snapshot


def test_correction_is_published_with_the_update_and_its_time(story_in, editor, clock):
    article = story_in("live_in_review")
    later = clock + timedelta(hours=1)
    workflow.publish(
        editor,
        article,
        correction={"kind": "correction", "text": "An earlier version misstated the fare."},
        now=later,
    )
    snapshot = PublishedArticle.objects.get(article=article)
    assert snapshot.corrections == [
        {
            "kind": "correction",
            "label": "Correction",
            "text": "An earlier version misstated the fare.",
            "at": later.isoformat(),
        }
    ]
    assert Correction.objects.get(article=article).is_published


def test_a_correction_needs_text_and_a_known_kind(story_in, editor):
    article = story_in("live_in_review")
    with pytest.raises(workflow.NoteRequired):
        workflow.publish(editor, article, correction={"kind": "correction", "text": " "})
    with pytest.raises(workflow.WorkflowError) as raised:
        workflow.publish(editor, article, correction={"kind": "rumour", "text": "x"})
    assert raised.value.code == "correction_kind_invalid"
    assert not Correction.objects.filter(article=article).exists()


def test_an_update_of_a_live_story_cannot_be_scheduled(story_in, editor, clock):
    article = story_in("live_in_review")
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.publish(editor, article, at=clock + timedelta(days=2), now=clock)
    assert raised.value.code == "cannot_schedule_live_update"


def test_blocking_findings_stop_the_publish_and_say_what_to_fix(story_in, editor):
    article = story_in("in_review")
    article.section = None
    article.save()
    with pytest.raises(workflow.StandardsBlocked) as raised:
        workflow.publish(editor, article, overrides={"section_missing": "no time"})
    assert "Choose a section" in str(raised.value)
    assert [f.code for f in raised.value.findings if f.is_blocking] == ["section_missing"]
    article.refresh_from_db()
    assert article.state == "in_review"
    assert not PublishedArticle.objects.filter(article=article).exists()


def test_warnings_need_an_override_reason_which_is_recorded(story_in, editor, monkeypatch):
    article = story_in("in_review")
    warning = Finding("pending_comment", WARNING, "comment_request:1", "Still waiting for a reply.")
    monkeypatch.setattr(standards, "check_article", lambda a: [warning])

    with pytest.raises(workflow.StandardsBlocked) as raised:
        workflow.publish(editor, article)
    assert raised.value.code == "override_reason_needed"
    assert "override reason" in str(raised.value)

    workflow.publish(editor, article, overrides={"pending_comment": "Deadline passed at noon."})
    override = StandardsOverride.objects.get(article=article)
    assert (override.code, override.reason, override.by) == (
        "pending_comment",
        "Deadline passed at noon.",
        editor,
    )


@pytest.mark.parametrize("mode", ["withdrawn", "retracted"])
def test_unpublish_modes(story_in, editor, mode, clock):
    article = story_in("published")
    workflow.unpublish(editor, article, note="The central claim did not hold up.", mode=mode)
    snapshot = PublishedArticle.objects.get(article=article)
    assert snapshot.status == mode
    assert snapshot.notice == ("The central claim did not hold up." if mode == "retracted" else "")
    assert not visible_stories().filter(pk=snapshot.pk).exists()


def test_notes_are_required_where_readers_or_reporters_need_them(story_in, editor):
    article = story_in("in_review")
    with pytest.raises(workflow.NoteRequired):
        workflow.request_changes(editor, article, note="  ")
    workflow.publish(editor, article)
    with pytest.raises(workflow.NoteRequired):
        workflow.unpublish(editor, article, note="")


def test_republishing_after_a_takedown_reuses_the_address(story_in, editor, clock):
    article = story_in("unpublished")
    path = PublishedArticle.objects.get(article=article).url_path
    workflow.submit_for_review(editor, article, now=clock)
    workflow.publish(editor, article, now=clock + timedelta(days=3))
    snapshot = PublishedArticle.objects.get(article=article)
    assert snapshot.status == "live" and snapshot.url_path == path
    assert visible_stories(now=clock + timedelta(days=3)).filter(pk=snapshot.pk).exists()


def test_confidential_source_data_never_reaches_the_snapshot(story_in, editor):
    from sources.models import SourceConfidential

    article = story_in("in_review")
    source = Source.objects.create(name="Deep Harbor", kind="person")
    SourceConfidential.objects.create(source=source, real_identity="Captain Jo Marsh")
    harbor_official = Attribution.objects.create(
        article=article,
        source=source,
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a harbor official",
        anonymity_reason="because they were not authorized to speak",
        approved_by=editor,
        approved_at=timezone.now(),
    )
    AttributionConfidential.objects.create(
        attribution=harbor_official, internal_justification="Jo fears losing the job"
    ).editors_who_know.add(editor)
    snapshot = workflow.publish(
        editor, article, overrides={"anonymous_single_source": "Confirmed by documents."}
    )
    dumped = str(PublishedArticle.objects.filter(pk=snapshot.pk).values().get())
    assert "Jo Marsh" not in dumped and "Jo fears" not in dumped and "Deep Harbor" not in dumped
    assert "a harbor official" in dumped


def test_overrides_per_finding_target_and_by_code(story_in, editor, monkeypatch):
    article = story_in("in_review")
    port = Finding("pending_comment", WARNING, "comment_request:1", "Waiting for the port.")
    union = Finding("pending_comment", WARNING, "comment_request:2", "Waiting for the union.")
    monkeypatch.setattr(standards, "check_article", lambda a: [port, union])

    with pytest.raises(workflow.StandardsBlocked) as raised:
        workflow.publish(
            editor, article, overrides={("pending_comment", "comment_request:1"): "Port: late."}
        )
    assert raised.value.code == "override_reason_needed"
    assert "Waiting for the union." in str(raised.value) and "the port" not in str(raised.value)
    assert not StandardsOverride.objects.exists()

    workflow.publish(
        editor,
        article,
        overrides={
            ("pending_comment", "comment_request:1"): "Port: late.",
            "pending_comment:comment_request:2": "Union: no comment by deadline.",
            "pending_comment": "Covers any other.",
        },
    )
    assert dict(StandardsOverride.objects.values_list("target", "reason")) == {
        "comment_request:1": "Port: late.",
        "comment_request:2": "Union: no comment by deadline.",
    }


def test_corrections_going_live_are_approved_and_tied_to_the_publish_revision(
    story_in, editor, second_editor, clock
):
    from articles.workflow.revisions import versions_of

    article = story_in("live_draft")
    from_form = Correction.objects.create(
        article=article, kind="clarification", text="The fare rise applies to day passes only."
    )
    snapshot = workflow.publish(
        second_editor,
        article,
        correction={"kind": "correction", "text": "The fare rises 50 cents, not 75."},
        now=clock + timedelta(hours=1),
    )
    published_revision = versions_of(article).first().revision
    assert published_revision.user == second_editor
    for correction in Correction.objects.filter(article=article):
        assert correction.is_published
        assert correction.approved_by == second_editor
        assert correction.revision == published_revision
    assert {c["text"] for c in snapshot.corrections} == {
        from_form.text,
        "The fare rises 50 cents, not 75.",
    }


def test_a_first_publication_cannot_carry_a_correction(story_in, editor, clock):
    article = story_in("in_review")
    with pytest.raises(workflow.CorrectionNeedsPublishedStory) as raised:
        workflow.publish(editor, article, correction={"kind": "correction", "text": "Oops."})
    assert raised.value.code == "correction_needs_published_story"
    assert "a correction needs a published story" in str(raised.value)
    assert not Correction.objects.filter(article=article).exists()

    Correction.objects.create(article=article, text="Written in the story form too early.")
    with pytest.raises(workflow.CorrectionNeedsPublishedStory):
        workflow.publish(editor, article)
    article.refresh_from_db()
    assert article.state == "in_review"
    assert not PublishedArticle.objects.filter(article=article).exists()

    # Nor a scheduled first publication, which readers have not seen either.
    with pytest.raises(workflow.CorrectionNeedsPublishedStory):
        workflow.publish(editor, article, at=clock + timedelta(days=1), now=clock)
