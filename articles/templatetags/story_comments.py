"""The story page's comments panel (templates/admin/articles/article/comments_panel.html):
the threads as the person looking may act on them (articles.admin.comments.panel_context)."""

from django import template

from articles.admin.comments import panel_context

register = template.Library()


@register.inclusion_tag("admin/articles/article/comments_box.html", takes_context=True)
def story_comments(context, article):
    request = context.get("request")
    data = panel_context(article, getattr(request, "user", None))
    return {**data, "request": request, "csrf_token": context.get("csrf_token")}
