"""Accepting one of the assistant's proposals leaves a revision in the story's history."""

import pytest
from django.urls import reverse

from articles.workflow import revisions
from sources.proposals import proposal_accept, proposals_refresh

pytestmark = pytest.mark.django_db


def test_accepting_a_proposal_keeps_a_revision_with_the_attribution(story, reporter):
    proposals_refresh(article=story)
    revisions.record_revision(story, user=reporter, comment="Created")
    version_before = story.version

    proposal_accept(proposal=story.proposals.get(kind="quoted"), user=reporter)

    latest = revisions.versions_of(story).first()
    assert latest.revision.comment == "Accepted the assistant's proposal: Quoted — Jane Doe"
    assert latest.revision.user == reporter
    story.refresh_from_db()
    assert story.version == version_before + 1
    # The diff against the revision before shows the new attribution.
    (_, new), (_, old) = revisions.numbered_versions(story)[:2]
    changes = revisions.diff_revisions(revisions.revision_data(old), revisions.revision_data(new))
    assert [c["field"] for c in changes] == ["attributions"]
    assert "Quoted — Jane Doe" in str(changes[0]["rows"][0]["html"])


def test_the_accept_button_outside_the_story_form_keeps_a_revision(client, story, reporter):
    proposals_refresh(article=story)
    client.force_login(reporter)
    declined = story.proposals.get(kind="declined")
    response = client.post(reverse("admin:sources_attributionproposal_accept", args=[declined.pk]))
    assert response.status_code == 302
    latest = revisions.versions_of(story).first()
    assert latest.revision.comment == (
        "Accepted the assistant's proposal: Declined to comment — White House"
    )


def test_a_refused_accept_keeps_no_revision(story, make_user, role_groups):
    from django.core.exceptions import PermissionDenied

    proposals_refresh(article=story)
    other = make_user("otto", groups=["Reporters"])
    with pytest.raises(PermissionDenied):
        proposal_accept(proposal=story.proposals.get(kind="quoted"), user=other)
    assert not revisions.versions_of(story).exists()
    assert not story.attributions.exists()
