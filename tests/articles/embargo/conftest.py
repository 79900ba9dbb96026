"""Fixtures for the embargo tests: a story in review with an embargo ahead of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.workflow.revisions import record_revision


@pytest.fixture
def embargo_time():
    """The embargo: two hours from now, on a whole minute."""
    return timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)


@pytest.fixture
def embargoed(make_article, reporter, embargo_time):
    """A story under embargo, written by `reporter` and submitted for review."""
    article = make_article("Central bank holds rates as inflation cools", created_by=reporter)
    article.embargo_until = embargo_time
    article.save()
    record_revision(article, user=reporter, comment="Created")
    workflow.submit_for_review(reporter, article)
    return article


@pytest.fixture
def publisher(make_user):
    """Someone who may publish (the permission alone) but is not an editor."""
    from django.contrib.auth.models import Permission

    user = make_user("pia")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=["publish_article", "view_article"],
        )
    )
    return user
