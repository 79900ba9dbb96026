"""A published correction is part of the record: changing its words sends it back to wait for
the next publish (approved by the editor who publishes it), readers keep the approved words
until then, and only an editor may delete it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles import workflow
from articles.models import PublishedArticle
from sources.models import Correction
from tests.conftest import story_form_data

from .conftest import correction_post

pytestmark = pytest.mark.django_db

FIRST_TEXT = "An earlier version misstated the fare: it is $3.25."
NEW_TEXT = "An earlier version misstated the fare: it is $3.50."


@pytest.fixture
def corrected(story_in, editor, clock):
    """A live story carrying a published correction (approved by `editor`), then edited again."""
    article = story_in("live_draft")
    workflow.publish(
        editor, article, correction={"kind": "correction", "text": FIRST_TEXT}, now=clock
    )
    article.refresh_from_db()
    return article


def _published_correction(article) -> Correction:
    correction = Correction.objects.get(article=article)
    assert correction.is_published and correction.approved_by is not None
    return correction


def _public_texts(article) -> list[str]:
    return [item["text"] for item in PublishedArticle.objects.get(article=article).corrections]


def story_form_post(client, article, *, correction, **row):
    """The story form as the page sends it, with the correction row changed by `row`."""
    url, data, page = story_form_data(client, article)
    assert page.status_code == 200
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        if formset.formset.model is Correction:
            data.update({f"{prefix}-TOTAL_FORMS": 1, f"{prefix}-INITIAL_FORMS": 1})
            data[f"{prefix}-0-id"] = correction.pk
            data[f"{prefix}-0-article"] = article.pk
            for name, value in correction_post(correction, **row).items():
                data[f"{prefix}-0-{name}"] = value
    return client.post(url, data)


def test_editing_a_published_correction_waits_for_the_next_publish(
    client, corrected, editor, second_editor, clock
):
    correction = _published_correction(corrected)
    first_revision = correction.revision
    workflow.save_article(editor, corrected, expected_version=corrected.version)
    client.force_login(editor)
    change = reverse("admin:sources_correction_change", args=[correction.pk])
    response = client.post(change, correction_post(correction, text=NEW_TEXT))
    assert response.status_code == 302

    correction.refresh_from_db()
    assert correction.text == NEW_TEXT
    assert not correction.is_published
    assert correction.approved_by is None and correction.revision is None
    # Readers keep the approved words until the update is published.
    assert _public_texts(corrected) == [FIRST_TEXT]
    corrected.refresh_from_db()
    assert corrected.state_label == "Live + draft"

    workflow.publish(second_editor, corrected, now=clock + timedelta(hours=3))
    correction.refresh_from_db()
    assert correction.is_published and correction.approved_by == second_editor
    assert correction.revision is not None and correction.revision != first_revision
    assert _public_texts(corrected) == [NEW_TEXT]


def test_a_reporter_editing_a_published_correction_in_the_story_form_needs_an_editor(
    client, corrected, reporter, editor, clock
):
    correction = _published_correction(corrected)
    workflow.save_article(editor, corrected, expected_version=corrected.version)
    corrected.refresh_from_db()
    client.force_login(reporter)
    response = story_form_post(client, corrected, correction=correction, kind="clarification")
    assert response.status_code == 302, response.content.decode()[:2000]

    correction.refresh_from_db()
    assert correction.kind == "clarification"
    assert not correction.is_published and correction.approved_by is None
    assert [
        item["kind"] for item in PublishedArticle.objects.get(article=corrected).corrections
    ] == ["correction"]
    workflow.submit_for_review(reporter, corrected)
    workflow.publish(editor, corrected, now=clock + timedelta(hours=3))
    correction.refresh_from_db()
    assert correction.is_published and correction.approved_by == editor


def test_saving_the_story_without_touching_a_published_correction_keeps_it_approved(
    client, corrected, editor
):
    correction = _published_correction(corrected)
    approved_by, revision = correction.approved_by, correction.revision
    client.force_login(editor)
    response = story_form_post(client, corrected, correction=correction)
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.is_published
    assert (correction.approved_by, correction.revision) == (approved_by, revision)


@pytest.fixture
def deleting_reporter(reporter):
    """A reporter whose role an admin shaped to delete corrections too (not an editor)."""
    reporter.user_permissions.add(Permission.objects.get(codename="delete_correction"))
    return reporter


def _correction_formset(client, article):
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    return next(
        f.formset for f in page.context["inline_admin_formsets"] if f.formset.model is Correction
    )


def test_a_reporter_cannot_delete_a_published_correction(
    client, corrected, deleting_reporter, editor
):
    correction = _published_correction(corrected)
    workflow.save_article(editor, corrected, expected_version=corrected.version)
    corrected.refresh_from_db()
    client.force_login(deleting_reporter)

    # In the story form the delete box is locked, and a posted one is ignored.
    assert _correction_formset(client, corrected).forms[0].fields["DELETE"].disabled
    response = story_form_post(client, corrected, correction=correction, DELETE="on")
    assert response.status_code == 302
    assert Correction.objects.filter(pk=correction.pk, is_published=True).exists()

    # On its own page: no delete, one by one or in bulk.
    delete = reverse("admin:sources_correction_delete", args=[correction.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:sources_correction_changelist")
    response = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [correction.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_the_reporter_role_deletes_no_correction_at_all(client, corrected, reporter, editor):
    correction = _published_correction(corrected)
    workflow.save_article(editor, corrected, expected_version=corrected.version)
    client.force_login(reporter)
    assert not _correction_formset(client, corrected).can_delete
    delete = reverse("admin:sources_correction_delete", args=[correction.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_a_correction_not_yet_published_may_still_be_deleted(
    client, corrected, deleting_reporter, editor
):
    workflow.save_article(editor, corrected, expected_version=corrected.version)
    pending = Correction.objects.create(article=corrected, text="Awaiting approval.")
    client.force_login(deleting_reporter)
    assert not _correction_formset(client, corrected).forms[1].fields["DELETE"].disabled
    delete = reverse("admin:sources_correction_delete", args=[pending.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Correction.objects.filter(pk=pending.pk).exists()


def test_an_editor_deletes_a_published_correction_through_the_workflow(client, corrected, editor):
    correction = _published_correction(corrected)
    version = corrected.version
    client.force_login(editor)
    delete = reverse("admin:sources_correction_delete", args=[correction.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Correction.objects.filter(pk=correction.pk).exists()
    corrected.refresh_from_db()
    assert corrected.state_label == "Live + draft" and corrected.version == version + 1
    # Readers see it until the update is published.
    assert _public_texts(corrected) == [FIRST_TEXT]
