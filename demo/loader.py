"""Loading the demo newsroom (the data files `demo.content` reads) into the database.

Stories are created as drafts by a demo reporter and then moved to their demo state
through `articles.workflow.transitions`, the same functions the admin uses, so the standards checks
and snapshots are real. A story with corrections is published first and then updated
with them a few hours later, as a newsroom would. Loading again changes nothing: a story
that already exists (by slug) is left alone, existing authors and sources are reused and
sections keep the values in `sections.yaml`. A story naming a section, author or source the data files lack is reported and skipped.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleAuthor, Image, Section
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author
from newsroom.html import text_to_html
from sources.models import (
    Attribution,
    AttributionConfidential,
    CommentRequest,
    Correction,
    PolicyPage,
    Source,
    SourceConfidential,
)

from . import content
from .comments import load_demo_comments
from .fronts import load_home_front
from .live import load_live_coverage
from .pictures import make_picture
from .planning import load_planned_day

# The demo logins' people: each desk says whose it is ("Jonah’s desk", "Helen’s desk"). The
# reporter is the demo author Jonah Perrault (authors.yaml names his login).
DEMO_PEOPLE = {
    "demo-reporter": ("Jonah", "Perrault"),
    "demo-editor": ("Helen", "Marsh"),
}


def _demo_user(username: str):
    first, last = DEMO_PEOPLE[username]
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "is_staff": True}
    )
    if user.first_name in ("", "Demo"):  # loaded before the demo people had names
        user.first_name, user.last_name = first, last
        user.save(update_fields=["first_name", "last_name"])
    return user


def demo_users():
    """The demo reporter and editor the demo stories are filed and published by."""
    reporter, editor = _demo_user("demo-reporter"), _demo_user("demo-editor")
    for user in (reporter, editor):
        if not user.has_usable_password() and not user.password:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if not user.email:
            # Workflow mail (for review, changes requested, published) needs an address;
            # in development it is printed on the console.
            user.email = f"{user.username}@example.com"
            user.save(update_fields=["email"])
    _join_role_groups(reporter, editor)
    return reporter, editor


def _join_role_groups(reporter, editor) -> None:
    # The demo editor also approves anonymous sources ("Standards editors"): their logins
    # then need a second factor, which `demo_otp` sets up and prints for ./dev up.
    ensure_role_groups()  # a database flushed since its migrations has none
    for user, group_name in (
        (reporter, "Reporters"),
        (editor, "Editors"),
        (editor, "Standards editors"),
    ):
        group = Group.objects.filter(name=group_name).first()
        if group:
            user.groups.add(group)


def save_sections() -> dict[str, Section]:
    sections = {}
    for data in content.load_sections():
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


def save_authors(logins: dict | None = None) -> dict[str, Author]:
    """The demo's authors; one whose entry names a demo `login` writes as that account (a new
    story by the demo reporter then opens with their name in the byline)."""
    authors = {}
    logins = logins or {}
    for data in content.load_authors():
        author, created = Author.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "job_title": data.get("job_title", ""),
                "bio": data.get("bio", ""),
            },
        )
        user = logins.get(data.get("login", ""))
        if user is not None and author.user_id is None and not hasattr(user, "author_profile"):
            author.user = user
            author.save(update_fields=["user"])
        if not created and not author.photo and not author.bio:
            # Made a moment ago for the demo login's account (authors.accounts): give it the
            # demo's profile, as if the loader had made it.
            author.job_title, author.bio = data.get("job_title", ""), data.get("bio", "")
            author.save(update_fields=["job_title", "bio"])
            created = True
        if created:
            picture = make_picture("#5b6b7a", "circles", data["slug"], size=(400, 400))
            author.photo.save(f"{data['slug']}.jpg", ContentFile(picture), save=True)
        authors[data["slug"]] = author
    return authors


def save_policies() -> int:
    """Write the demo newsroom's text on every trust page (the pages exist from the
    migrations); like the sections, they take the data file's values. Returns how many
    pages changed (loading again changes none)."""
    changed = 0
    for data in content.load_policies():
        fields = {name: data[name] for name in ("title", "description", "body")}
        page = PolicyPage.objects.filter(kind=data["kind"]).first() or PolicyPage(kind=data["kind"])
        if page.pk and all(getattr(page, name) == value for name, value in fields.items()):
            continue
        for name, value in fields.items():
            setattr(page, name, value)
        page.full_clean()
        page.save()
        changed += 1
    return changed


def save_sources() -> dict[str, Source]:
    sources = {}
    for data in content.load_sources():
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


def _parse_date(value) -> date | None:
    """A date written as text, or as YAML's own date (an unquoted 2026-11-17)."""
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def unknown_references(story: dict, *, sections, authors, sources) -> list[str]:
    """The section, authors and sources a story names that the data files do not have."""
    problems = []
    if story["section"] not in sections:
        problems.append(f"section {story['section']!r}")
    problems += [f"author {slug!r}" for slug in story["authors"] if slug not in authors]
    named = [data.get("source") for data in story.get("attributions", [])]
    named += [data.get("source") for data in story.get("comment_requests", [])]
    problems += [f"source {key!r}" for key in dict.fromkeys(named) if key and key not in sources]
    return problems


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
    sections = save_sections()
    authors = save_authors({"demo-reporter": reporter, "demo-editor": editor})
    sources = save_sources()
    save_policies()
    counts = {"created": 0, "existing": 0, "skipped": 0, "failed": 0}
    stories = content.load_stories()
    total = len(stories)
    for number, story in enumerate(stories, start=1):
        prefix = f"[{number}/{total}] {story['slug']}"
        if Article.objects.filter(slug=story["slug"]).exists():
            counts["existing"] += 1
            say(f"{prefix}: already there")
            continue
        unknown = unknown_references(story, sections=sections, authors=authors, sources=sources)
        if unknown:
            counts["skipped"] += 1
            say(f"{prefix}: not created, the data files have no {', '.join(unknown)}")
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
    plans = load_planned_day(editor=editor)
    say(load_live_coverage(stories, editor=editor, now=now))
    say(load_home_front(editor=editor))
    load_demo_comments(reporter=reporter, editor=editor)
    say(f"Story budget: {plans['created']} plans created, {plans['existing']} already there.")
    say(
        f"Demo content: {counts['created']} stories created, {counts['existing']} already there, "
        f"{counts['failed']} could not reach their state, {counts['skipped']} skipped; {len(sections)} sections, "
        f"{len(authors)} authors, {len(sources)} sources."
    )
    return counts
