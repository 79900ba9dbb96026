"""Fixtures for the story admin's usability tests: a reporter, an editor who may see
confidential sources, and a story with an anonymous and an outlet attribution."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from articles.permissions import ensure_role_groups
from sources.models import Attribution, AttributionConfidential, Source


@pytest.fixture(autouse=True)
def role_groups(db):
    ensure_role_groups()  # a transactional test elsewhere may have flushed the migration's groups
    cache.clear()


@pytest.fixture
def reporter(make_user):
    return make_user("rhea", groups=["Reporters"], first_name="Rhea", last_name="Moss")


@pytest.fixture
def editor(make_user):
    user = make_user("edwin", groups=["Editors"], first_name="Edwin", last_name="Cole")
    user.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def sourced(make_article, reporter, editor):
    article = make_article("Tram depot to move north of the river", created_by=reporter)
    clerk = Source.objects.create(name="Depot planning clerk")
    wire = Source.objects.create(name="Valley Ledger", kind="outlet")
    anonymous = Attribution.objects.create(
        article=article,
        source=clerk,
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a planning official",
        anonymity_reason="because the plan is not final",
    )
    AttributionConfidential.objects.create(
        attribution=anonymous, internal_justification="Clerk fears losing the contract."
    ).editors_who_know.add(editor)
    Attribution.objects.create(
        article=article,
        source=wire,
        kind="reported_by",
        outlet_report="The depot site was chosen in May",
        reported_on=date(2026, 5, 4),
        position=1,
    )
    return article
