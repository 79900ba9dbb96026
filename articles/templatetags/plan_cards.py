"""Template filters for the story budget's cards (templates/admin/articles/planning/)."""

from django import template

from articles import planning

register = template.Library()


@register.filter
def story_state(plan, now):
    """(key, label) of the story started from `plan`, or None (no query: see planning)."""
    return planning.story_state(plan.article if plan.article_id else None, now=now)


@register.filter
def plan_flags(plan, now):
    """[(key, sentence)]: copy overdue, planned time passed (no query: see planning)."""
    return planning.plan_flags(plan, now=now)
