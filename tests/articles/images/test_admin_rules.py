"""Who may change or delete an image in the admin: a lead image follows the edit rule of every
story using it, and a change to it goes through the workflow (live + draft, version, revision)."""

import pytest
from django.core.files.base import ContentFile
from django.db.models import ProtectedError
from django.urls import reverse
from reversion.models import Version

from articles import workflow
from articles.models import Article, Image, PublishedArticle

from .conftest import plain_jpeg

pytestmark = pytest.mark.django_db


def change_url(image) -> str:
    return reverse("admin:articles_image_change", args=[image.pk])


def image_post(image, **changes) -> dict:
    data = {"alt_text": image.alt_text, "caption": image.caption, "credit": image.credit}
    data.update(changes)
    return data


def uploaded_by(user, alt="A tram in the snow") -> Image:
    image = Image(alt_text=alt, caption="Line 7.", credit="Staff", uploaded_by=user)
    image.file.save("tram.jpg", ContentFile(plain_jpeg()), save=True)
    return image


@pytest.fixture
def live_story(make_article, reporter, editor):
    story = make_article(created_by=reporter)
    workflow.submit_for_review(reporter, story)
    workflow.publish(editor, story)
    story.refresh_from_db()
    return story


def test_a_reporter_cannot_change_the_lead_image_of_a_live_story(client, live_story, reporter):
    image = live_story.lead_image
    client.force_login(reporter)
    response = client.post(change_url(image), image_post(image, caption="Not what happened."))
    assert response.status_code == 403
    image.refresh_from_db()
    assert image.caption == "The last ferry."
    live_story.refresh_from_db()
    assert live_story.state == "published" and not live_story.has_unpublished_changes


def test_a_reporter_cannot_change_the_image_of_someone_elses_draft(
    client, make_article, reporter, other_reporter
):
    theirs = make_article(created_by=other_reporter)
    image = theirs.lead_image
    client.force_login(reporter)
    assert client.post(change_url(image), image_post(image, credit="Me")).status_code == 403
    assert client.post(reverse("admin:articles_image_delete", args=[image.pk])).status_code == 403
    image.refresh_from_db()
    assert image.credit == "Staff photo"
    theirs.refresh_from_db()
    assert theirs.version == 1


def test_a_reporter_changes_the_image_of_their_own_draft_and_the_story_records_it(
    client, make_article, reporter
):
    mine = make_article(created_by=reporter)
    image = mine.lead_image
    client.force_login(reporter)
    response = client.post(change_url(image), image_post(image, caption="The very last ferry."))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "The very last ferry."
    mine.refresh_from_db()
    assert mine.version == 2
    assert Version.objects.get_for_object(mine).count() == 1


def test_an_image_shared_with_a_story_the_reporter_cannot_edit_stays_closed(
    client, make_article, reporter, other_reporter
):
    mine = make_article("Tram line reopens", created_by=reporter)
    make_article("Tram fares", created_by=other_reporter, lead_image=mine.lead_image)
    client.force_login(reporter)
    response = client.post(change_url(mine.lead_image), image_post(mine.lead_image, credit="X"))
    assert response.status_code == 403


def test_an_editor_changing_a_live_storys_image_makes_it_live_plus_draft(
    client, live_story, editor
):
    image = live_story.lead_image
    version = live_story.version
    client.force_login(editor)
    response = client.post(change_url(image), image_post(image, credit="Ana Ruiz/Newsroom"))
    assert response.status_code == 302

    live_story.refresh_from_db()
    assert live_story.state_label == "Live + draft"
    assert live_story.version == version + 1
    revision = Version.objects.get_for_object(live_story).first().revision
    assert "lead image" in revision.comment and "credit" in revision.comment
    # Readers keep the published credit until the edit is reviewed and published.
    assert PublishedArticle.objects.get(article=live_story).lead_image["credit"] == "Staff photo"


def test_saving_an_image_without_changes_leaves_its_stories_alone(client, live_story, editor):
    client.force_login(editor)
    response = client.post(change_url(live_story.lead_image), image_post(live_story.lead_image))
    assert response.status_code == 302
    live_story.refresh_from_db()
    assert live_story.state == "published" and not live_story.has_unpublished_changes


def test_unused_images_are_changed_by_their_uploader_and_editors_only(
    client, reporter, other_reporter, editor
):
    mine = uploaded_by(reporter)
    client.force_login(other_reporter)
    assert client.post(change_url(mine), image_post(mine, caption="Theirs")).status_code == 403
    client.force_login(reporter)
    assert client.post(change_url(mine), image_post(mine, caption="Mine")).status_code == 302
    client.force_login(editor)
    assert client.post(change_url(mine), image_post(mine, caption="Edited")).status_code == 302
    mine.refresh_from_db()
    assert mine.caption == "Edited"


def test_an_upload_in_the_admin_records_who_uploaded_it(client, reporter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(reporter)
    upload = SimpleUploadedFile("tram.jpg", plain_jpeg(), content_type="image/jpeg")
    response = client.post(
        reverse("admin:articles_image_add"),
        {"file": upload, "alt_text": "A tram", "caption": "", "credit": "Staff"},
    )
    assert response.status_code == 302
    assert Image.objects.get().uploaded_by == reporter


def test_an_image_used_by_a_story_cannot_be_deleted_and_the_admin_names_the_story(
    client, live_story, editor
):
    image = live_story.lead_image
    client.force_login(editor)
    delete = reverse("admin:articles_image_delete", args=[image.pk])
    page = client.get(delete).content.decode()
    assert "would require deleting the following protected related objects" in page
    assert live_story.headline in page

    client.post(delete, {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    live_story.refresh_from_db()
    assert live_story.lead_image_id == image.pk

    changelist = reverse("admin:articles_image_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"}
    )
    assert live_story.headline in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()

    with pytest.raises(ProtectedError):
        image.delete()


def test_an_unused_image_can_be_deleted_by_an_editor(client, editor, reporter):
    image = uploaded_by(reporter)
    client.force_login(editor)
    response = client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    assert Article.objects.count() == 0
