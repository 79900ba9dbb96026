"""Attributions, comment requests and corrections on their own admin pages follow the story's
edit rule, and a change to a live story goes through the workflow (live + draft, new version)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import PublishedArticle
from articles.workflow import revisions
from sources.models import Attribution, CommentRequest, Correction, Source

from .conftest import correction_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def port(db):
    return Source.objects.create(name="Port Authority", kind="organization")


def attribution_post(attribution, **changes) -> dict:
    data = {
        "kind": attribution.kind,
        "terms": attribution.terms,
        "position": str(attribution.position),
        "source": str(attribution.source_id or ""),
        "public_descriptor": attribution.public_descriptor,
        "source_count": str(attribution.source_count),
        "anonymity_reason": attribution.anonymity_reason,
        "quote": attribution.quote,
        "outlet_report": attribution.outlet_report,
        "reported_on": "",
        "descriptor_as_written": attribution.descriptor_as_written,
        "comment_request": "",
    }
    data.update(changes)
    return data


def test_reporter_cannot_change_sources_or_corrections_of_someone_elses_story(
    client, make_article, reporter, other_reporter, port
):
    theirs = make_article("Omar's pier story", created_by=other_reporter)
    attribution = Attribution.objects.create(
        article=theirs, source=port, kind="paraphrased", descriptor_as_written="the port"
    )
    correction = Correction.objects.create(article=theirs, text="The pier is 90 years old.")
    request = CommentRequest.objects.create(article=theirs, source=port)
    client.force_login(reporter)

    change = reverse("admin:sources_attribution_change", args=[attribution.pk])
    assert client.post(change, attribution_post(attribution, quote="Made up")).status_code == 403
    change = reverse("admin:sources_correction_change", args=[correction.pk])
    assert client.post(change, correction_post(correction, text="Rewritten")).status_code == 403
    delete = reverse("admin:sources_attribution_delete", args=[attribution.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    delete = reverse("admin:sources_commentrequest_delete", args=[request.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403

    attribution.refresh_from_db()
    correction.refresh_from_db()
    assert attribution.quote == "" and correction.text == "The pier is 90 years old."
    assert CommentRequest.objects.filter(pk=request.pk).exists()
    theirs.refresh_from_db()
    assert theirs.version == 1


def test_reporter_cannot_change_sources_of_their_own_story_once_submitted(
    client, story, reporter, port
):
    attribution = Attribution.objects.create(article=story, source=port, kind="paraphrased")
    workflow.submit_for_review(reporter, story)
    client.force_login(reporter)
    change = reverse("admin:sources_attribution_change", args=[attribution.pk])
    assert client.post(change, attribution_post(attribution, quote="Late")).status_code == 403
    # Still readable: the page opens without a form to save.
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_reporter_changes_sources_of_their_own_draft(client, story, reporter, port):
    attribution = Attribution.objects.create(article=story, source=port, kind="paraphrased")
    client.force_login(reporter)
    change = reverse("admin:sources_attribution_change", args=[attribution.pk])
    response = client.post(
        change, attribution_post(attribution, kind="quoted", quote="Fares rise.")
    )
    assert response.status_code == 302
    attribution.refresh_from_db()
    assert (attribution.kind, attribution.quote) == ("quoted", "Fares rise.")
    story.refresh_from_db()
    assert story.version == 2 and story.state == "draft" and not story.has_unpublished_changes
    latest = revisions.versions_of(story).first().revision
    assert latest.user == reporter and "attribution" in latest.comment


def test_adding_offers_and_accepts_only_stories_the_reporter_may_edit(
    client, make_article, story, reporter, other_reporter, port
):
    theirs = make_article("Omar's pier story", created_by=other_reporter)
    client.force_login(reporter)
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "sources", "model_name": "attribution", "field_name": "article", "term": ""},
    )
    assert [r["text"] for r in json.loads(found.content)["results"]] == [story.headline]

    add = reverse("admin:sources_attribution_add")
    data = attribution_post(Attribution(kind="paraphrased", source=port), article=str(theirs.pk))
    response = client.post(add, data)
    assert response.status_code == 200
    assert "Choose a story you may edit" in response.content.decode()
    assert not Attribution.objects.exists()

    response = client.post(add, {**data, "article": str(story.pk)})
    assert response.status_code == 302
    assert Attribution.objects.get().article == story
    story.refresh_from_db()
    assert story.version == 2


def test_a_user_who_may_edit_no_story_may_not_add(client, make_user, make_article):
    from django.contrib.auth.models import Permission

    clerk = make_user("clara")
    clerk.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_correction", "view_correction", "view_article"]
        )
    )
    make_article("Someone's story")
    client.force_login(clerk)
    assert client.get(reverse("admin:sources_correction_add")).status_code == 403


def test_editor_changing_a_live_storys_attribution_makes_it_live_plus_draft(
    client, story_in, editor, port
):
    article = story_in("in_review")
    attribution = Attribution.objects.create(
        article=article, source=port, kind="paraphrased", position=0
    )
    workflow.publish(editor, article)
    article.refresh_from_db()
    version = article.version
    snapshot = PublishedArticle.objects.get(article=article)
    live_attributions, live_html = snapshot.attributions, snapshot.article_html

    client.force_login(editor)
    change = reverse("admin:sources_attribution_change", args=[attribution.pk])
    response = client.post(
        change, attribution_post(attribution, kind="quoted", quote="We will raise fares.")
    )
    assert response.status_code == 302

    article.refresh_from_db()
    assert article.state_label == "Live + draft"
    assert article.version == version + 1
    assert article.events.filter(action="edit", actor=editor).exists()
    snapshot.refresh_from_db()
    assert snapshot.attributions == live_attributions and snapshot.article_html == live_html
    # The next publish goes through review like any other edit of a live story.
    assert workflow.allowed_actions(editor, article) == ["submit", "publish", "unpublish"]


def test_editor_adds_a_correction_to_a_live_story_published_with_the_update(
    client, story_in, editor, clock
):
    article = story_in("published")
    add = reverse("admin:sources_correction_add")
    client.force_login(editor)
    correction = Correction(text="An earlier version misstated the fare.")
    response = client.post(add, {**correction_post(correction), "article": str(article.pk)})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.state_label == "Live + draft"
    pending = Correction.objects.get(article=article)
    assert not pending.is_published
    assert PublishedArticle.objects.get(article=article).corrections == []

    workflow.publish(editor, article, now=clock + timedelta(hours=2))
    pending.refresh_from_db()
    assert pending.is_published and pending.approved_by == editor
    assert pending.revision is not None


def test_a_correction_cannot_be_added_to_a_story_never_published(client, story, editor):
    client.force_login(editor)
    correction = Correction(text="Nothing to correct yet.")
    response = client.post(
        reverse("admin:sources_correction_add"),
        {**correction_post(correction), "article": str(story.pk)},
    )
    assert response.status_code == 200
    assert "A correction needs a published story" in response.content.decode()
    assert not Correction.objects.exists()
