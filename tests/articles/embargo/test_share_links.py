"""Share links of an embargoed story: none, unless an editor cleared the link for the embargo."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import PreviewLink
from articles.workflow import preview

pytestmark = pytest.mark.django_db


def _open(client, link):
    token = preview.signed_token(link)
    return client.get(reverse("external:shared_preview", args=[token]))


def test_the_reporter_cannot_share_an_embargoed_story(embargoed, reporter):
    with pytest.raises(workflow.WorkflowError) as refused:
        preview.create_preview_link(reporter, embargoed)
    assert refused.value.code == "embargoed"
    assert "Cleared for embargo" in str(refused.value)

    with pytest.raises(workflow.WorkflowPermissionError) as not_an_editor:
        preview.create_preview_link(reporter, embargoed, embargo_cleared=True)
    assert not_an_editor.value.code == "cannot_clear_embargo"
    assert not PreviewLink.objects.filter(article=embargoed).exists()


def test_an_editor_cleared_link_opens_before_the_embargo(client, embargoed, editor):
    with pytest.raises(workflow.WorkflowError):
        preview.create_preview_link(editor, embargoed)  # not cleared: refused like anyone's

    link = preview.create_preview_link(editor, embargoed, embargo_cleared=True)
    response = _open(client, link)
    assert response.status_code == 200
    assert embargoed.headline in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_a_link_made_before_the_embargo_was_set_opens_only_after_it(
    client, make_article, reporter, embargo_time
):
    article = make_article(created_by=reporter)
    link = preview.create_preview_link(reporter, article)
    assert _open(client, link).status_code == 200

    article.embargo_until = embargo_time
    article.save()
    response = _open(client, link)
    assert response.status_code == 410
    assert article.headline not in response.content.decode()
    assert "not available yet" in response.content.decode()

    assert (
        preview.link_for_token(preview.signed_token(link), now=embargo_time + timedelta(seconds=1))
        == link
    )


def test_the_share_form_offers_clearing_to_editors_only(client, embargoed, editor, reporter):
    page = reverse("admin:articles_article_change", args=[embargoed.pk])
    client.force_login(reporter)
    mine = client.get(page).content.decode()
    assert 'name="embargo_cleared"' not in mine
    assert "only an editor can make a share link" in mine

    client.force_login(editor)
    assert 'name="embargo_cleared"' in client.get(page).content.decode()
    share = reverse("admin:articles_article_share", args=[embargoed.pk])
    client.post(share, {"days": "2", "embargo_cleared": "on"})
    link = PreviewLink.objects.get(article=embargoed)
    assert link.embargo_cleared and link.created_by == editor
    listed = client.get(page).content.decode()
    assert "cleared for embargo" in listed
