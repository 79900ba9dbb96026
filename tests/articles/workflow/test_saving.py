"""Saving the working copy: optimistic lock in the service and in the admin form."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article
from tests.conftest import story_form_data

pytestmark = pytest.mark.django_db


def test_stale_save_is_refused_by_the_service(story, reporter, editor):
    started_from = story.version
    theirs = Article.objects.get(pk=story.pk)
    theirs.dek = "The editor's dek."
    workflow.save_article(editor, theirs, expected_version=started_from)

    story.dek = "The reporter's dek."
    with pytest.raises(workflow.StaleEdit) as raised:
        workflow.save_article(reporter, story, expected_version=started_from)
    assert "Someone else saved" in str(raised.value)
    assert Article.objects.get(pk=story.pk).dek == "The editor's dek."


def test_stale_save_in_the_admin_keeps_the_users_text(client, story, reporter, editor):
    client.force_login(reporter)
    url, data, _ = story_form_data(client, story)

    # Meanwhile an editor saves.
    theirs = Article.objects.get(pk=story.pk)
    theirs.headline = "Editor's headline"
    workflow.save_article(editor, theirs, expected_version=story.version)

    data["body"] = "<p>My long paragraph that must not be lost.</p>"
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not saved: " in html and "saved a newer version" in html
    assert "My long paragraph that must not be lost." in html
    assert Article.objects.get(pk=story.pk).body == "<p>The harbor ferry will cost more.</p>"


def test_admin_save_bumps_the_version_and_keeps_a_revision(client, story, reporter):
    from articles.workflow.revisions import versions_of

    client.force_login(reporter)
    url, data, _ = story_form_data(client, story, dek="A sharper dek.")
    before = versions_of(story).count()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    story.refresh_from_db()
    assert story.dek == "A sharper dek." and story.version == 2
    assert versions_of(story).count() == before + 1


def test_reporter_cannot_edit_a_story_in_review(client, story_in, reporter):
    article = story_in("in_review")
    client.force_login(reporter)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="headline"' not in response.content.decode()  # read-only page
    assert client.post(url, {"headline": "Hijack"}).status_code == 403


def test_other_reporters_see_but_do_not_edit(client, story, other_reporter):
    client.force_login(other_reporter)
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert story.headline in response.content.decode()
    assert 'name="headline"' not in response.content.decode()
    with pytest.raises(workflow.WorkflowPermissionError):
        workflow.save_article(other_reporter, story, expected_version=story.version)


def test_saving_a_new_body_in_the_admin_proposes_its_attributions(client, story, reporter):
    client.force_login(reporter)
    body = (
        "<p>“We will not raise fares again this year,” said Dana Whitlock, the ferry "
        "authority’s director.</p><p>The mayor’s office declined to comment.</p>"
    )
    url, data, _ = story_form_data(client, story, body=body)
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    proposals = {(p.kind, p.name) for p in story.proposals.all()}
    assert ("quoted", "Dana Whitlock") in proposals
    assert any(kind == "declined" for kind, _ in proposals)
    assert "sourcing assistant proposes" in response.content.decode()

    # Saving again with the same body proposes nothing new.
    count = story.proposals.count()
    story.refresh_from_db()
    url, data, _ = story_form_data(client, story, dek="Only the dek changed.")
    client.post(url, data)
    assert story.proposals.count() == count


def test_a_change_without_the_version_it_started_from_is_refused(client, story, reporter):
    client.force_login(reporter)
    url, data, _ = story_form_data(client, story, dek="A dek saved blind.")
    del data["expected_version"]
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "did not say which version of the story it started from" in html
    assert "A dek saved blind." in html  # kept in the form
    story.refresh_from_db()
    assert story.dek == "Commuters will pay 50 cents more from March." and story.version == 1


def test_a_new_story_needs_no_version(client, reporter, section):
    client.force_login(reporter)
    new = Article(headline="Pier 4 reopens", slug="pier-4-reopens", section=section)
    url, data, _ = story_form_data(client, new)
    del data["expected_version"]
    assert client.post(url, data).status_code == 302
    assert Article.objects.get(slug="pier-4-reopens").version == 1
