"""A picture chosen in the story form's drop zone is part of Save, also for a POST made
without the page's script: uploaded with its words inside the save, or the save refused with
the reason beside the lead image, every word kept and the file asked for again."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.images import preparing
from articles.models import Article, Image
from tests.conftest import jpeg_bytes, story_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_article, reporter):
    return make_article("Harbor cranes arrive", created_by=reporter, lead_image=None)


def picture(name="cranes.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


def test_save_uploads_the_chosen_picture_and_makes_it_the_lead_image(client, story, reporter):
    client.force_login(reporter)
    images_before = Image.objects.count()
    url, data, _ = story_form_data(
        client,
        story,
        new_lead_image=picture(),
        new_lead_image_alt="Cranes on the quay",
        new_lead_image_credit="Rita/Newsroom",
        new_lead_image_caption="At dawn.",
        new_lead_image_focal_x="0.25",
        new_lead_image_focal_y="0.75",
    )
    assert client.post(url, data).status_code == 302
    lead = Article.objects.select_related("lead_image").get(pk=story.pk).lead_image
    assert (lead.alt_text, lead.credit, lead.caption) == (
        "Cranes on the quay",
        "Rita/Newsroom",
        "At dawn.",
    )
    assert (lead.focal_x, lead.focal_y, lead.uploaded_by) == (0.25, 0.75, reporter)
    assert Image.objects.count() == images_before + 1


def test_save_without_alt_text_is_refused_with_the_reason_and_keeps_the_words(
    client, story, reporter
):
    client.force_login(reporter)
    images_before = Image.objects.count()
    url, data, _ = story_form_data(
        client,
        story,
        dek="A dek typed with the picture.",
        new_lead_image=picture(),
        new_lead_image_credit="Rita/Newsroom",
        new_lead_image_caption="At dawn.",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not saved: Write the alt text" in html
    assert "Choose “cranes.jpg” again" in html
    assert "A dek typed with the picture." in html
    assert 'value="Rita/Newsroom"' in html and 'value="At dawn."' in html
    assert Image.objects.count() == images_before
    assert Article.objects.get(pk=story.pk).dek == story.dek


def test_a_file_that_is_no_picture_refuses_the_save(client, story, reporter):
    client.force_login(reporter)
    url, data, _ = story_form_data(
        client,
        story,
        new_lead_image=SimpleUploadedFile("notes.jpg", b"not a picture", "image/jpeg"),
        new_lead_image_alt="Cranes",
        new_lead_image_credit="Rita/Newsroom",
        new_lead_image_focal_x="²",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "not a JPEG, PNG, WebP or GIF" in response.content.decode()
    assert Article.objects.get(pk=story.pk).version == story.version


def test_only_who_may_add_images_can_store_one():
    nobody = get_user_model().objects.create_user("nobody", "n@example.com", "pw", is_staff=True)
    with pytest.raises(PermissionDenied):
        preparing.image_create(user=nobody, file=picture(), alt_text="A picture", credit="Someone")
    assert not Image.objects.filter(alt_text="A picture").exists()


def stored_files() -> set[str]:
    from django.conf import settings

    roots = (settings.MEDIA_ROOT, settings.IMAGE_INCOMING_ROOT)  # served, and kept for the worker
    return {str(path) for root in roots for path in root.rglob("*") if path.is_file()}


def test_a_refused_save_leaves_no_picture_file_behind(client, story, reporter, editor, settings):
    from articles import workflow

    # The queue as in production: the picture's preparation is a row of the save's transaction
    # (run at once, as tests usually do, it would make renditions before the refusal).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    client.force_login(reporter)
    url, data, _ = story_form_data(
        client,
        story,
        new_lead_image=picture("stale.jpg"),
        new_lead_image_alt="Cranes on the quay",
        new_lead_image_credit="Rita/Newsroom",
    )
    theirs = Article.objects.get(pk=story.pk)  # meanwhile an editor saves: this save is stale
    theirs.headline = "Editor's headline"
    workflow.save_article(editor, theirs, expected_version=story.version)
    files_before = stored_files()

    response = client.post(url, data)
    assert "saved a newer version" in response.content.decode()
    assert not Image.objects.filter(alt_text="Cranes on the quay").exists()
    assert stored_files() == files_before


def test_a_saved_picture_keeps_its_file(client, story, reporter):
    client.force_login(reporter)
    url, data, _ = story_form_data(
        client,
        story,
        new_lead_image=picture("kept.jpg"),
        new_lead_image_alt="Cranes on the quay",
        new_lead_image_credit="Rita/Newsroom",
    )
    assert client.post(url, data).status_code == 302
    lead = Article.objects.select_related("lead_image").get(pk=story.pk).lead_image
    assert lead.file.storage.exists(lead.file.name)
