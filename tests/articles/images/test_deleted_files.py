"""A deleted picture's or clip's files go with it, after the commit (articles.images.
stored_files): the original, the signed original, a waiting upload and the renditions; a clip's
upload, web copy, poster and captions. A delete that rolls back keeps them all, and readers'
copies that a published story still names are kept."""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from articles import workflow
from articles.clips.in_stories import figure_html
from articles.images import renditions
from articles.models import Clip, Image
from tests.articles.clips.test_in_stories import VTT, ready_clip
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def stored(file) -> bool:
    return file.storage.exists(file.name)


def picture_with_every_file() -> tuple[Image, list]:
    image = Image(alt_text="Cranes", credit="Ana Ruiz/Northwire")
    image.file.save("p.jpg", ContentFile(jpeg_bytes(size=(900, 600))), save=True)
    image.signed_original.save("signed.jpg", ContentFile(b"signed"), save=False)
    image.incoming.save("upload", ContentFile(b"waiting"), save=False)
    image.save()
    renditions.create_renditions(image)
    files = [image.file, image.signed_original, image.incoming]
    files += [rendition.file for rendition in image.renditions.all()]
    assert len(files) > 3 and all(stored(file) for file in files)
    return image, files


def test_deleting_a_picture_deletes_its_files_after_the_commit(
    django_capture_on_commit_callbacks,
):
    image, files = picture_with_every_file()
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        image.delete()
    assert all(stored(file) for file in files)  # not before the commit
    for callback in waiting:
        callback()
    assert not any(stored(file) for file in files)


def test_a_delete_that_rolls_back_keeps_the_files(django_capture_on_commit_callbacks):
    image, files = picture_with_every_file()
    pk = image.pk
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        image.delete()
        transaction.set_rollback(True)
    assert Image.objects.filter(pk=pk).exists()
    assert all(stored(file) for file in files)


def test_deleting_a_clip_deletes_its_files(django_capture_on_commit_callbacks):
    clip = ready_clip()
    clip.captions.save("c.vtt", ContentFile(VTT), save=False)
    clip.incoming.save("upload", ContentFile(b"camera"), save=True)
    files = [clip.incoming, clip.web_file, clip.poster, clip.captions]
    assert all(stored(file) for file in files)
    with django_capture_on_commit_callbacks(execute=True):
        clip.delete()
    assert not any(stored(file) for file in files)


def test_a_clip_a_published_story_plays_keeps_its_readers_copies(
    make_article, reporter, editor, django_capture_on_commit_callbacks
):
    clip = ready_clip()
    clip.captions.save("c.vtt", ContentFile(VTT), save=True)
    story = make_article("Flood", created_by=reporter, body=f"<p>A.</p>{figure_html(clip.pk)}")
    workflow.submit_for_review(reporter, story)
    workflow.publish(editor, story)
    readers = [clip.web_file, clip.poster, clip.captions]
    with django_capture_on_commit_callbacks(execute=True):
        Clip.objects.get(pk=clip.pk).delete()
    assert all(stored(file) for file in readers)
