"""Galleries (articles.images.galleries, admin/galleries): pictures in order with their words,
placed as a story's lead or in its body, each picture's rights checked before a publish,
readers' markup and ImageGallery JSON-LD from the snapshot only."""

import json
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.images import galleries
from articles.models import Article, Gallery, GalleryItem, Image, LicenceKind
from articles.workflow.errors import MediaNotPublishable
from newsroom.html import sanitize_html
from tests.conftest import jpeg_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_renditions")]


def picture(alt: str, colour=(30, 90, 160), **fields) -> Image:
    image = Image(alt_text=alt, caption=f"{alt}, as the picture says.", credit="Staff", **fields)
    image.file.save("p.jpg", ContentFile(jpeg_bytes(size=(600, 400), color=colour)), save=True)
    return image


def gallery_of(*images, title="The flood, day by day", **captions) -> Gallery:
    gallery = Gallery.objects.create(title=title)
    for number, image in enumerate(images):
        GalleryItem.objects.create(
            gallery=gallery, image=image, position=number, **captions.get(str(number), {})
        )
    return gallery


def publish(editor, reporter, story):
    workflow.submit_for_review(reporter, story)
    return workflow.publish(editor, story)


def jsonld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(blocks[0])


def test_the_sanitizers_keep_a_gallery_figure_and_nothing_else_on_it():
    body = '<p>Text.</p><figure data-gallery="12" onclick="x()"></figure>'
    assert sanitize_html(body) == '<p>Text.</p><figure data-gallery="12"></figure>'
    # The editor's own field keeps it too (settings.DJANGO_PROSE_EDITOR_EXTENSIONS).
    field = Article._meta.get_field("body")
    assert 'data-gallery="12"' in field.clean(body, Article())
    # Only a number: hostile or non-ASCII digits are dropped, the figure is harmless.
    assert "data-gallery" not in sanitize_html('<figure data-gallery="١٢"></figure>')
    assert "data-gallery" not in sanitize_html('<figure data-gallery="1 onload=x"></figure>')


def test_a_published_gallery_is_in_the_snapshot_page_and_json_ld(
    client, make_article, reporter, editor
):
    images = [picture(f"Street {n}", (40 * n, 80, 120)) for n in (1, 2, 3)]
    images[0].licence_kind = LicenceKind.CREATIVE_COMMONS
    images[0].licence_version = "BY 4.0"
    images[0].save()
    lead = gallery_of(*images, **{"1": {"caption": "Day two: the water goes down."}})
    inline = gallery_of(images[2], title="Before")
    story = make_article(
        "The flood",
        created_by=reporter,
        lead_gallery=lead,
        body=f"<p>First.</p>{galleries.embed_html(inline.pk)}<p>Last.</p>",
    )
    snapshot = publish(editor, reporter, story)

    assert [g["title"] for g in snapshot.galleries] == ["The flood, day by day", "Before"]
    items = snapshot.galleries[0]["items"]
    assert [item["alt"] for item in items] == ["Street 1", "Street 2", "Street 3"]
    assert items[1]["caption"] == "Day two: the water goes down."  # the gallery's own words
    assert items[0]["caption"] == "Street 1, as the picture says."  # else the picture's

    page = snapshot.article_html
    assert page.count('class="gallery-slide"') == 4
    assert f'id="gallery-{lead.pk}-2"' in page and f'href="#gallery-{lead.pk}-2"' in page
    assert "2 of 3" in page and "Day two: the water goes down." in page
    assert "data-gallery" not in page  # the body's figure became the gallery
    assert page.index("First.") < page.index(f'id="gallery-{inline.pk}"') < page.index("Last.")
    assert "<script" not in page

    response = client.get(snapshot.url_path)
    parts = jsonld(response.content.decode())["hasPart"]
    assert [p["@type"] for p in parts] == ["ImageGallery", "ImageGallery"]
    first = parts[0]["associatedMedia"]
    assert len(first) == 3 and first[0]["@type"] == "ImageObject"
    assert first[0]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert first[1]["caption"] == "Day two: the water goes down."


def test_a_gallery_picture_whose_licence_ended_or_without_alt_text_is_refused(
    make_article, reporter, editor
):
    ended = picture("Cranes", licence_expires_at=timezone.now() - timedelta(days=1))
    unnamed = picture("")
    story = make_article("Cranes", created_by=reporter, lead_gallery=gallery_of(ended, unnamed))
    with pytest.raises(MediaNotPublishable) as refused:
        publish(editor, reporter, story)
    message = str(refused.value)
    assert "The licence of the picture “Cranes” ended on" in message
    assert "Picture 2 of the gallery “The flood, day by day” has no alt text" in message


def test_a_body_naming_a_deleted_gallery_is_refused_with_the_reason(make_article, reporter, editor):
    story = make_article("Gone", created_by=reporter, body='<figure data-gallery="999"></figure>')
    with pytest.raises(MediaNotPublishable, match="places gallery 999, which no longer exists"):
        publish(editor, reporter, story)


def test_an_editor_places_a_gallery_as_lead_and_in_the_body(client, editor, make_article):
    gallery = gallery_of(picture("One"), picture("Two"))
    story = make_article("Placed")
    client.force_login(editor)
    place = reverse("admin:articles_gallery_place", args=[gallery.pk])
    page = client.get(place, {"q": "Plac"}).content.decode()
    assert "Placed" in page
    response = client.post(place, {"story": story.pk, "where": "lead"})
    assert response.url == reverse("admin:articles_article_change", args=[story.pk])
    client.post(place, {"story": story.pk, "where": "body"})
    story.refresh_from_db()
    assert story.lead_gallery == gallery
    assert story.body.endswith(galleries.embed_html(gallery.pk))
    assert story.version == 3  # two saves through the pipeline
    assert list(galleries.stories_using(gallery)) == [story]


def test_a_reporter_cannot_place_a_gallery_in_a_story_they_may_not_edit(
    client, reporter, make_article
):
    gallery = gallery_of(picture("One"))
    story = make_article("Someone else's")
    client.force_login(reporter)
    place = reverse("admin:articles_gallery_place", args=[gallery.pk])
    assert "Someone else" not in client.get(place).content.decode()
    client.post(place, {"story": story.pk, "where": "lead"})
    story.refresh_from_db()
    assert story.lead_gallery is None
    for hostile in ("abc", "١٢", "99999999999999999999"):
        assert client.get(f"/admin/articles/gallery/{hostile}/place/").status_code == 404


def test_a_reporter_cannot_put_someone_elses_unpublished_picture_in_a_gallery(
    client, reporter, other_reporter
):
    theirs = picture("Theirs", uploaded_by=other_reporter)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_gallery_add"),
        {
            "title": "Mine",
            "description": "",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-image": theirs.pk,
            "items-0-position": "1",
            "items-0-caption": "",
            "items-0-credit": "",
        },
    )
    assert response.status_code == 200
    assert "You may not use the picture “Theirs”" in response.content.decode()
    assert not Gallery.objects.exists()


def test_the_picture_library_makes_a_gallery_of_the_chosen_pictures(client, editor):
    images = [picture("One"), picture("Two"), picture("Three")]
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_image_changelist"),
        {"action": "make_gallery_action", "_selected_action": [i.pk for i in images]},
    )
    gallery = Gallery.objects.get()
    assert response.url == reverse("admin:articles_gallery_change", args=[gallery.pk])
    assert gallery.items.count() == 3 and gallery.created_by == editor


def test_a_revision_keeps_the_lead_gallery_and_a_restore_brings_it_back(editor, make_article):
    gallery = gallery_of(picture("One"))
    story = make_article("Kept")
    workflow.save_article(editor, story, expected_version=story.version, comment="first")
    first = Version.objects.get_for_object(story).first()
    story.lead_gallery = gallery
    workflow.save_article(editor, story, expected_version=story.version, comment="gallery")
    story.lead_gallery = None
    workflow.save_article(editor, story, expected_version=story.version, comment="none")
    gallery_version = Version.objects.get_for_object(story)[1]
    assert gallery_version.field_dict["lead_gallery_id"] == gallery.pk
    workflow.restore_revision(
        editor, story, version_id=gallery_version.pk, expected_version=story.version
    )
    story.refresh_from_db()
    assert story.lead_gallery == gallery
    assert first.field_dict.get("lead_gallery_id") is None


def test_the_story_forms_gallery_chooser_pages_galleries_in_a_stable_order(client, editor):
    """The chooser pages its answers; an unordered list could show a gallery on two pages."""
    import warnings

    client.force_login(editor)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Django's UnorderedObjectListWarning says it
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "articles", "model_name": "article", "field_name": "lead_gallery"},
        )
    assert response.status_code == 200


def test_the_body_editors_gallery_chooser_lists_galleries_with_their_size(client, editor):
    gallery_of(picture("Day 1"), picture("Day 2"))
    gallery_of(picture("Night"), title="The harbor at night")
    client.force_login(editor)
    url = reverse("admin:articles_gallery_chooser")
    found = client.get(url, {"q": "harbor"}).json()["results"]
    assert [(item["title"], item["detail"]) for item in found] == [
        ("The harbor at night", "1 picture")
    ]
    assert len(client.get(url).json()["results"]) == 2
