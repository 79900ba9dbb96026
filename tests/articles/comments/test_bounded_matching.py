"""One comment cannot freeze the story page (issue 19, finding 2): finding a passage again
does a bounded amount of work whatever the text repeats, it runs when a comment is made and
once per save (never per page view), and a search that runs out of budget orphans the
comment with its words."""

import json
import random

import pytest
from django.urls import reverse

from articles import workflow
from articles.collaboration import comments, passages
from articles.collaboration.comments import CommentError
from articles.collaboration.passages import Work, common_letters, find_passage, likeness
from articles.models import StoryComment

REPETITIVE = "<p>" + "ab " * 600 + "</p>"
LONG_REPETITIVE = "<p>" + "ab " * 2000 + "</p>"


def probe_quote(length: int) -> str:
    """A passage of the repetitive body with one letter changed: only a tolerant match finds it."""
    quote = ("ab " * 200)[:length]
    return quote[: length // 2] + "X" + quote[length // 2 + 1 :]


def _lcs(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0
        for j, y in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def test_common_letters_is_the_longest_common_subsequence():
    rng = random.Random(19)
    for _ in range(300):
        a = "".join(rng.choice("ab c") for _ in range(rng.randint(1, 70)))
        b = "".join(rng.choice("abc d") for _ in range(rng.randint(0, 90)))
        assert common_letters(a, b) == _lcs(a, b), (a, b)
    assert likeness("voted 7-2", "voted 7-2") == 1.0
    assert likeness("abc", "xyz") == 0.0


@pytest.mark.parametrize(
    "html, length", [(REPETITIVE, 92), (REPETITIVE, 200), (LONG_REPETITIVE, 200), (REPETITIVE, 500)]
)
def test_the_issues_probe_does_bounded_work(html, length):
    # Before: every pair of seed occurrences was compared with difflib (about 30,000
    # comparisons of 92 characters here; 40 s in process), now at most MAX_COMPARISONS.
    work = Work()
    anchor = find_passage(
        passages.body_text(html), probe_quote(length), "ab ab ", " ab ab", work=work
    )
    assert anchor is not None and not anchor.exact
    assert work.comparisons <= passages.MAX_COMPARISONS
    assert work.cells <= passages.WORK_BUDGET
    assert work.occurrences <= 4 * passages.MAX_SEEDS
    assert work.candidates <= 2 * passages.MAX_SEEDS * (passages.MAX_SEEDS + 1)


def test_exact_occurrences_looked_at_are_bounded():
    work = Work()
    text = passages.body_text("<p>" + "ab " * 5000 + "</p>")
    anchor = find_passage(text, "ab ab", "zz", "zz", work=work)
    assert anchor is not None and anchor.exact
    assert work.occurrences <= passages.MAX_OCCURRENCES


def test_a_search_out_of_budget_orphans_the_comment_with_its_words(monkeypatch):
    monkeypatch.setattr(passages, "WORK_BUDGET", 1000)
    work = Work()
    text = passages.body_text(REPETITIVE)
    assert find_passage(text, probe_quote(200), "ab ab ", " ab ab", work=work) is None
    assert work.exhausted and work.cells <= 1000


def test_the_nearest_of_equal_occurrences_keeps_the_comment():
    text = "one two three. one two three. one two three."
    assert find_passage(text, "two three", near=15).start == 19
    assert find_passage(text, "two three").start == 4


# --- with the database -----------------------------------------------------------------------


@pytest.fixture
def repetitive_draft(make_article, reporter):
    article = make_article(body=REPETITIVE, created_by=reporter)
    workflow.save_article(reporter, article, expected_version=article.version)
    return article


def _count_searches(monkeypatch) -> list:
    calls = []
    real = comments.find_passage

    def counting(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(comments, "find_passage", counting)
    return calls


@pytest.mark.django_db
def test_the_passage_is_found_when_made_and_once_per_save_never_per_view(
    client, repetitive_draft, reporter, editor, monkeypatch
):
    calls = _count_searches(monkeypatch)
    quote = probe_quote(200)
    made = comments.add_comment(
        reporter, repetitive_draft, text="Check.", quote=quote, prefix="ab ab ", suffix=" ab ab"
    )
    assert len(calls) == 1 and made.anchor_start is not None
    assert made.anchored_version == repetitive_draft.version
    client.force_login(editor)
    page = reverse("admin:articles_article_change", args=[repetitive_draft.pk])
    panel = reverse("admin:articles_storycomment_story", args=[repetitive_draft.pk])
    for _ in range(3):
        assert client.get(page).status_code == 200
        assert client.get(panel, HTTP_ACCEPT="application/json").status_code == 200
    assert len(calls) == 1
    workflow.save_article(reporter, repetitive_draft, expected_version=repetitive_draft.version)
    assert len(calls) == 2
    made.refresh_from_db()
    assert made.anchored_version == repetitive_draft.version
    thread = comments.story_threads(repetitive_draft)[0]
    assert thread.anchor is not None and not thread.orphaned
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_save_that_went_unannounced_is_caught_up_once(repetitive_draft, reporter, monkeypatch):
    made = comments.add_comment(reporter, repetitive_draft, text="Check.", quote="ab ab ab")
    type(repetitive_draft).objects.filter(pk=repetitive_draft.pk).update(
        body="<p>Rewritten entirely.</p>", version=repetitive_draft.version + 1
    )
    repetitive_draft.refresh_from_db()
    calls = _count_searches(monkeypatch)
    assert comments.story_threads(repetitive_draft)[0].orphaned
    assert comments.story_threads(repetitive_draft)[0].orphaned
    assert len(calls) == 1
    made.refresh_from_db()
    assert made.anchor_start is None and made.anchored_version == repetitive_draft.version


@pytest.mark.django_db
def test_quotes_and_surroundings_longer_than_the_editor_sends_are_refused(
    client, repetitive_draft, reporter
):
    long = "ab " * 200
    with pytest.raises(CommentError) as refused:
        comments.add_comment(reporter, repetitive_draft, text="x", quote=long)
    assert refused.value.code == "quote_too_long" and "at most 500" in str(refused.value)
    for side in ("prefix", "suffix"):
        with pytest.raises(CommentError) as refused:
            comments.add_comment(
                reporter, repetitive_draft, text="x", quote="ab ab", **{side: "c" * 501}
            )
        assert refused.value.code == "context_too_long"
    client.force_login(reporter)
    url = reverse("admin:articles_storycomment_story", args=[repetitive_draft.pk])
    answer = client.post(url, {"text": "x", "quote": long}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 400 and "shorter passage" in json.loads(answer.content)["error"]
    assert not StoryComment.objects.exists()
