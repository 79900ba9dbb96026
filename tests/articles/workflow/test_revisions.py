"""History: a revision per save, readable diffs, restore as a new revision."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import ArticleAuthor
from articles.workflow import revisions
from authors.models import Author

pytestmark = pytest.mark.django_db


def _edit(user, article, **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    return workflow.save_article(user, article, expected_version=article.version)


def test_diff_shows_changed_fields_and_body_by_paragraph(story, reporter):
    story.tags.set(["ferries"])
    _edit(
        reporter,
        story,
        headline="Ferry fares rise again",
        body="<p>The harbor ferry will cost more.</p><p>Riders protested on Monday.</p>",
    )
    second = Author.objects.create(name="Sam Lowe", slug="sam-lowe")
    ArticleAuthor.objects.create(article=story, author=second, position=1)
    story.tags.set(["ferries", "protests"])
    _edit(
        reporter,
        story,
        body="<p>The harbor ferry will cost much more.</p><p>Riders protested on Monday.</p>",
    )

    (n3, v3), (n2, v2), (n1, v1) = revisions.numbered_versions(story)
    assert (n1, n2, n3) == (1, 2, 3)
    changes = {
        c["field"]: c
        for c in revisions.diff_revisions(revisions.revision_data(v1), revisions.revision_data(v2))
    }
    assert set(changes) == {"headline", "body", "tags"}
    assert "<del>for the first time in a decade</del>" in changes["headline"]["rows"][0]["html"]
    body_ops = [row["op"] for row in changes["body"]["rows"]]
    assert body_ops == ["equal", "insert"]

    later = {
        c["field"]: c
        for c in revisions.diff_revisions(revisions.revision_data(v2), revisions.revision_data(v3))
    }
    assert set(later) == {"body", "byline", "tags"}
    assert later["body"]["rows"][0]["op"] == "replace"
    assert "<ins>much</ins>" in later["body"]["rows"][0]["html"]
    assert [r["op"] for r in later["byline"]["rows"]] == ["equal", "insert"]
    assert later["tags"]["rows"][-1]["html"] == "protests"


def test_restore_creates_a_new_revision_and_keeps_history(story, reporter):
    _edit(reporter, story, headline="A worse headline", dek="A worse dek")
    before = revisions.numbered_versions(story)
    first_id = before[-1][1].pk

    workflow.restore_revision(reporter, story, version_id=first_id, expected_version=story.version)

    story.refresh_from_db()
    assert story.headline == "Ferry fares rise for the first time in a decade"
    assert story.dek == "Commuters will pay 50 cents more from March."
    after = revisions.numbered_versions(story)
    assert len(after) == len(before) + 1
    assert "Restored revision #1" in after[0][1].revision.comment
    # The old revisions are untouched.
    assert [v.pk for _, v in after[1:]] == [v.pk for _, v in before]


def test_restoring_on_a_live_story_makes_a_draft_not_a_new_page(story_in, editor):
    article = story_in("published")
    first_id = revisions.numbered_versions(article)[-1][1].pk
    workflow.restore_revision(
        editor, article, version_id=first_id, expected_version=article.version
    )
    article.refresh_from_db()
    assert article.state_label == "Live + draft"


def test_history_never_holds_confidential_sourcing(story, reporter):
    from reversion.models import Version

    from sources.models import Attribution, AttributionConfidential

    attribution = Attribution.objects.create(
        article=story, kind="paraphrased", anonymous=True, public_descriptor="an official"
    )
    AttributionConfidential.objects.create(
        attribution=attribution, internal_justification="Secret reason 42"
    )
    _edit(reporter, story, dek="New dek")
    for version in Version.objects.all():
        assert "Secret reason 42" not in version.serialized_data


def test_diff_and_restore_pages_in_the_admin(client, story, reporter):
    _edit(reporter, story, dek="Second dek")
    client.force_login(reporter)
    url = reverse("admin:articles_article_diff", args=[story.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<ins>Second dek</ins>" in html or "<ins>Second</ins>" in html
    first_id = revisions.numbered_versions(story)[-1][1].pk
    response = client.post(
        reverse("admin:articles_article_restore", args=[story.pk, first_id]),
        {"expected_version": story.version},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.dek == "Commuters will pay 50 cents more from March."


def test_restore_in_the_admin_needs_the_version_it_started_from(client, story, reporter):
    _edit(reporter, story, dek="Second dek")
    client.force_login(reporter)
    first_id = revisions.numbered_versions(story)[-1][1].pk
    response = client.post(
        reverse("admin:articles_article_restore", args=[story.pk, first_id]), follow=True
    )
    assert "did not say which version of the story it started from" in response.content.decode()
    story.refresh_from_db()
    assert story.dek == "Second dek"


def test_restoring_another_storys_revision_is_refused_with_a_message(
    client, story, make_article, reporter
):
    other = make_article(headline="Another story", slug="another-story", created_by=reporter)
    revisions.record_revision(other, user=reporter, comment="Created")
    foreign_id = revisions.numbered_versions(other)[0][1].pk
    client.force_login(reporter)
    for version_id in (foreign_id, 999999):
        response = client.post(
            reverse("admin:articles_article_restore", args=[story.pk, version_id]),
            {"expected_version": story.version},
            follow=True,
        )
        assert response.status_code == 200
        assert "not part of this story" in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "Ferry fares rise for the first time in a decade"


def test_a_restore_from_a_page_older_than_the_last_save_is_refused_with_both_texts_shown(
    client, story, reporter, editor
):
    _edit(reporter, story, dek="Second dek")
    first_id = revisions.numbered_versions(story)[-1][1].pk
    page_version = story.version  # the reporter's compare page is open at this version
    # Meanwhile an editor saves a newer dek.
    newer = type(story).objects.get(pk=story.pk)
    _edit(editor, newer, dek="The editor's newer dek")
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_restore", args=[story.pk, first_id]),
        {"expected_version": page_version},
    )
    assert response.status_code == 302
    assert f"a={first_id}" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was restored" in page
    # Both texts: the revision chosen and the newest save, side by side in the diff.
    assert "Commuters will pay 50 cents more from March." in page
    assert "The editor" in page and "newer dek" in page
    story.refresh_from_db()
    assert story.dek == "The editor's newer dek"
