"""Fixtures for the sources tests: staff with and without the confidential permission, and a
story sourced the way the standards want (named quote, anonymous officials, outlet credit,
a declined request for comment, a correction)."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from sources.models import (
    Attribution,
    AttributionConfidential,
    CommentRequest,
    Correction,
    Source,
    SourceConfidential,
)

BODY = (
    "<p>The Harbor Authority will close the north ferry terminal for repairs this spring, "
    "according to three authority officials.</p>"
    "<p>The officials, who spoke on condition of anonymity because the board has not voted, "
    "said the closure could last eight weeks.</p>"
    "<p>The Lantern Gazette reported on March 2 that the pilings had failed an inspection.</p>"
    "<p>“We cannot keep patching a pier that is older than most of our riders,” said "
    "Councilwoman Odile Brandt (D-Ward 3), who chairs the transit committee.</p>"
    "<p>The ferry operators’ union declined to comment.</p>"
)
QUOTE = "We cannot keep patching a pier that is older than most of our riders"


def grant(user, *codenames: str):
    """Give `user` permissions by "app_label.codename"."""
    for name in codenames:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return type(user).objects.get(pk=user.pk)  # fresh: the permission cache is per instance


@pytest.fixture
def standards_editor(make_user):
    """An editor who may see confidential source records (the dedicated permission)."""
    user = make_user("stella-standards")
    return grant(
        user,
        "sources.view_confidential_source",
        "sources.merge_source",
        "sources.view_source",
        "sources.change_source",
        "sources.add_source",
        "sources.view_sourceconfidential",
        "sources.change_sourceconfidential",
        "sources.add_sourceconfidential",
        "sources.view_confidentialaccess",
        "sources.view_attribution",
        "sources.change_attribution",
        "articles.view_article",
        "articles.change_article",
    )


@pytest.fixture
def desk_reporter(make_user):
    """A reporter with the usual editing permissions but not the confidential one."""
    user = make_user("rory-reporter")
    return grant(
        user,
        "sources.view_source",
        "sources.add_source",
        "sources.change_source",
        "sources.view_attribution",
        "sources.add_attribution",
        "sources.change_attribution",
        "sources.view_commentrequest",
        "sources.view_correction",
        "articles.view_article",
        "articles.change_article",
        "articles.add_article",
    )


@pytest.fixture
def registry(db):
    """Sources the sourced story uses."""
    return new_registry()


def new_registry() -> dict:
    return {
        "brandt": Source.objects.create(
            kind="person",
            name="Odile Brandt",
            descriptor="D-Ward 3",
            aliases=["Councilwoman Brandt", "Brandt"],
            affiliation="Harbor City Council",
        ),
        "officials": Source.objects.create(
            kind="person", name="Harbor Authority officials (terminal repairs)"
        ),
        "gazette": Source.objects.create(
            kind="outlet", name="The Lantern Gazette", url="https://gazette.example/"
        ),
        "union": Source.objects.create(kind="organization", name="Ferry Operators Union Local 9"),
    }


@pytest.fixture
def sourced_story(make_article, make_user, registry):
    """A story that meets every standards rule."""
    return new_sourced_story(make_article, make_user, registry)


def new_sourced_story(make_article, make_user, registry):
    """The sourced story, built with the makers of tests/conftest.py (any fixture scope)."""
    editor = make_user("enid-editor")
    article = make_article(
        "North ferry terminal to close for spring repairs",
        body=BODY,
        how_we_reported="We spoke with three authority officials and reviewed inspection notes.",
    )
    officials = Attribution.objects.create(
        article=article,
        source=registry["officials"],
        kind="paraphrased",
        terms="background",
        anonymous=True,
        public_descriptor="Harbor Authority officials",
        anonymity_reason="because the board has not voted on the closure",
        source_count=3,
        approved_by=editor,
        approved_at=timezone.now(),
        position=0,
    )
    AttributionConfidential.objects.create(
        attribution=officials,
        internal_justification="Board vote pending; officials would be disciplined.",
        basis="All three sit on the repair planning group.",
    ).editors_who_know.add(editor)
    Attribution.objects.create(
        article=article,
        source=registry["gazette"],
        kind="reported_by",
        outlet_report="The pilings failed an inspection.",
        reported_on=date(2026, 3, 2),
        position=1,
    )
    Attribution.objects.create(
        article=article,
        source=registry["brandt"],
        kind="quoted",
        quote=QUOTE + ".",
        descriptor_as_written="(D-Ward 3)",
        position=2,
    )
    request = CommentRequest.objects.create(
        article=article,
        source=registry["union"],
        asked_at=timezone.now() - timedelta(hours=6),
        method="phone",
        outcome="declined",
        outcome_at=timezone.now() - timedelta(hours=2),
    )
    Attribution.objects.create(
        article=article,
        source=registry["union"],
        kind="declined",
        comment_request=request,
        position=3,
    )
    SourceConfidential.objects.create(
        source=registry["officials"],
        real_identity="Deputy director and two engineers",
        contact_details="Signal only",
        private_notes="Met at the diner.",
    )
    article.editor = editor
    return article


@pytest.fixture
def correction(sourced_story):
    return new_correction(sourced_story)


def new_correction(sourced_story) -> Correction:
    return Correction.objects.create(
        article=sourced_story,
        kind="correction",
        text="An earlier version misstated how long the closure would last.",
        is_published=True,
    )


def publish_story(article, *, editor=None):
    """Publish through the workflow (submit, then publish) and return the snapshot."""
    from django.contrib.auth import get_user_model

    from articles import workflow

    User = get_user_model()
    if editor is None:
        editor, created = User.objects.get_or_create(
            username="pat-publisher", defaults={"is_staff": True}
        )
        if created:
            grant(
                editor,
                "articles.publish_article",
                "articles.review_article",
                "articles.change_article",
                "articles.view_article",
            )
            editor = User.objects.get(pk=editor.pk)
    if article.state == "draft":
        workflow.submit_for_review(editor, article)
    return workflow.publish(editor, article)
