"""The public change log: what readers are told changed, and what a typo fix leaves alone."""

import json
import re
from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import PublishedArticle, StoryVersion
from articles.versions.classify import Words, classify

from .conftest import BODY

pytestmark = pytest.mark.django_db

FIRST_CORRECTION = {"kind": "correction", "text": "The board met on Monday, not Tuesday."}
SECOND_CORRECTION = {"kind": "correction", "text": "The old fare was $2.75, not $3.00."}


def _jsonld(snapshot: PublishedArticle) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', snapshot.head_html)
    return json.loads(found.group(1))


def test_a_story_corrected_twice_shows_its_public_change_log(client, live_story, republish, clock):
    first_at, second_at = clock + timedelta(hours=2), clock + timedelta(hours=5)
    republish(
        live_story,
        at=first_at,
        correction=FIRST_CORRECTION,
        body=BODY + "<p>Riders can buy a monthly pass for $90.</p>",
    )
    snapshot = republish(
        live_story,
        at=second_at,
        correction=SECOND_CORRECTION,
        headline="Ferry fares rise 50 cents, the first increase in a decade",
    )

    page = client.get(snapshot.url_path).content.decode()
    log = page[page.index('class="story-changes"') :]
    log = log[: log.index("</details>")]
    # Newest first, each with what changed in substance.
    assert log.index("A correction was added; Headline changed") < log.index(
        "A correction was added; New text: 1 paragraph added"
    )
    assert "(it was “Ferry fares rise for the first time in a decade”)" in log
    assert "Updated <time" in page
    assert snapshot.updated_at == second_at
    assert _jsonld(snapshot)["dateModified"] == second_at.isoformat()

    versions = client.get(snapshot.url_path + "versions/").content.decode()
    for number in (1, 2, 3):
        assert f'id="version-{number}"' in versions
    assert "First published" in versions
    assert versions.count("A correction was added") == 2


def test_a_typo_fix_is_logged_but_not_announced_and_keeps_date_modified(
    client, live_story, republish, clock
):
    updated = republish(
        live_story,
        at=clock + timedelta(hours=1),
        correction=FIRST_CORRECTION,
    ).updated_at
    typo_body = BODY.replace("transit board decided", "transit bord decided")
    snapshot = republish(live_story, at=clock + timedelta(days=2), body=typo_body)

    assert "transit bord decided" in snapshot.body_text  # readers get the new words …
    assert snapshot.updated_at == updated  # … but not a new "Updated" time
    assert _jsonld(snapshot)["dateModified"] == updated.isoformat()
    assert [entry["version"] for entry in snapshot.changes] == [2]
    version = StoryVersion.objects.get(article=live_story, number=3)
    assert version.kind == "typo" and version.changes == []

    versions = client.get(snapshot.url_path + "versions/").content.decode()
    assert "typo fix, not announced" in versions
    sitemap = client.get("/sitemap-stories-1.xml").content.decode()
    lastmod = re.search(r"<lastmod>([^<]+)</lastmod>", sitemap).group(1)
    assert lastmod.startswith(f"{updated.astimezone(UTC):%Y-%m-%d}")  # not the typo fix's day


def test_a_typo_fix_alone_shows_no_updated_stamp(client, live_story, republish, clock):
    snapshot = republish(
        live_story,
        at=clock + timedelta(hours=6),
        body=BODY.replace("first increase", "frist increase"),
    )
    page = client.get(snapshot.url_path).content.decode()
    assert "frist increase" in page
    assert "Updated <time" not in page
    assert 'class="story-changes"' not in page
    assert snapshot.updated_at == snapshot.published_at


def test_a_republish_with_the_same_words_records_no_version(live_story, republish, clock):
    snapshot = republish(
        live_story, at=clock + timedelta(hours=1), how_we_reported="We read the minutes."
    )
    assert "We read the minutes." in snapshot.article_html
    assert list(live_story.versions.values_list("number", flat=True)) == [1]
    assert snapshot.updated_at == clock


def _words(headline="Fares rise", dek="Commuters will pay more.", body=("One.", "Two.")):
    return Words(headline=headline, dek=dek, body=list(body))


@pytest.mark.parametrize(
    ("old", "new", "told"),
    [
        (_words(), _words(dek="Commuters will not pay more."), ["Summary changed"]),
        (_words(body=("One.", "It cost $3m.")), _words(body=("One.", "It cost $8m.")),
         ["Text revised: 1 paragraph"]),
        (_words(), _words(body=("One.", "Two.", "Three.")), ["New text: 1 paragraph added"]),
        (_words(), _words(body=("Two.",)), ["Text removed: 1 paragraph"]),
        (_words(), _words(headline="Fares fall"), ["Headline changed (it was “Fares rise”)"]),
        # Each small, but five edits in all is more than a typo fix.
        (_words(), _words(dek="Comuters wil pay more", body=("On.", "Tw.")),
         ["Summary changed", "Text revised: 2 paragraphs"]),
    ],
)  # fmt: skip
def test_what_counts_as_a_change_in_substance(old, new, told):
    result = classify(old, new)
    assert result.kind == "update"
    assert result.changes == told


def test_a_typo_fix_in_dek_and_body_together_is_still_a_typo_fix():
    result = classify(_words(), _words(dek="Commuters will pay mor.", body=("One", "Two.")))
    assert result.kind == "typo" and result.changes == []


def test_draft_text_never_published_is_on_no_public_address(client, live_story, editor, clock):
    live_story.refresh_from_db()
    live_story.body = "<p>UNPUBLISHED DRAFT: the mayor resigns.</p>"
    workflow.save_article(editor, live_story, expected_version=live_story.version, now=clock)
    snapshot = PublishedArticle.objects.get(article=live_story)
    for address in (
        snapshot.url_path,
        snapshot.url_path + "versions/",
        snapshot.url_path + "versions/1/text.txt",
        snapshot.url_path + "versions/2/text.txt",
    ):
        assert "UNPUBLISHED DRAFT" not in client.get(address).content.decode()
    checked = client.post("/verify/", {"text": "Ferry fares rise\n\nUNPUBLISHED DRAFT"})
    assert "matches no published version" in checked.content.decode()
    assert not StoryVersion.objects.filter(text__contains="UNPUBLISHED").exists()


def test_a_scheduled_copy_that_is_cancelled_leaves_no_version(client, make_article, editor):
    clock = timezone.now()
    article = make_article("Bridge closes for repairs", body="<p>SCHEDULED WORDS here.</p>")
    workflow.submit_for_review(editor, article, now=clock)
    workflow.publish(editor, article, at=clock + timedelta(hours=3), now=clock)
    assert article.versions.count() == 1  # signed ahead, not public until its time
    workflow.cancel_schedule(editor, article, now=clock + timedelta(hours=1))
    assert article.versions.count() == 0
    checked = client.post("/verify/", {"text": "Bridge closes for repairs\nSCHEDULED WORDS here."})
    assert "matches no published version" in checked.content.decode()
