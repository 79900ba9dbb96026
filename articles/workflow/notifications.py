"""Email to the people a workflow step concerns, sent after the transaction commits.

Editors hear when a story is submitted; the story's authors (their staff account's
address, else the author profile's) hear when changes are requested or it is published.
Uses Django's mail: the console in development, locmem in tests.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from articles.models import Article, PublishedArticle, StoryComment
from newsroom.people import display_name

logger = logging.getLogger("newsroom")


def _admin_url(article: Article) -> str:
    return settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def editor_addresses() -> list[str]:
    """Active users who may publish (Editors group or the permission given directly)."""
    User = get_user_model()
    users = (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="publish_article")
            | Q(user_permissions__codename="publish_article")
        )
        .exclude(email="")
        .distinct()
    )
    return sorted({user.email for user in users})


def author_addresses(article: Article) -> list[str]:
    """The byline's addresses, and the reporters who wrote and submitted the story: a
    reporter hears about their story even when the byline names someone else."""
    addresses = set()
    for link in article.author_links.select_related("author", "author__user"):
        author = link.author
        if author.user is not None and author.user.email and author.user.is_active:
            addresses.add(author.user.email)
        elif author.email:
            addresses.add(author.email)
    for user in (article.created_by, article.submitted_by):
        if user is not None and user.email and user.is_active:
            addresses.add(user.email)
    return sorted(addresses)


@task()
def deliver_mail(subject: str, body: str, recipients: list[str]) -> int:
    """Send one message per person (recipients do not see each other's addresses). Runs on
    the task queue's worker: a slow or broken mail server never holds up an editor."""
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]
    return send_mass_mail(messages, fail_silently=False)


def _send(subject: str, body: str, recipients: list[str]) -> int:
    """Queue the mail; returns how many messages were sent (a backend that runs tasks at
    once) or queued. Mail trouble never undoes or breaks an editorial action."""
    if not recipients:
        return 0
    try:
        result = deliver_mail.enqueue(subject, body, list(recipients))
    except Exception:  # the queue itself is unreachable: say so in the log, carry on
        logger.exception("Could not queue workflow mail %r", subject)
        return 0
    if result.is_finished:
        if result.status != TaskResultStatus.SUCCESSFUL:
            logger.error("Could not send workflow mail %r", subject)
            return 0
        return result.return_value
    return len(recipients)


def queue_mail(subject: str, body: str, recipients: list[str]) -> int:
    """Queue one message per recipient, for mail that is about no story page (a reader told
    the outcome of their report); failures are logged, never raised."""
    return _send(subject, body, recipients)


def story_mail(article_id: int, subject: str, text: str, recipients: list[str]) -> int:
    """Mail `recipients` about a story: `text`, then the story's admin address."""
    article = Article.objects.get(pk=article_id)
    return _send(subject, f"{text}\n\nOpen it: {_admin_url(article)}\n", recipients)


def story_submitted(article_id: int, note: str = "") -> int:
    article = Article.objects.select_related("submitted_by").get(pk=article_id)
    who = display_name(article.submitted_by, "A reporter")
    body = f"{who} submitted “{article.headline}” for review.\n"
    if note:
        body += f"\nNote: {note}\n"
    body += f"\nOpen it: {_admin_url(article)}\n"
    return _send(f"For review: {article.headline}", body, editor_addresses())


def reviewer_assigned(article_id: int, reviewer_id: int, named_by: str = "An editor") -> int:
    article = Article.objects.get(pk=article_id)
    reviewer = get_user_model().objects.filter(pk=reviewer_id, is_active=True).first()
    if reviewer is None or not reviewer.email:
        return 0
    due = ""
    if article.review_due_at:
        due = f" by {timezone.localtime(article.review_due_at):%a %-d %b, %H:%M %Z}"
    body = (
        f"{named_by} asked you to review “{article.headline}”{due}.\n\n"
        f"Open it: {_admin_url(article)}\n"
    )
    return _send(f"Please review: {article.headline}", body, [reviewer.email])


def changes_requested(article_id: int, note: str, editor_name: str = "An editor") -> int:
    article = Article.objects.select_related("created_by", "submitted_by").get(pk=article_id)
    body = (
        f"{editor_name} sent “{article.headline}” back with changes to make:\n\n{note}\n\n"
        f"Open it: {_admin_url(article)}\n"
    )
    return _send(f"Changes requested: {article.headline}", body, author_addresses(article))


def story_published(article_id: int, scheduled: bool = False) -> int:
    article = Article.objects.get(pk=article_id)
    snapshot = PublishedArticle.objects.filter(article=article).first()
    if snapshot is None:
        return 0
    go_live = timezone.localtime(snapshot.published_at)
    when = f"is scheduled for {go_live:%Y-%m-%d %H:%M}" if scheduled else "is live"
    body = f"“{snapshot.headline}” {when}: {settings.SITE_URL}{snapshot.url_path}\n"
    subject = ("Scheduled: " if scheduled else "Published: ") + snapshot.headline
    return _send(subject, body, author_addresses(article))


def comment_mentioned(comment_id: int, user_ids: list[int], passage: str = "") -> int:
    """Mail the people an @mention in a story comment names (staff; comments stay internal).

    `passage` is the story's own words the thread is on, as the comments module found them in
    the saved text; nothing is quoted without it (a quote sent by a client is not trusted)."""
    comment = StoryComment.objects.select_related("article", "author").filter(pk=comment_id).first()
    if comment is None:
        return 0
    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    who = display_name(comment.author, "Someone")
    article = comment.article
    root = comment.parent or comment
    body = f"{who} mentioned you in a comment on “{article.headline}”:\n\n{comment.text}\n\n"
    if passage:
        body += f"On the passage: “{passage}”\n\n"
    body += f"Open it: {_admin_url(article)}#comment-{root.pk}\n"
    return _send(f"{who} mentioned you: {article.headline}", body, sorted(p.email for p in people))


# Receivers of the workflow's signals (connected in ArticlesConfig.ready(); sent after commit).


def on_story_submitted(sender, *, article_id: int, note: str = "", **kwargs) -> None:
    story_submitted(article_id, note)


def on_changes_requested(sender, *, article_id: int, note: str, by: str, **kwargs) -> None:
    changes_requested(article_id, note, by)


def on_reviewer_assigned(sender, *, article_id: int, reviewer_id: int, by: str, **kwargs) -> None:
    reviewer_assigned(article_id, reviewer_id, by)


def on_story_published(sender, *, article_id: int, scheduled: bool, **kwargs) -> None:
    story_published(article_id, scheduled)
