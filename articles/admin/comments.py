"""Comments on the text in the admin: the "Open comments" list, and the story page's panel.

Staff only (each address is wrapped in `admin_site.admin_view`). Every rule is in
`articles.collaboration.comments` and `articles.workflow.permissions`; these views read the request, call them and
answer with the panel's threads rendered again (JSON for the page's script,
static/js/admin-story-comments.js, which swaps them in without leaving the page, so nothing
typed in the story form is lost), or a redirect back to the story for a form sent without
script.

- storycomment/                 the open comments on unpublished stories (the admin list)
- storycomment/story/<id>/      GET: the story's threads; POST: a new comment or a reply
- storycomment/thread/<id>/<action>/  POST: edit, delete, resolve or reopen
- storycomment/mentions/?q=Jo   GET: people to suggest after "@" (at most 8, JSON)
- storycomment/story/<id>/notify/  POST text: who the comment would notify, before posting
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator, get_text_list

from articles.collaboration import comments, mentions
from articles.models import Article, StoryComment
from articles.workflow import permissions
from newsroom.ids import parse_id
from newsroom.people import display_name
from newsroom.requests import posted, wants_json

ACTIONS = {
    "edit": lambda user, comment, data: comments.edit_comment(
        user, comment, text=data.get("text", "")
    ),
    "delete": lambda user, comment, data: comments.delete_comment(user, comment),
    "resolve": lambda user, comment, data: comments.resolve_thread(user, comment),
    "reopen": lambda user, comment, data: comments.reopen_thread(user, comment),
}
# Refusals that are not a 400: not allowed, or too many mention mails in the hour.
STATUS = {"forbidden": 403, "too_many_mentions": 429}
DONE = {
    "add": "Comment added.",
    "reply": "Reply added.",
    "edit": "Comment changed.",
    "delete": "Comment deleted.",
    "resolve": "Resolved.",
    "reopen": "Reopened.",
}


def panel_context(article: Article, user) -> dict:
    """What templates/admin/articles/article/comments_threads.html shows to `user`."""
    threads = comments.story_threads(article)
    rows = []
    for thread in threads:
        rows.append(
            {
                "thread": thread,
                "comment": thread.comment,
                "by": display_name(thread.comment.author, "Someone"),
                "mine": permissions.can_change_comment(user, thread.comment),
                "can_resolve": permissions.can_resolve_comment(user, thread.comment),
                "replies": [
                    {
                        "comment": reply,
                        "by": display_name(reply.author, "Someone"),
                        "mine": permissions.can_change_comment(user, reply),
                    }
                    for reply in thread.replies
                ],
            }
        )
    return {
        "comment_article": article,
        "open_threads": [row for row in rows if not row["thread"].resolved],
        "resolved_threads": [row for row in rows if row["thread"].resolved],
        "can_comment": permissions.can_comment(user, article),
    }


def _answer(request, article: Article, *, status=200, error="", done=""):
    if not wants_json(request):
        if error:
            messages.error(request, error)
        elif done:
            messages.success(request, done)
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#comments")
    context = panel_context(article, request.user)
    html = render_to_string(
        "admin/articles/article/comments_threads.html", context, request=request
    )
    return JsonResponse(
        {"html": html, "open": len(context["open_threads"]), "error": error, "done": done},
        status=status,
    )


def _story(request, object_id) -> Article:
    article = Article.objects.filter(pk=parse_id(object_id)).first()
    if article is None or not permissions.can_view(request.user, article):
        raise Http404("There is no story at this address.")
    return article


def story_comments_view(request, object_id):
    """GET: the story's threads. POST: text, and quote/prefix/suffix (a new comment on a
    passage) or parent (a reply)."""
    article = _story(request, object_id)
    if request.method == "GET":
        return _answer(request, article)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    data = posted(request)
    if data is None:
        return _answer(request, article, status=400, error="The comment could not be read.")
    parent = None
    if data.get("parent"):
        parent = StoryComment.objects.filter(
            pk=parse_id(data.get("parent")), article=article
        ).first()
        if parent is None:
            return _answer(request, article, status=400, error="That comment is no longer there.")
    try:
        comment = comments.add_comment(
            request.user,
            article,
            text=data.get("text", ""),
            quote=data.get("quote", ""),
            prefix=data.get("prefix", ""),
            suffix=data.get("suffix", ""),
            parent=parent,
        )
    except comments.CommentError as error:
        status = STATUS.get(error.code, 400)
        return _answer(request, article, status=status, error=str(error))
    return _answer(request, article, done=_done(DONE["reply" if parent else "add"], comment))


def _done(message: str, comment: StoryComment) -> str:
    """The message, with whom the comment mailed (the writer is told, issue 26)."""
    rows = comment.mentions.select_related("user").order_by("pk")
    told = [mentions.known_as(row.user) for row in rows]
    return f"{message} Notified: {get_text_list(told, 'and')}." if told else message


def mention_suggestions_view(request):
    """GET ?q=<prefix>: {"results": [...]} (articles.collaboration.mentions.suggest)."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return JsonResponse({"results": mentions.suggest(request.user, request.GET.get("q", ""))})


def mention_preview_view(request, object_id):
    """POST text: who posting it on the story would notify, and which names need a choice."""
    article = _story(request, object_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    data = posted(request)
    if data is None:
        return JsonResponse({"error": "The comment could not be read."}, status=400)
    return JsonResponse(mentions.preview(request.user, article, data.get("text", "")))


def comment_action_view(request, comment_id, action):
    if action not in ACTIONS:
        raise Http404("No such action.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    comment = (
        StoryComment.objects.select_related("article", "parent")
        .filter(pk=parse_id(comment_id))
        .first()
    )
    if comment is None or not permissions.can_view(request.user, comment.article):
        raise Http404("There is no such comment.")
    data = posted(request)
    if data is None:
        return _answer(request, comment.article, status=400, error="The form could not be read.")
    try:
        ACTIONS[action](request.user, comment, data)
    except comments.CommentError as error:
        status = STATUS.get(error.code, 400)
        return _answer(request, comment.article, status=status, error=str(error))
    return _answer(request, comment.article, done=DONE[action])


@admin.register(StoryComment)
class OpenCommentsAdmin(admin.ModelAdmin):
    """Every open comment thread on a story that is not yet (entirely) public; read only here,
    answered on the story's page."""

    list_display = ["passage", "comment_text", "by", "story", "replies", "created_at"]
    list_display_links = None
    list_filter = ["article__section", "article__state"]
    search_fields = ["text", "quote", "article__headline"]
    list_per_page = 50

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Open comments on unpublished stories", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return (
            comments.open_comments()
            .select_related("article", "author")
            .annotate(reply_count=Count("replies"))
            .order_by("-created_at", "-pk")
        )

    @admin.display(description="passage")
    def passage(self, comment):
        return Truncator(comment.quote).chars(80)

    @admin.display(description="comment")
    def comment_text(self, comment):
        return Truncator(comment.text).chars(120)

    @admin.display(description="by", ordering="author__last_name")
    def by(self, comment):
        return display_name(comment.author, "Someone")

    @admin.display(description="story", ordering="article__headline")
    def story(self, comment):
        url = reverse("admin:articles_article_change", args=[comment.article_id])
        return format_html(
            '<a href="{}#comment-{}">{}</a> <span class="help">{}</span>',
            url,
            comment.pk,
            comment.article.headline,
            comment.article.get_state_display(),
        )

    @admin.display(description="replies", ordering="reply_count")
    def replies(self, comment):
        return comment.reply_count

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "mentions/", wrap(mention_suggestions_view), name="articles_storycomment_mentions"
            ),
            path(
                "story/<path:object_id>/notify/",
                wrap(mention_preview_view),
                name="articles_storycomment_notify",
            ),
            path(
                "story/<path:object_id>/",
                wrap(story_comments_view),
                name="articles_storycomment_story",
            ),
            path(
                "thread/<path:comment_id>/<str:action>/",
                wrap(comment_action_view),
                name="articles_storycomment_action",
            ),
            *super().get_urls(),
        ]

    # Who may see comments is the story's rule; changes go through the story page only.
    def has_module_permission(self, request):
        return permissions.can_view(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
