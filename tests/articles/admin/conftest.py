"""Fixtures for the story admin's usability tests: a reporter, an editor who may see
confidential sources, and a story with an anonymous and an outlet attribution."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from sources.models import Attribution, AttributionConfidential, Source


@pytest.fixture
def editor(editor):
    """Here the editor (tests/conftest.py) may also see confidential sources, as a standards
    editor would: the story page's confidential fields and approval are part of what is tested."""
    editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    return type(editor).objects.get(pk=editor.pk)


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
