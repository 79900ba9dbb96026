"""Where a story's review chain stands, in the lists: the story list's "Sign-offs" column,
the review queue's, and the start page's "Waiting for review" items say "Legal: waiting",
"Standards: waiting, signed 1 of 3", "Signed 3 of 3" (review_chains.chain_summaries). The
lists cost the same number of queries with 1 and with 10 chained stories."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import workflow
from articles.models import ReviewStep
from articles.review import chains as review_chains
from articles.review import signoffs
from articles.workflow.revisions import record_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(make_article, reporter, investigations):
    """Make an Investigations story by `reporter`, in review."""
    count = [0]

    def make(headline=None, **fields):
        count[0] += 1
        fields.setdefault("section", investigations)
        article = make_article(
            headline or f"Harbor contractor billed the city twice, part {count[0]}",
            created_by=reporter,
            body="<p>The contractor billed the city twice for the same work.</p>",
            **fields,
        )
        record_revision(article, user=reporter, comment="Created")
        workflow.submit_for_review(reporter, article)
        return article

    return make


def summary_text(article) -> str | None:
    found = review_chains.chain_summaries([article]).get(article.pk)
    return found.text if found else None


def test_the_summary_follows_the_chain_step_by_step(
    in_review, chain, lawyer, standards_editor, editor
):
    legal, standards, managing = chain
    story = in_review()
    assert summary_text(story) == "Legal: waiting, signed 0 of 3"
    signoffs.sign_off(lawyer, story, step=legal, decision="approve")
    assert summary_text(story) == "Standards: waiting, signed 1 of 3"
    signoffs.sign_off(standards_editor, story, step=standards, decision="reject", note="Source?")
    assert summary_text(story) == "Standards: rejected"
    signoffs.sign_off(standards_editor, story, step=standards, decision="approve")
    signoffs.sign_off(editor, story, step=managing, decision="approve")
    assert summary_text(story) == "Signed 3 of 3"
    summary = review_chains.chain_summaries([story])[story.pk]
    assert summary.status == "signed" and summary.signed == 3


def test_an_edit_that_reopens_the_steps_shows_them_waiting_again(
    in_review, chain, lawyer, standards_editor, editor
):
    story = in_review()
    signoffs.sign_off(lawyer, story, step=chain[0], decision="approve")
    signoffs.sign_off(standards_editor, story, step=chain[1], decision="approve")
    assert summary_text(story) == "Managing editor: waiting, signed 2 of 3"
    story.body = "<p>The contractor billed the city twice for the same dredging.</p>"
    workflow.save_article(editor, story, expected_version=story.version)
    assert summary_text(story) == "Legal: waiting, signed 0 of 3"


def test_a_chain_of_one_step_says_its_name(in_review, investigations, lawyer):
    legal = ReviewStep.objects.create(
        section=investigations, position=1, name="Legal", group=Group.objects.get(name="Legal")
    )
    story = in_review()
    assert summary_text(story) == "Legal: waiting"
    signoffs.sign_off(lawyer, story, step=legal, decision="approve")
    assert summary_text(story) == "Legal: signed"


def test_stories_without_a_chain_or_published_have_no_summary(
    in_review, make_article, chain, section, editor, lawyer, standards_editor
):
    city = in_review(section=section)  # City has no chain
    no_section = make_article("Without a section", section=None)
    published = in_review()
    for step, who in zip(chain, (lawyer, standards_editor, editor), strict=True):
        signoffs.sign_off(who, published, step=step, decision="approve")
    workflow.publish(editor, published)
    assert review_chains.chain_summaries([city, no_section, published]) == {}


def test_many_stories_cost_two_queries(in_review, chain, lawyer, django_assert_num_queries):
    stories = [in_review() for _ in range(6)]
    signoffs.sign_off(lawyer, stories[2], step=chain[0], decision="approve")
    with django_assert_num_queries(2):
        summaries = review_chains.chain_summaries(stories)
    assert [summaries[s.pk].signed for s in stories] == [0, 0, 1, 0, 0, 0]


def test_the_lists_show_the_chain_state(client, in_review, chain, lawyer, editor, section):
    story = in_review("Harbor contractor billed the city twice")
    signoffs.sign_off(lawyer, story, step=chain[0], decision="approve")
    in_review("Ferry timetable changes in March", section=section)  # no chain
    client.force_login(editor)
    story_list = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert ">Sign-offs<" in story_list
    assert (
        '<span class="review-badge review-badge-waiting chain-summary">'
        "Standards: waiting, signed 1 of 3</span>" in story_list
    )
    queue = client.get(reverse("admin:articles_reviewqueueitem_changelist")).content.decode()
    assert "Standards: waiting, signed 1 of 3" in queue
    assert queue.count("chain-summary") == 1  # the City story has none
    start = client.get(reverse("admin:index")).content.decode()
    review_list = start[start.index("Waiting for review") :]
    assert "Standards: waiting, signed 1 of 3" in review_list[: review_list.index("</ul>")]


@pytest.mark.parametrize(
    "address",
    [
        "admin:articles_article_changelist",
        "admin:articles_reviewqueueitem_changelist",
        "admin:index",
    ],
)
def test_each_list_costs_the_same_with_1_and_10_chained_stories(
    client, in_review, chain, lawyer, editor, address
):
    first = in_review()
    signoffs.sign_off(lawyer, first, step=chain[0], decision="approve")
    client.force_login(editor)
    url = reverse(address)
    client.get(url)  # warm: sessions, content types

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(9):
        story = in_review()
        if n % 3 == 0:
            signoffs.sign_off(lawyer, story, step=chain[0], decision="approve")
    with CaptureQueriesContext(connection) as ten:
        page = client.get(url).content.decode()
    assert page.count("chain-summary") == (8 if address == "admin:index" else 10)
    assert len(ten.captured_queries) == len(one.captured_queries)
