"""The live coverage box's buttons (`panels/live.py`): each names its service in
`articles.live` and how the posted fields become its arguments. A refusal is shown as the
page's error message, and what was typed waits in the session so the box shows it again.

- <story>/live/                  POST live_action=make_live|start|end|open|close|file|publish
- <story>/live/entries/<id>/     POST live_action=publish|save|save_publish|pin|unpin|key|unkey|
                                 up|down|delete|break_out|add_source|remove_source|approve_source

An entry's sources (`source_name`, `source_anonymous`, `source_descriptor`, `source_reason`,
`source_kind`) are the sources app's, asked through `articles.sourcing`; its picture
(`image`, an id of the library) is checked by `articles.live.pictures`; its outside player
(`embed`, an address, with `embed_caption` and `embed_credit`) is read by
`articles.live.text.embed_figure`.
Staff only (admin_view); who may do what is checked by the services.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html

from articles.admin.story.panels.live import draft_key
from articles.live import breakout, entries, pictures
from articles.live import coverage as live_coverage
from articles.live.coverage import coverage_of
from articles.models import Article, LiveEntry
from articles.sourcing import answers as sourcing
from articles.workflow import permissions
from articles.workflow.errors import WorkflowError
from newsroom.ids import parse_id

TYPED = (
    "headline",
    "text",
    "correction",
    "link",
    "image",
    "embed",
    "embed_caption",
    "embed_credit",
    "source_name",
    "source_anonymous",
    "source_descriptor",
    "source_reason",
    "source_kind",
)


def _typed(data) -> dict:
    return {name: str(data.get(name, "")).replace("\x00", "") for name in TYPED}


def _sources(typed: dict) -> list[dict]:
    """The source typed in the composer (none when its fields are blank)."""
    if not (typed["source_name"].strip() or typed["source_anonymous"]):
        return []
    return [
        {
            "name": typed["source_name"],
            "anonymous": bool(typed["source_anonymous"]),
            "descriptor": typed["source_descriptor"],
            "reason": typed["source_reason"],
            "kind": typed["source_kind"],
        }
    ]


def _file(publish: bool):
    def run(user, article, coverage, data):
        typed = _typed(data)
        linked = breakout.story_at_address(typed["link"]) if typed["link"].strip() else None
        return entries.file_entry(
            user=user,
            coverage=coverage,
            headline=typed["headline"],
            body=typed["text"],
            correction=typed["correction"],
            linked_story=linked,
            sources=_sources(typed),
            image=pictures.chosen_image(typed["image"]),
            embed=typed["embed"],
            embed_caption=typed["embed_caption"],
            embed_credit=typed["embed_credit"],
            publish=publish,
        )

    return run


def _move(action):
    return lambda user, article, coverage, data: live_coverage.move(
        user=user, coverage=coverage, action=action, closing_note=data.get("closing_note", "")
    )


# action: (service, success message, keeps typed text when refused)
COVERAGE_ACTIONS = {
    "make_live": (
        lambda user, article, coverage, data: live_coverage.make_live(user=user, article=article),
        "The story is live: start the coverage when the first entry is ready.",
        False,
    ),
    "start": (_move(live_coverage.START), "Coverage started.", False),
    "end": (_move(live_coverage.END), "Coverage ended: the stream is frozen.", False),
    "open": (
        lambda user, article, coverage, data: live_coverage.open_to_reporters(
            user=user, coverage=coverage, opened=True
        ),
        "Reporters now publish their own entries on this story.",
        False,
    ),
    "close": (
        lambda user, article, coverage, data: live_coverage.open_to_reporters(
            user=user, coverage=coverage, opened=False
        ),
        "Reporters' entries go to an editor again.",
        False,
    ),
    "file": (_file(False), "Entry filed for an editor.", True),
    "publish": (_file(True), "Entry published.", True),
}


def _edit(publish: bool):
    def run(user, entry, data):
        typed = _typed(data)
        return entries.edit_entry(
            user=user,
            entry=entry,
            headline=typed["headline"],
            body=typed["text"],
            correction=typed["correction"],
            image=pictures.chosen_image(typed["image"]) if "image" in data else False,
            embed=typed["embed"] if "embed" in data else None,
            embed_caption=typed["embed_caption"],
            embed_credit=typed["embed_credit"],
            publish=publish,
        )

    return run


def _add_source(user, entry, data):
    sourcing().add_entry_sources(entry=entry, user=user, sources=_sources(_typed(data)))


ENTRY_ACTIONS = {
    "publish": (lambda u, e, d: entries.publish_entry(user=u, entry=e), "Entry published.", False),
    "save": (_edit(False), "Entry saved.", True),
    "save_publish": (_edit(True), "Entry saved and published.", True),
    "pin": (lambda u, e, d: entries.set_pinned(user=u, entry=e, pinned=True), "Pinned.", False),
    "unpin": (
        lambda u, e, d: entries.set_pinned(user=u, entry=e, pinned=False),
        "Unpinned.",
        False,
    ),
    "key": (
        lambda u, e, d: entries.set_key_event(user=u, entry=e, key_event=True),
        "Listed under “What we know”.",
        False,
    ),
    "unkey": (
        lambda u, e, d: entries.set_key_event(user=u, entry=e, key_event=False),
        "Taken off “What we know”.",
        False,
    ),
    "up": (lambda u, e, d: entries.move_key_event(user=u, entry=e, up=True), "Moved up.", False),
    "down": (
        lambda u, e, d: entries.move_key_event(user=u, entry=e, up=False),
        "Moved down.",
        False,
    ),
    "delete": (
        lambda u, e, d: entries.delete_entry(user=u, entry=e, reason=d.get("reason", "")),
        "Entry deleted: readers no longer see it; the history keeps it.",
        False,
    ),
    "add_source": (_add_source, "Source added to the entry.", True),
    "remove_source": (
        lambda u, e, d: sourcing().remove_entry_source(
            entry=e, user=u, attribution_id=d.get("attribution")
        ),
        "Source taken off the entry.",
        False,
    ),
    "approve_source": (
        lambda u, e, d: sourcing().approve_entry_source(
            entry=e, user=u, attribution_id=d.get("attribution")
        ),
        "You approved the anonymity and are recorded as an editor who knows who the source "
        "is. The entry may go out.",
        False,
    ),
    "break_out": (
        lambda u, e, d: breakout.break_out(user=u, entry=e),
        None,  # the message links to the new draft
        False,
    ),
}


def _story(request, object_id) -> Article:
    article = get_object_or_404(Article, pk=parse_id(object_id))
    if not permissions.can_view(request.user, article):
        raise Http404
    return article


def _back(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk]) + "#live"


def coverage_view(request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story(request, object_id)
    found = COVERAGE_ACTIONS.get(request.POST.get("live_action", ""))
    if found is None:
        return HttpResponseBadRequest("Unknown live coverage action.")
    service, done, keeps_text = found
    coverage = coverage_of(article)
    if coverage is None and request.POST.get("live_action") != "make_live":
        messages.error(request, "Make the story live first.")
        return redirect(_back(article))
    try:
        result = service(request.user, article, coverage, request.POST)
    except WorkflowError as refused:
        messages.error(request, refused.message)
        if keeps_text:
            request.session[draft_key(article.pk)] = _typed(request.POST)
    else:
        if getattr(result, "held", ""):
            messages.warning(request, result.held)
        else:
            messages.success(request, done)
    return redirect(_back(article))


def entry_view(request, object_id, entry_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story(request, object_id)
    entry = get_object_or_404(
        LiveEntry.objects.select_related("coverage"),
        pk=parse_id(entry_id),
        coverage__article=article,
    )
    found = ENTRY_ACTIONS.get(request.POST.get("live_action", ""))
    if found is None:
        return HttpResponseBadRequest("Unknown live entry action.")
    service, done, keeps_text = found
    try:
        result = service(request.user, entry, request.POST)
    except WorkflowError as refused:
        messages.error(request, refused.message)
        if keeps_text:
            request.session[draft_key(article.pk, entry.pk)] = _typed(request.POST)
    else:
        if done is None:
            url = reverse("admin:articles_article_change", args=[result.pk])
            done = format_html(
                'A draft story now carries this entry: <a href="{}">{}</a>.', url, result
            )
        messages.success(request, done)
    return redirect(_back(article))


def live_urls(model_admin) -> list:
    """The addresses above, for `ArticleAdmin.get_urls`."""
    wrap = model_admin.admin_site.admin_view
    return [
        path("<path:object_id>/live/", wrap(coverage_view), name="articles_article_live"),
        path(
            "<path:object_id>/live/entries/<str:entry_id>/",
            wrap(entry_view),
            name="articles_article_live_entry",
        ),
    ]
