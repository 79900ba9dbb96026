"""A live story plans like any story: its plan's draft is made live, filed on, published."""

from articles.live import coverage as live_coverage
from articles.live import entries
from articles.models import EntryStatus
from articles.planning import changes


def test_a_planned_story_becomes_live_coverage(editor, reporter, section):
    plan = changes.create_plan(
        editor, slug="verdict-live", budget_line="The jury's verdict, as it comes.", section=section
    )
    article = changes.start_draft(editor, plan)
    coverage = live_coverage.make_live(user=editor, article=article)
    live_coverage.move(user=editor, coverage=coverage, action=live_coverage.START)
    entry = entries.file_entry(user=reporter, coverage=coverage, body="<p>The jury is out.</p>")
    entries.publish_entry(user=editor, entry=entry)
    plan.refresh_from_db()
    assert plan.article == article and article.live == coverage
    assert entry.status == EntryStatus.PUBLISHED
