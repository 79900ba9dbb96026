"""When the site's frame changes, published stories are re-rendered in the background: a
renamed section shows its new name on its stories' pages (through the task queue), while the
story's own published words stay as they were until its next publish."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles import workflow
from articles.models import PublishedArticle

pytestmark = pytest.mark.django_db


def kicker(html: str) -> str:
    return html.split('<p class="kicker">', 1)[1].split("</p>", 1)[0]


def test_renaming_a_section_renews_its_stories_pages_not_their_words(
    client, publish_through_workflow, people, section, superuser, django_capture_on_commit_callbacks
):
    article, snapshot = publish_through_workflow("Tram line reopens after repairs")
    article.headline = "An unpublished edit of the headline"
    workflow.save_article(people["editor"], article, expected_version=article.version)
    assert "City" in kicker(client.get(snapshot.url_path).content.decode())

    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_section_change", args=[section.pk]),
            {"name": "Metro", "slug": section.slug, "position": section.position},
        )
    assert response.status_code == 302
    client.logout()
    html = client.get(snapshot.url_path).content.decode()
    assert "Metro" in kicker(html)
    assert "Tram line reopens after repairs" in html
    assert "An unpublished edit of the headline" not in html
    assert PublishedArticle.objects.get(pk=snapshot.pk).section_name == "Metro"


def test_the_command_re_renders_all_or_one_section(publish_through_workflow, section, capsys):
    _, snapshot = publish_through_workflow("Tram line reopens after repairs")
    PublishedArticle.objects.filter(pk=snapshot.pk).update(article_html="", head_html="")
    call_command("rerender_snapshots", section=section.slug)
    renewed = PublishedArticle.objects.get(pk=snapshot.pk)
    assert "Tram line reopens after repairs" in renewed.article_html
    assert "<title>Tram line reopens after repairs" in renewed.head_html
    assert "Re-rendered 1 of 1 published stories" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No section with the slug"):
        call_command("rerender_snapshots", section="no-such-section")
