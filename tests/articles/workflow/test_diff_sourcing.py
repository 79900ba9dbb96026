"""The diff page: what it compares by default, and attribution and correction changes."""

import json

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import ArticleRevisionMeta
from articles.workflow import revisions
from sources.models import (
    Attribution,
    AttributionConfidential,
    Correction,
    Source,
    SourceConfidential,
)

pytestmark = pytest.mark.django_db


def _edit(user, article, comment="", **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    return workflow.save_article(user, article, expected_version=article.version, comment=comment)


def _diff_page(client, article, **params) -> str:
    response = client.get(reverse("admin:articles_article_diff", args=[article.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_attribution_and_correction_changes_appear_in_the_diff(client, story, reporter):
    mayor = Source.objects.create(name="Ana Ruiz", descriptor="Mayor of Harborview")
    Attribution.objects.create(
        article=story, source=mayor, kind="quoted", quote="Fares must rise.", position=1
    )
    Correction.objects.create(article=story, text="An earlier version misstated the fare.")
    _edit(reporter, story, dek="A dek and a source.")

    client.force_login(reporter)
    html = _diff_page(client, story)
    assert "Attributions" in html and "Corrections" in html
    assert "<ins>Quoted — Ana Ruiz: “Fares must rise.”</ins>" in html
    assert "An earlier version misstated the fare." in html


def test_revisions_never_keep_confidential_sourcing(story, reporter):
    """An anonymous source linked to the registry is named by its public descriptor only:
    neither the registry name, its confidential record nor the grant's reasons are kept."""
    insider = Source.objects.create(name="Pat Quill", descriptor="deputy harbor master")
    SourceConfidential.objects.create(
        source=insider, real_identity="Patricia Quill-Secret", contact_details="555-0199"
    )
    attribution = Attribution.objects.create(
        article=story,
        source=insider,
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a harbor official",
        anonymity_reason="because they were not authorized to speak",
    )
    AttributionConfidential.objects.create(
        attribution=attribution, internal_justification="Secret reason 42", basis="was there"
    )
    _edit(reporter, story, dek="With an unnamed official.")

    kept = json.dumps(list(ArticleRevisionMeta.objects.values("attributions", "corrections")))
    assert "a harbor official" in kept
    for secret in ("Pat Quill", "Patricia Quill-Secret", "555-0199", "Secret reason 42"):
        assert secret not in kept


def test_diff_defaults_to_since_changes_were_requested(client, story, reporter, editor):
    workflow.submit_for_review(reporter, story)
    _edit(editor, story, dek="The editor's dek, during review.")
    workflow.request_changes(editor, story, note="Tighten the top.")
    _edit(reporter, story, headline="A tighter headline")
    _edit(reporter, story, body="<p>A tighter top.</p>")

    choices = revisions.diff_choices(story, revisions.numbered_versions(story))
    assert [c.key for c in choices] == ["changes_requested", "submitted", "last"]

    client.force_login(reporter)
    html = _diff_page(client, story)
    assert 'class="diff-shown">Since changes were requested<' in html
    # Both of the reporter's saves since the request, not only the last one.
    assert "tighter" in html.split("Headline", 1)[1]
    assert "<ins>A tighter top</ins>" in html
    # The editor's dek came before the request: not part of this comparison.
    assert "<h3>Dek</h3>" not in html
    # The other comparisons are offered.
    assert "?since=submitted" in html and "?since=last" in html
    last_two = _diff_page(client, story, since="last")
    assert 'class="diff-shown">The last two revisions<' in last_two
    assert "<h3>Headline</h3>" not in last_two


def test_diff_defaults_to_since_submitted_when_that_came_last(client, story, reporter, editor):
    workflow.submit_for_review(reporter, story)
    workflow.request_changes(editor, story, note="Fix the dek.")
    _edit(reporter, story, dek="A fixed dek.")
    workflow.submit_for_review(reporter, story)
    _edit(editor, story, headline="An editor's headline")
    _edit(editor, story, body="<p>An editor's body.</p>")

    client.force_login(editor)
    html = _diff_page(client, story)
    assert 'class="diff-shown">Since it was submitted for review<' in html
    assert "<h3>Headline</h3>" in html and "<h3>Body</h3>" in html
    assert "<h3>Dek</h3>" not in html


def test_a_story_never_submitted_compares_its_last_two_revisions(client, story, reporter):
    _edit(reporter, story, dek="Second dek")
    client.force_login(reporter)
    html = _diff_page(client, story)
    assert 'class="diff-shown">The last two revisions<' in html
    assert "?since=submitted" not in html


def test_after_a_resubmit_the_diff_opens_on_the_changes_since_the_request(
    client, story, reporter, editor
):
    workflow.submit_for_review(reporter, story)
    workflow.request_changes(editor, story, note="Link the minutes.")
    _edit(
        reporter,
        story,
        body='<p>The harbor ferry will <a href="https://x.example/m">cost more</a>.</p>',
    )
    workflow.submit_for_review(reporter, story)  # nothing changed since this resubmit

    client.force_login(editor)
    html = _diff_page(client, story)
    assert 'class="diff-shown">Since changes were requested<' in html
    assert "(link: https://x.example/m)</span></ins>" in html
    assert "diff-nothing" not in html


def test_a_word_made_bold_shows_in_the_diff_and_rewritten_markup_does_not():
    rows = revisions.body_diff(
        '<p>Fares <em>rise</em>.</p><p class="lead">Same words.</p>',
        "<p>Fares <strong>rise</strong>.</p>\n<p>Same words.</p>",
    )
    assert [row["op"] for row in rows] == ["replace", "equal"]
    assert "<ins><strong>rise</strong></ins>" in rows[0]["html"]
    assert "<del><em>rise</em></del>" in rows[0]["html"]
    assert revisions.body_diff("<p>Same.</p>", "<p>Same.</p>\n") is None


def test_the_diff_offers_what_changed_since_you_last_opened_the_story(
    client, story, reporter, editor
):
    story_page = reverse("admin:articles_article_change", args=[story.pk])
    _edit(editor, story, dek="A dek the editor saw.")
    client.force_login(editor)
    assert "?since=opened" not in _diff_page(client, story)  # never opened yet
    assert client.get(story_page).status_code == 200
    _edit(reporter, story, headline="A headline written while the editor was away")
    _edit(reporter, story, body="<p>A new top.</p>")
    assert client.get(story_page).status_code == 200  # the editor comes back

    html = _diff_page(client, story)
    assert 'class="diff-shown">Since you last opened it<' in html
    assert "<h3>Headline</h3>" in html and "<ins>A new top</ins>" in html
    assert "<h3>Dek</h3>" not in html  # saved before the editor last looked
    # Per person: the reporter never opened the page, so is not offered it.
    client.force_login(reporter)
    assert "?since=opened" not in _diff_page(client, story)
