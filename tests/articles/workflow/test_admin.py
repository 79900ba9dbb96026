"""The story admin: workflow buttons, messages, review queue, notes, previews and share links."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import EditorialNote, PreviewLink, PublishedArticle
from articles.workflow import preview
from sources import standards

pytestmark = pytest.mark.django_db


def _change(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def _buttons(html):
    import re

    return re.findall(r'name="action" value="([a-z_]+)"', html)


def test_buttons_show_only_the_moves_this_user_may_make(client, story_in, reporter, editor):
    article = story_in("in_review")
    client.force_login(reporter)
    assert _buttons(client.get(_change(article)).content.decode()) == ["withdraw"]
    client.force_login(editor)
    html = client.get(_change(article)).content.decode()
    assert _buttons(html) == ["withdraw", "publish", "request_changes", "spike"]
    assert 'type="datetime-local"' in html
    assert "Standards checks" in html


def test_publish_and_forbidden_moves_come_back_as_messages(client, story_in, reporter, editor):
    article = story_in("in_review")
    url = reverse("admin:articles_article_workflow", args=[article.pk])
    client.force_login(reporter)
    response = client.post(url, {"action": "publish"}, follow=True)
    assert "may not publish" in response.content.decode()
    assert not PublishedArticle.objects.filter(article=article).exists()

    client.force_login(editor)
    response = client.post(url, {"action": "request_changes", "changes_note": ""}, follow=True)
    assert "Say what should change" in response.content.decode()

    at = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"action": "publish", "at": at}, follow=True)
    assert "Scheduled: goes live" in response.content.decode()
    snapshot = PublishedArticle.objects.get(article=article)
    assert snapshot.published_at > timezone.now()
    assert "Scheduled" in client.get(reverse("admin:articles_article_changelist")).content.decode()


def test_warning_findings_offer_override_inputs(client, story_in, editor, monkeypatch):
    from sources.standards import WARNING, Finding

    article = story_in("in_review")
    finding = Finding("credit_missing", WARNING, "lead_image", "Credit the photographer.")
    monkeypatch.setattr("sources.admin.story_panels.check_article", lambda a: [finding])
    monkeypatch.setattr(standards, "check_article", lambda a: [finding])
    client.force_login(editor)
    html = client.get(_change(article)).content.decode()
    assert 'name="override_credit_missing"' in html
    url = reverse("admin:articles_article_workflow", args=[article.pk])
    response = client.post(url, {"action": "publish"}, follow=True)
    assert "needs an override reason" in response.content.decode()
    client.post(url, {"action": "publish", "override_credit_missing": "Handout photo."})
    assert PublishedArticle.objects.filter(article=article).exists()


def test_review_queue_lists_stories_in_review_oldest_first(client, make_article, reporter, editor):
    now = timezone.now()
    older = make_article("Older story", created_by=reporter)
    newer = make_article("Newer story", created_by=reporter)
    make_article("Still a draft", created_by=reporter)
    workflow.submit_for_review(reporter, newer, now=now - timedelta(hours=1))
    workflow.submit_for_review(reporter, older, now=now - timedelta(hours=5))

    client.force_login(editor)
    html = client.get(reverse("admin:articles_reviewqueueitem_changelist")).content.decode()
    assert html.index("Older story") < html.index("Newer story")
    assert "Still a draft" not in html
    assert "5 h" in html
    assert _change(older) in html

    client.force_login(reporter)
    assert client.get(reverse("admin:articles_reviewqueueitem_changelist")).status_code == 403


def test_my_stories_filter(client, make_article, reporter, other_reporter):
    make_article("Rita's story", created_by=reporter)
    make_article("Omar's story", created_by=other_reporter)
    client.force_login(reporter)
    html = client.get(
        reverse("admin:articles_article_changelist"), {"whose": "mine"}
    ).content.decode()
    assert "Rita&#x27;s story" in html and "Omar&#x27;s story" not in html


def test_editorial_notes_on_the_story_page(client, story, other_reporter):
    client.force_login(other_reporter)
    client.post(
        reverse("admin:articles_article_note", args=[story.pk]), {"text": "Check the fare table."}
    )
    assert EditorialNote.objects.get(article=story).author == other_reporter
    html = client.get(_change(story)).content.decode()
    assert "Check the fare table." in html


def test_staff_preview_uses_the_public_template(client, story, reporter):
    client.force_login(reporter)
    response = client.get(reverse("admin:articles_article_preview", args=[story.pk]))
    assert response.status_code == 200
    assert "articles/story.html" in [t.name for t in response.templates]
    assert story.headline in response.content.decode()
    assert response["X-Robots-Tag"].startswith("noindex")
    assert not PublishedArticle.objects.exists()


@pytest.mark.parametrize("days", ["\u0661\u0662", "\uff15", "+5", "abc", ""])
def test_a_share_link_for_days_not_in_ascii_digits_lasts_the_default(client, story, reporter, days):
    # int() read "١٢" as 12 and "+5" as 5; "abc" showed Python's "invalid literal" message.
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_share", args=[story.pk]), {"days": days})
    link = PreviewLink.objects.get(article=story)
    assert link.expires_at - link.created_at == timedelta(days=preview.DEFAULT_DAYS)


def test_share_link_works_without_an_account_until_revoked_or_expired(client, story, reporter):
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_share", args=[story.pk]), {"days": 2})
    link = PreviewLink.objects.get(article=story)
    url = reverse("external:shared_preview", args=[preview.signed_token(link)])
    client.logout()

    response = client.get(url)
    assert response.status_code == 200 and story.headline in response.content.decode()
    assert client.get(url[:-3] + "xx/").status_code == 410  # tampered signature
    assert client.get(reverse("external:shared_preview", args=[link.token])).status_code == 410
    with pytest.raises(preview.PreviewLinkError):
        preview.link_for_token(
            preview.signed_token(link), now=link.expires_at + timedelta(seconds=1)
        )

    preview.revoke_preview_link(reporter, link)
    assert client.get(url).status_code == 410


def test_a_refused_publish_keeps_what_the_editor_typed(client, story_in, editor, monkeypatch):
    from sources.standards import WARNING, Finding

    article = story_in("live_in_review")
    findings = [
        Finding("pending_comment", WARNING, "comment_request:1", "Still waiting for the port."),
        Finding("pending_comment", WARNING, "comment_request:2", "Still waiting for the union."),
    ]
    monkeypatch.setattr("sources.admin.story_panels.check_article", lambda a: findings)
    monkeypatch.setattr(standards, "check_article", lambda a: findings)
    client.force_login(editor)
    url = reverse("admin:articles_article_workflow", args=[article.pk])
    response = client.post(
        url,
        {
            "action": "publish",
            "correction_kind": "clarification",
            "correction_text": "This update clarifies who owns the pier.",
            "override_pending_comment:comment_request:1": "The port never answers on Fridays.",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "needs an override reason" in html and "Still waiting for the union." in html
    assert ">This update clarifies who owns the pier.</textarea>" in html
    assert '<option value="clarification" selected>' in html
    assert 'value="The port never answers on Fridays."' in html
    assert not PublishedArticle.objects.get(article=article).corrections
    # Kept once: opening the story again starts with an empty panel.
    html = client.get(_change(article)).content.decode()
    form = html.split('id="workflow-form"')[1].split("</form>")[0]
    assert "This update clarifies who owns the pier." not in form


def test_each_warning_gets_its_own_override_reason(client, story_in, editor, monkeypatch):
    from sources.models import StandardsOverride
    from sources.standards import WARNING, Finding

    article = story_in("in_review")
    findings = [
        Finding("pending_comment", WARNING, "comment_request:1", "Still waiting for the port."),
        Finding("pending_comment", WARNING, "comment_request:2", "Still waiting for the union."),
    ]
    monkeypatch.setattr("sources.admin.story_panels.check_article", lambda a: findings)
    monkeypatch.setattr(standards, "check_article", lambda a: findings)
    client.force_login(editor)
    html = client.get(_change(article)).content.decode()
    assert 'name="override_pending_comment:comment_request:1"' in html
    assert 'name="override_pending_comment:comment_request:2"' in html

    url = reverse("admin:articles_article_workflow", args=[article.pk])
    client.post(
        url,
        {"action": "publish", "override_pending_comment:comment_request:1": "Port: deadline gone."},
    )
    assert not PublishedArticle.objects.filter(article=article).exists()
    client.post(
        url,
        {
            "action": "publish",
            "override_pending_comment:comment_request:1": "Port: deadline gone.",
            "override_pending_comment:comment_request:2": "Union: said it will not comment.",
        },
    )
    assert PublishedArticle.objects.filter(article=article).exists()
    assert {(o.target, o.reason) for o in StandardsOverride.objects.filter(article=article)} == {
        ("comment_request:1", "Port: deadline gone."),
        ("comment_request:2", "Union: said it will not comment."),
    }
