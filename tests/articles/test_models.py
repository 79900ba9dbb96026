"""The content model: constraints, ordering, sanitizing, image validation."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from articles.models import Article, ArticleAuthor, ArticleState, Image
from authors.models import Author
from newsroom.html import html_to_text, sanitize_html, text_to_html
from tests.conftest import jpeg_bytes, story_form_data

pytestmark = pytest.mark.django_db


def test_new_article_starts_as_draft_at_version_one(make_article):
    article = make_article()
    assert article.state == ArticleState.DRAFT
    assert article.version == 1
    assert article.state_label == "Draft"


def test_state_is_not_editable_in_forms():
    assert Article._meta.get_field("state").editable is False


def test_database_refuses_an_unknown_state(make_article):
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(state="gone-fishing")


def test_database_refuses_an_empty_headline(make_article):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(headline="", slug="no-headline")


def test_slugs_are_unique(make_article):
    make_article(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(headline="Another story", slug="same")


def test_byline_keeps_author_order(make_article):
    article = make_article()
    second = Author.objects.create(name="Amir Haddad", slug="amir-haddad")
    first_link = article.author_links.get()
    ArticleAuthor.objects.create(article=article, author=second, position=0)
    first_link.position = 1
    first_link.save()
    assert [a.name for a in article.byline_authors()] == ["Amir Haddad", "Rosa Park-Lindqvist"]


def test_the_same_author_cannot_be_in_a_byline_twice(make_article, author):
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleAuthor.objects.create(article=article, author=author, position=1)


def test_live_story_with_edits_shows_live_plus_draft(make_article):
    article = make_article(has_unpublished_changes=True)
    assert article.state_label == "Live + draft"


def test_sanitize_removes_scripts_and_handlers_but_keeps_prose():
    dirty = (
        '<p onclick="steal()">Council <strong>votes</strong><script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">x</a><a href="https://example.org">ok</a>'
    )
    clean = sanitize_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "javascript:" not in clean
    assert "<strong>votes</strong>" in clean
    assert 'href="https://example.org"' in clean


def test_text_and_html_round_trip_keeps_paragraphs():
    text = "First paragraph.\n\nSecond <paragraph> & more."
    html = text_to_html(text)
    assert html == "<p>First paragraph.</p><p>Second &lt;paragraph&gt; &amp; more.</p>"
    assert html_to_text(html) == text


def test_image_stores_width_and_height(image):
    image.refresh_from_db()
    assert (image.width, image.height) == (640, 360)


def test_image_field_rejects_a_file_that_is_not_an_image():
    from django.forms import modelform_factory

    ImageForm = modelform_factory(Image, fields=["file", "alt_text"])
    form = ImageForm(
        data={"alt_text": "x"},
        files={"file": SimpleUploadedFile("fake.jpg", b"this is not a jpeg", "image/jpeg")},
    )
    assert not form.is_valid()
    assert "file" in form.errors
    assert "valid image" in form.errors["file"][0]


def test_image_form_accepts_a_real_jpeg():
    from django.forms import modelform_factory

    ImageForm = modelform_factory(Image, fields=["file", "alt_text"])
    form = ImageForm(
        data={"alt_text": "x"},
        files={"file": SimpleUploadedFile("real.jpg", jpeg_bytes(), "image/jpeg")},
    )
    assert form.is_valid(), form.errors


def test_author_url(author):
    assert author.get_absolute_url() == "/authors/rosa-park-lindqvist/"


def test_validation_error_for_missing_headline_in_full_clean(section):
    with pytest.raises(ValidationError) as excinfo:
        Article(headline="", slug="x", section=section).full_clean()
    assert "headline" in excinfo.value.message_dict


@pytest.mark.parametrize("field", ["headline", "dek", "dateline"])
def test_markup_in_plain_text_fields_is_refused_with_the_tag_named(make_article, field):
    article = make_article()
    setattr(article, field, "Council votes <script>alert('x')</script> tonight")
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    errors = excinfo.value.error_dict[field]
    assert errors[0].code == "markup_in_plain_text"
    assert "<script>" in errors[0].messages[0]


def test_plain_text_with_angle_brackets_in_words_is_fine(make_article):
    article = make_article(headline="Rents rise 5% as vacancies fall < 2 percent")
    article.full_clean()


def test_admin_refuses_a_script_in_a_headline_and_keeps_what_was_typed(client, make_article):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser("chief", "c@example.com", "pw")
    client.force_login(admin_user)
    article = make_article()
    url, data, _ = story_form_data(
        client,
        article,
        headline="Ferry <script>alert(1)</script> fares",
        dek="A dek I spent ten minutes on.",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is plain text: remove the &lt;script&gt; tag" in html
    assert "A dek I spent ten minutes on." in html
    article.refresh_from_db()
    assert "script" not in article.headline
