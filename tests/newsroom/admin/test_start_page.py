"""The admin's start page (/admin/) and its sidebar, as a reporter and an editor see them."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.workflow import desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(make_article, reporter, other_reporter, editor):
    """Rita's drafts (one sent back), stories in review, one scheduled and one just live."""
    now = timezone.now()
    stories = {}
    stories["draft"] = make_article("Library hours cut on Sundays", created_by=reporter)
    stories["sent_back"] = make_article("Bridge repairs run over budget", created_by=reporter)
    workflow.submit_for_review(reporter, stories["sent_back"])
    workflow.request_changes(editor, stories["sent_back"], note="Name the contractor.")
    stories["draft"].save()  # edited after the request: still listed after the sent-back one
    stories["in_review"] = make_article("School bus routes redrawn", created_by=reporter)
    workflow.submit_for_review(reporter, stories["in_review"])
    stories["others"] = make_article("Harbor dredging starts", created_by=other_reporter)
    workflow.submit_for_review(other_reporter, stories["others"])
    stories["others_draft"] = make_article("Zoo gets two otters", created_by=other_reporter)
    stories["scheduled"] = make_article("Council votes on budget", created_by=reporter)
    workflow.submit_for_review(reporter, stories["scheduled"])
    workflow.publish(editor, stories["scheduled"], at=now + timedelta(hours=3))
    stories["live"] = make_article("Tram line opens", created_by=reporter)
    workflow.submit_for_review(reporter, stories["live"])
    workflow.publish(editor, stories["live"])
    return stories


def _section(html: str, key: str) -> str:
    match = re.search(rf'<section class="desk-list desk-{key}".*?</section>', html, re.S)
    assert match, f"no {key} list on the page"
    return match.group(0)


def _change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def test_a_reporter_sees_their_own_desk_with_sent_back_drafts_first(client, reporter, newsroom):
    client.force_login(reporter)
    html = client.get(reverse("admin:index")).content.decode()

    drafts = _section(html, "drafts")
    assert drafts.index("Bridge repairs run over budget") < drafts.index("Library hours cut")
    assert drafts.count("Changes requested") == 1
    assert f'href="{_change_url(newsroom["sent_back"])}"' in drafts
    assert "Zoo gets two otters" not in html  # someone else's draft

    review = _section(html, "review")
    assert "School bus routes redrawn" in review
    assert "Harbor dredging starts" not in review
    assert "Council votes on budget" in _section(html, "scheduled")
    assert "Tram line opens" in _section(html, "published")
    assert f'href="{reverse("admin:articles_article_changelist")}?whose=mine"' in html
    assert "New story" in html


def test_an_editor_sees_the_whole_review_queue_oldest_first_with_who_waits(
    client, editor, newsroom
):
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    review = _section(html, "review")
    assert review.index("School bus routes redrawn") < review.index("Harbor dredging starts")
    assert "Rita Reyes" in review and "waiting" in review
    assert '<span class="desk-count">2</span>' in review
    assert "Review queue" in html


def test_an_empty_desk_says_so(client, reporter):
    client.force_login(reporter)
    html = client.get(reverse("admin:index")).content.decode()
    assert "No drafts of yours." in html
    assert "Nothing is scheduled." in html


def test_each_list_is_one_query_however_many_stories(
    make_article, reporter, editor, newsroom, django_assert_num_queries
):
    for n in range(12):
        make_article(f"Extra draft number {n}", created_by=reporter)
    fresh = type(reporter).objects.get(pk=reporter.pk)
    # Two to read the user's permissions (once), then one per list.
    with django_assert_num_queries(7):
        lists = desk.desk(fresh)
    drafts = lists[0]
    assert drafts.total == 14 and len(drafts.items) == desk.LIMIT
    assert drafts.items[0].headline == "Bridge repairs run over budget"


def test_the_start_page_costs_the_same_with_more_stories(
    client, make_article, editor, newsroom, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("admin:index"))
    for n in range(10):
        story = make_article(f"Another story in review {n}", created_by=editor)
        workflow.submit_for_review(editor, story)
    with django_assert_num_queries(len(before.captured_queries)):
        response = client.get(reverse("admin:index"))
    assert '<span class="desk-count">12</span>' in _section(response.content.decode(), "review")


def _sidebar_names(client) -> str:
    # The story list and story page have no app sidebar (they need the width): read it on
    # the sources list.
    return client.get(reverse("admin:sources_source_changelist")).content.decode()


def test_the_sidebar_speaks_of_stories_and_hides_records_from_reporters(client, reporter):
    client.force_login(reporter)
    html = _sidebar_names(client)
    sidebar = re.search(r'<nav class="sticky" id="nav-sidebar".*?</nav>', html, re.S).group(0)
    assert ">Stories</a>" in sidebar and ">My stories</a>" in sidebar and ">Tags</a>" in sidebar
    assert "Taggit" not in sidebar and "Articles" not in sidebar
    assert "Public snapshots" not in sidebar and "Workflow events" not in sidebar
    # Tags sit under Stories.
    stories = re.search(r'<div class="app-articles .*?</div>', sidebar, re.S).group(0)
    assert ">Tags</a>" in stories
    stories_list = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "<h1>Stories</h1>" in stories_list and "New story" in stories_list
    assert "Add article" not in stories_list


def test_admins_find_the_records_under_one_heading(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    records = re.search(r'<div class="app-records .*?</div>', html, re.S).group(0)
    for name in ("Public snapshots", "Workflow events", "Standards overrides", "Access logs"):
        assert name in records
    assert client.get(reverse("admin:articles_publishedarticle_changelist")).status_code == 200


def test_my_stories_is_one_click_from_the_story_list(client, reporter, newsroom):
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    link = f"{reverse('admin:articles_article_changelist')}?whose=mine"
    assert f'href="{link}" class="story-list-toggle">My stories' in html
    mine = client.get(link).content.decode()
    assert "<h1>My stories</h1>" in mine
    assert "Library hours cut on Sundays" in mine and "Zoo gets two otters" not in mine


def test_stories_with_findings_are_listed_for_who_can_act_on_them(
    client, make_article, reporter, editor
):
    from sources.models import Attribution, Source

    clean = make_article("Library hours return to normal", created_by=reporter)
    workflow.save_article(reporter, clean, expected_version=clean.version)
    unsourced = make_article(
        "Dock strike talks resume",
        body="<p>“We are close to a deal, closer than anyone thinks,” a union leader said.</p>",
        created_by=reporter,
    )
    Attribution.objects.create(
        article=unsourced,
        source=Source.objects.create(name="Union steward"),
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a union leader",
    )
    workflow.save_article(reporter, unsourced, expected_version=unsourced.version)
    unsourced.refresh_from_db()
    assert unsourced.findings_to_fix >= 2  # the quote is unattributed; anonymity has no reason
    clean.refresh_from_db()
    assert clean.findings_to_fix == 0

    # The reporter sees their own story with its count; the editor not until it is in review.
    found = desk.with_findings(reporter)
    assert [story.headline for story in found.items] == ["Dock strike talks resume"]
    assert desk.with_findings(editor).items == []
    workflow.submit_for_review(reporter, unsourced)
    assert [story.pk for story in desk.with_findings(editor).items] == [unsourced.pk]

    client.force_login(editor)
    html = _section(client.get(reverse("admin:index")).content.decode(), "findings")
    assert "Dock strike talks resume" in html
    assert f"{unsourced.findings_to_fix} to fix" in html
    assert "Library hours return to normal" not in html
