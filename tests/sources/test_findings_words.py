"""Findings in plain words: one line per thing to fix (a missing approval is one, not two),
no rule codes in what a reporter reads, people by their names, and a warning when the body
starts with the dateline the page already prints."""

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Article
from sources.admin.inlines import AttributionInline, ConfidentialAttributionForm
from sources.models import Attribution, AttributionConfidential
from sources.standards import WARNING, check_article
from sources.standards.story_checks import body_repeats_dateline

pytestmark = pytest.mark.django_db


def codes(article) -> list[str]:
    return [finding.code for finding in check_article(article)]


def unapprove(article) -> Attribution:
    """The anonymous source as a reporter leaves it: no approver, so no editor who knows."""
    attribution = article.attributions.get(anonymous=True)
    Attribution.objects.filter(pk=attribution.pk).update(approved_by=None, approved_at=None)
    AttributionConfidential.objects.filter(attribution=attribution).delete()
    return attribution


def test_one_missing_approval_is_one_must_fix_line(sourced_story):
    unapprove(sourced_story)

    found = codes(sourced_story)

    assert found == ["anon_not_approved"]
    [finding] = check_article(sourced_story)
    assert finding.is_blocking and "approv" in finding.message


def test_an_approved_grant_no_editor_knows_is_still_its_own_line(sourced_story):
    sourced_story.attributions.get(anonymous=True).confidential.editors_who_know.clear()
    assert codes(sourced_story) == ["anon_identity_unknown_to_editors"]


def test_the_reporter_reads_sentences_not_rule_codes(client, reporter, sourced_story):
    unapprove(sourced_story)
    sourced_story.created_by = reporter
    sourced_story.save(update_fields=["created_by"])
    client.force_login(reporter)

    html = client.get(reverse("admin:articles_article_change", args=[sourced_story.pk]))
    html = html.content.decode()

    findings = html[html.index('id="story-findings"') :]
    findings = findings[: findings.index("</ul>")]
    assert findings.count('class="finding-severity">Must fix<') == 1
    assert "has no approving editor" in findings
    assert 'data-finding-code="anon_not_approved"' in findings
    assert ">anon_not_approved<" not in findings and "<code" not in findings


def test_editors_who_know_are_offered_by_name(make_user, sourced_story, standards_editor):
    make_user("boss-login", groups=["Editors"], first_name="Bea", last_name="Boss")
    form_class = type("Form", (ConfidentialAttributionForm,), {"user": standards_editor})
    form = form_class(instance=sourced_story.attributions.get(anonymous=True))
    labels = [label for _, label in form.fields["editors_who_know"].choices]
    assert "Bea Boss" in labels and "boss-login" not in labels


def test_the_approving_editor_is_offered_by_name(rf, make_user, standards_editor):
    make_user("boss-login", groups=["Editors"], first_name="Bea", last_name="Boss")
    request = rf.get("/")
    request.user = standards_editor
    inline = AttributionInline(Article, admin.site)
    field = inline.formfield_for_foreignkey(Attribution._meta.get_field("approved_by"), request)
    labels = [label for _, label in field.choices]
    assert "Bea Boss" in labels and "boss-login" not in labels


# The dateline


@pytest.mark.parametrize(
    ("dateline", "text", "repeated"),
    [
        ("PORT ELLIS", "PORT ELLIS — The council voted on Monday.", True),
        ("Port Ellis", "PORT  ELLIS – The council voted.", True),
        ("PORT ELLIS", "PORT ELLIS (Reuters) - The council voted.", True),
        ("PORT ELLIS", "PORT ELLIS, Dec. 7: The council voted.", True),
        ("PORT ELLIS", "Port Ellis voted on Monday to close the pier.", False),
        ("PORT ELLIS", "PORT ELLISON — The council voted.", False),
        ("PORT ELLIS", "The council of PORT ELLIS — voted.", False),
        ("", "PORT ELLIS — The council voted.", False),
    ],
)
def test_the_body_repeating_the_dateline(dateline, text, repeated):
    assert body_repeats_dateline(dateline, text) is repeated


def test_a_body_starting_with_the_dateline_is_a_warning(sourced_story):
    sourced_story.dateline = "PORT ELLIS"
    sourced_story.body = "<p>PORT ELLIS — " + sourced_story.body.removeprefix("<p>")
    sourced_story.save()

    [finding] = check_article(sourced_story)

    assert (finding.code, finding.severity, finding.target) == (
        "dateline_repeated",
        WARNING,
        "body",
    )
    assert "readers would see it twice" in finding.message


def test_no_warning_when_the_body_does_not_repeat_it(sourced_story):
    sourced_story.dateline = "PORT ELLIS"
    sourced_story.save()
    assert check_article(sourced_story) == []
