"""Loading the demo content (articles/demo_content.py) into the database, idempotently.

Stories are created as drafts by a demo reporter and then moved to their demo state
through `articles.workflow`, the same functions the admin uses, so the standards checks
and snapshots are real. A story with corrections is published first and then updated
with them a few hours later, as a newsroom would. A story that already exists (by slug) is left alone.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from authors.models import Author
from sources.models import (
    Attribution,
    AttributionConfidential,
    CommentRequest,
    Correction,
    Source,
    SourceConfidential,
)

from . import demo_content as content
from .demo_images import make_picture
from .html import text_to_html
from .models import Article, ArticleAuthor, Image, Section

DEMO_PASSWORD_HINT = "demo accounts have unusable passwords until an admin sets one"


def demo_users():
    """The demo reporter and editor the demo stories are filed and published by."""
    User = get_user_model()
    reporter, _ = User.objects.get_or_create(
        username="demo-reporter",
        defaults={"first_name": "Demo", "last_name": "Reporter", "is_staff": True},
    )
    editor, _ = User.objects.get_or_create(
        username="demo-editor",
        defaults={"first_name": "Demo", "last_name": "Editor", "is_staff": True},
    )
    for user in (reporter, editor):
        if not user.has_usable_password() and not user.password:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    _join_role_groups(reporter, editor)
    return reporter, editor


def _join_role_groups(reporter, editor) -> None:
    from django.contrib.auth.models import Group

    for user, group_name in ((reporter, "Reporters"), (editor, "Editors")):
        group = Group.objects.filter(name=group_name).first()
        if group:
            user.groups.add(group)


def load_sections() -> dict[str, Section]:
    sections = {}
    for data in content.SECTIONS:
        section, _ = Section.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data.get("description", ""),
                "position": data.get("position", 0),
            },
        )
        sections[section.slug] = section
    return sections


def load_authors() -> dict[str, Author]:
    authors = {}
    for data in content.AUTHORS:
        author, created = Author.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "job_title": data.get("job_title", ""),
                "bio": data.get("bio", ""),
            },
        )
        if created:
            picture = make_picture("#5b6b7a", "circles", data["slug"], size=(400, 400))
            author.photo.save(f"{data['slug']}.jpg", ContentFile(picture), save=True)
        authors[data["slug"]] = author
    return authors


def load_sources() -> dict[str, Source]:
    sources = {}
    for data in content.SOURCES:
        source, _ = Source.objects.get_or_create(
            name=data["name"],
            kind=data["kind"],
            defaults={
                "descriptor": data.get("descriptor", ""),
                "aliases": data.get("aliases", []),
                "affiliation": data.get("affiliation", ""),
                "url": data.get("url", ""),
            },
        )
        if data.get("confidential"):
            SourceConfidential.objects.get_or_create(source=source, defaults=data["confidential"])
        sources[data["key"]] = source
    return sources


def _lead_image(story: dict) -> Image:
    spec = story["image"]
    picture = make_picture(
        spec.get("color", "#336699"), spec.get("motif", "circles"), story["slug"]
    )
    image = Image(
        alt_text=spec.get("alt", ""), caption=spec.get("caption", ""), credit=spec.get("credit", "")
    )
    image.file.save(f"{story['slug']}.jpg", ContentFile(picture), save=True)
    return image


def _parse_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@transaction.atomic
def create_story(story: dict, *, sections, authors, sources, reporter, editor, now) -> Article:
    article = Article.objects.create(
        headline=story["headline"],
        slug=story["slug"],
        dek=story.get("dek", ""),
        body=text_to_html("\n\n".join(story["body"])),
        section=sections[story["section"]],
        lead_image=_lead_image(story),
        dateline=story.get("dateline", ""),
        kind_of_work=story.get("kind_of_work", "news"),
        how_we_reported=story.get("how_we_reported", ""),
        created_by=reporter,
    )
    for position, slug in enumerate(story["authors"]):
        ArticleAuthor.objects.create(article=article, author=authors[slug], position=position)
    article.tags.set(story.get("tags", []))

    requests_by_source = {}
    for data in story.get("comment_requests", []):
        asked_at = now - timedelta(hours=data.get("hours_before", 24))
        request = CommentRequest.objects.create(
            article=article,
            source=sources[data["source"]],
            asked_by=reporter,
            asked_at=asked_at,
            method=data.get("method", "email"),
            deadline=asked_at + timedelta(hours=6),
            outcome=data.get("outcome", "declined"),
            outcome_at=asked_at + timedelta(hours=3),
        )
        requests_by_source[data["source"]] = request

    for position, data in enumerate(story.get("attributions", [])):
        attribution = Attribution.objects.create(
            article=article,
            source=sources[data["source"]] if data.get("source") else None,
            kind=data.get("kind", "quoted"),
            terms=data.get("terms", "on_record"),
            anonymous=data.get("anonymous", False),
            public_descriptor=data.get("public_descriptor", ""),
            anonymity_reason=data.get("anonymity_reason", ""),
            source_count=data.get("source_count", 1),
            outlet_report=data.get("outlet_report", ""),
            reported_on=_parse_date(data.get("reported_on", "")),
            quote=data.get("quote", ""),
            descriptor_as_written=data.get("descriptor_as_written", ""),
            comment_request=requests_by_source.get(data.get("source")),
            position=position,
        )
        if attribution.anonymous:
            attribution.approved_by = editor
            attribution.approved_at = now
            attribution.save(update_fields=["approved_by", "approved_at"])
            # Seed data written as the system, not as a user: the demo editor does not hold
            # the confidential-source permission.
            AttributionConfidential.objects.create(
                attribution=attribution,
                internal_justification=data.get("internal_justification", ""),
                basis=data.get("basis", ""),
            ).editors_who_know.add(editor)
    # Corrections are not created here: a correction needs a published story, so
    # `apply_demo_state` publishes first and then an update carrying them.
    return article


def _publish_correction(article: Article, story: dict, *, editor, published, now) -> None:
    """An update of the live story carrying its corrections, some hours after it went live."""
    from . import workflow

    later = published + min(timedelta(hours=6), (now - published) / 2)
    workflow.save_article(
        editor, article, expected_version=article.version, now=later, comment="Corrected"
    )
    for data in story["corrections"]:
        Correction.objects.create(
            article=article,
            kind=data.get("kind", "correction"),
            text=data["text"],
            created_at=later,
        )
    workflow.publish(editor, article, note="Update with a correction.", now=later)


def apply_demo_state(article: Article, story: dict, *, reporter, editor, now) -> str:
    """Move a new demo story to its demo state through the workflow. Returns what happened."""
    from . import workflow

    state = story.get("state", "draft")
    days = story.get("days_ago", 0)
    if state == "draft":
        return "draft"
    when = now - timedelta(days=days, hours=len(story["slug"]) % 7)
    workflow.submit_for_review(reporter, article, now=when - timedelta(hours=2))
    if state == "in_review":
        return "in review"
    if state == "scheduled":
        workflow.publish(editor, article, at=now + timedelta(days=max(days, 1)), now=now)
        return "scheduled"
    workflow.publish(editor, article, now=when)
    if story.get("corrections"):
        _publish_correction(article, story, editor=editor, published=when, now=now)
    if state == "unpublished":
        workflow.unpublish(
            editor, article, note="Withdrawn pending legal review.", mode="withdrawn", now=now
        )
    elif state == "spiked":
        workflow.unpublish(editor, article, note="Story killed.", mode="withdrawn", now=now)
        workflow.spike(editor, article, note="Killed by the desk.", now=now)
    return state


def load_demo(stdout=None) -> dict[str, int]:
    """Load every demo section, author, source and story that is not there yet."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    now = timezone.now()
    reporter, editor = demo_users()
    sections = load_sections()
    authors = load_authors()
    sources = load_sources()
    counts = {"created": 0, "existing": 0, "failed": 0}
    total = len(content.STORIES)
    for number, story in enumerate(content.STORIES, start=1):
        prefix = f"[{number}/{total}] {story['slug']}"
        if Article.objects.filter(slug=story["slug"]).exists():
            counts["existing"] += 1
            say(f"{prefix}: already there")
            continue
        article = create_story(
            story,
            sections=sections,
            authors=authors,
            sources=sources,
            reporter=reporter,
            editor=editor,
            now=now,
        )
        try:
            outcome = apply_demo_state(article, story, reporter=reporter, editor=editor, now=now)
        except Exception as error:  # report and go on: one bad demo story must not stop the rest
            counts["failed"] += 1
            say(f"{prefix}: created, but could not reach state {story.get('state')}: {error}")
            continue
        counts["created"] += 1
        say(f"{prefix}: {outcome}")
    say(
        f"Demo content: {counts['created']} stories created, {counts['existing']} already there, "
        f"{counts['failed']} could not reach their state; {len(sections)} sections, "
        f"{len(authors)} authors, {len(sources)} sources."
    )
    return counts
