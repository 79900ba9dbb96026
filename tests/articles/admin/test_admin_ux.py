"""The story admin for people who use it every day: branding, the story form, the folded and
grouped attribution form, findings at the top with the field they concern, useful lists."""

import re

import pytest
from django.contrib.messages import get_messages
from django.contrib.staticfiles import finders
from django.urls import reverse

from articles import workflow
from sources.models import Attribution

pytestmark = pytest.mark.django_db


def change_page(client, user, article) -> str:
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_admin_is_branded_newsroom_with_an_icon(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    assert '<div id="site-name"><a href="/admin/">' in html
    assert re.search(r'<div id="site-name">.*Newsroom</a>', html)
    assert "Django administration" not in html
    assert re.search(r"<title>[^<]*Newsroom</title>", html)
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', html)


def test_public_pages_link_the_icon(client):
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', html)


@pytest.mark.parametrize(
    "path",
    [
        "favicon.svg",
        "js/admin-attributions.js",
        "css/admin-attributions.css",
        "css/admin-story.css",
        "css/admin-newsroom.css",
    ],
)
def test_the_admin_static_files_exist(path):
    found = finders.find(path)
    assert found, f"static/{path} is missing"
    with open(found, encoding="utf-8") as handle:
        assert handle.read().strip()


def test_favicon_is_served(client, settings, live_server):
    import urllib.request

    with urllib.request.urlopen(f"{live_server.url}{settings.STATIC_URL}favicon.svg") as response:
        assert response.status == 200
        assert b"<svg" in response.read()


def test_story_form_is_laid_out_for_writing(client, reporter, sourced):
    html = change_page(client, reporter, sourced)
    assert 'class="vTextField story-headline"' in html
    assert re.search(r'<textarea name="dek"[^>]*rows="3"', html)
    # Headline, slug, dek and body first; then placement; the record is one line.
    order = [
        html.index(f'name="{name}"') for name in ("headline", "slug", "dek", "body", "section")
    ]
    assert order == sorted(order)
    assert "story-record" in html and f"version {sourced.version}" in html
    assert ">Status<" not in html
    assert "js/admin-attributions.js" in html and "js/admin-story-draft.js" in html


def test_add_page_has_no_record_line(client, reporter):
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="headline"' in html and "story-record" not in html


def test_byline_and_reply_rows_have_no_object_captions(client, reporter, sourced):
    from sources.models import CommentRequest

    CommentRequest.objects.create(article=sourced, method="email")
    html = change_page(client, reporter, sourced)
    assert 'id="author_links-group"' in html and 'id="comment_requests-group"' in html
    # Django's "<author> on <headline>" caption is not printed above every row.
    assert " on Tram depot to move north of the river" not in html
    assert not re.search(r'<td class="original">\s*<p>', html)


def test_attributions_fold_into_one_line_each(client, editor, sourced):
    html = change_page(client, editor, sourced)
    anonymous, outlet = Attribution.objects.filter(article=sourced).order_by("position")
    assert f'id="attribution-{anonymous.pk}"' in html
    summary = html[html.index(f'id="attribution-{anonymous.pk}"') :]
    summary = summary[: summary.index("</summary>")]
    assert "Paraphrased" in summary and "a planning official" in summary
    assert "anonymous" in summary and "because the plan is not final" in summary
    outlet_summary = html[html.index(f'id="attribution-{outlet.pk}"') :]
    outlet_summary = outlet_summary[: outlet_summary.index("</summary>")]
    assert "Valley Ledger" in outlet_summary and "(May 4)" in outlet_summary
    # Saved attributions are folded; nothing typed is lost to the fold (the fields are there).
    assert f'<details class="attr-details" id="attribution-{anonymous.pk}">' in html
    assert 'value="a planning official"' in html


def test_attribution_fields_are_grouped_by_kind(client, editor, sourced):
    html = change_page(client, editor, sourced)
    for css in (
        "attr-group attr-for-anonymous",
        "attr-group attr-for-quoted",
        "attr-group attr-for-reported_by",
        "attr-group attr-for-declined attr-for-no_response",
    ):
        assert css in html
    anonymity = html[html.index("attr-for-anonymous") :]
    anonymity = anonymity[: anonymity.index("</fieldset>")]
    for name in ("public_descriptor", "anonymity_reason", "approved_by", "editors_who_know"):
        assert f"-{name}" in anonymity
    outlet = html[html.index("attr-for-reported_by") :]
    outlet = outlet[: outlet.index("</fieldset>")]
    assert "-outlet_report" in outlet and "-reported_on" in outlet
    # "Editors who know" is a two-box chooser, not a bare multi-select.
    assert re.search(
        r'<select name="attributions-0-editors_who_know"[^>]*class="selectfilter"', html
    )


def test_reporter_sees_the_groups_but_no_confidential_field(client, reporter, sourced):
    html = change_page(client, reporter, sourced)
    assert "attr-for-anonymous" in html
    for name in ("internal_justification", "basis", "editors_who_know"):
        assert name not in html
    assert "Clerk fears losing the contract." not in html


def test_stand_alone_attribution_page_is_grouped_too(client, editor, reporter, sourced):
    anonymous = Attribution.objects.get(article=sourced, anonymous=True)
    url = reverse("admin:sources_attribution_change", args=[anonymous.pk])
    client.force_login(editor)
    html = client.get(url).content.decode()
    assert "attr-for-anonymous" in html and 'name="internal_justification"' in html
    client.force_login(reporter)
    response = client.get(url)
    if response.status_code == 200:
        assert "internal_justification" not in response.content.decode()


def test_findings_sit_above_the_form_and_name_what_they_concern(client, editor, reporter, sourced):
    sourced.section = None
    sourced.save(update_fields=["section"])
    workflow.submit_for_review(reporter, sourced)
    html = change_page(client, editor, sourced)
    findings = html.index('class="standards-findings')
    assert findings < html.index('name="headline"')
    assert "finding-blocking" in html and "✖" in html
    at = html.index('data-finding-code="section_missing"')
    section_row = html[at : html.index("</li>", at)]
    assert 'href="#id_section"' in section_row and ">Section<" in section_row
    assert "section_missing" not in section_row.partition(">")[2]  # the code is not shown


def test_reporter_sees_findings_on_a_draft_without_override_inputs(client, reporter, sourced):
    sourced.section = None
    sourced.save(update_fields=["section"])
    html = change_page(client, reporter, sourced)
    assert "an editor will see before publishing" in html
    assert "section_missing" in html
    assert 'name="override_' not in html


def test_changelist_shows_state_byline_and_waiting(client, editor, reporter, sourced):
    workflow.submit_for_review(reporter, sourced)
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    for column in (
        "column-state_badge",
        "column-section",
        "column-byline",
        "column-updated",
        "column-waiting",
    ):
        assert column in html
    assert "state-in_review" in html and "Rosa Park-Lindqvist" in html
    assert re.search(r'<span class="waiting">\d+ min</span>', html)


def test_review_queue_shows_the_dek_and_waiting_time(client, editor, reporter, sourced):
    workflow.submit_for_review(reporter, sourced)
    client.force_login(editor)
    html = client.get(reverse("admin:articles_reviewqueueitem_changelist")).content.decode()
    assert "Commuters will pay 50 cents more from March." in html
    assert re.search(r'<span class="waiting">\d+ min</span>', html)


# --- the assistant's proposals are handled with the story's save (nothing typed is lost) ---

PROPOSAL_BODY = (
    "<p>Rep. Jane Doe (D-Wash.) told NTD that the plan “was necessary.”</p>"
    "<p>The White House declined to comment.</p>"
)


@pytest.fixture
def proposed(make_article, reporter):
    from sources.proposals import proposals_refresh

    article = make_article("Harbor plan approved", body=PROPOSAL_BODY, created_by=reporter)
    proposals_refresh(article=article)
    return article


def test_accept_saves_the_typed_dek_and_the_attribution_in_one_revision(client, reporter, proposed):
    from articles.workflow import revisions
    from tests.conftest import story_form_data

    client.force_login(reporter)
    quoted = proposed.proposals.get(kind="quoted")
    url, data, _ = story_form_data(
        client, proposed, dek="A dek typed just now.", _proposal=f"accept:{quoted.pk}"
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{proposed.pk}/change/#proposals-group")
    proposed.refresh_from_db()
    assert proposed.dek == "A dek typed just now."
    assert proposed.attributions.get().source.name == "Jane Doe"
    latest = revisions.versions_of(proposed).first()
    assert latest.revision.comment == "Accepted the assistant's proposal: Quoted — Jane Doe"
    assert any("Jane Doe" in item["line"] for item in latest.revision.article_meta.attributions)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["Saved “Harbor plan approved”.", "Accepted: Jane Doe (Quoted)."]


def test_dismiss_and_look_again_save_the_typed_text_too(client, reporter, proposed):
    from sources.models import ProposalStatus
    from tests.conftest import story_form_data

    client.force_login(reporter)
    declined = proposed.proposals.get(kind="declined")
    url, data, _ = story_form_data(
        client, proposed, dek="First edit.", _proposal=f"dismiss:{declined.pk}"
    )
    assert client.post(url, data).status_code == 302
    declined.refresh_from_db()
    proposed.refresh_from_db()
    assert (proposed.dek, declined.status) == ("First edit.", ProposalStatus.DISMISSED)

    body = proposed.body + "<p>“We are ready,” said Mayor Ana Ruiz.</p>"
    url, data, _ = story_form_data(client, proposed, body=body, _proposal="refresh")
    response = client.post(url, data)
    assert response.status_code == 302
    assert proposed.proposals.filter(name="Ana Ruiz", status=ProposalStatus.PENDING).exists()
    said = str(list(get_messages(response.wsgi_request))[-1])
    assert said == "The assistant found 1 new attribution to propose."


def test_a_refused_save_keeps_the_text_and_handles_no_proposal(client, reporter, proposed):
    from sources.models import ProposalStatus
    from tests.conftest import story_form_data

    client.force_login(reporter)
    quoted = proposed.proposals.get(kind="quoted")
    url, data, _ = story_form_data(
        client, proposed, dek="My careful dek.", _proposal=f"accept:{quoted.pk}"
    )
    workflow.save_article(reporter, proposed, expected_version=proposed.version)  # someone else
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "My careful dek." in html and "Not saved: " in html
    assert "The proposal was not handled" in html
    quoted.refresh_from_db()
    assert quoted.status == ProposalStatus.PENDING
    assert not proposed.attributions.exists()


def test_someone_else_sees_no_proposal_buttons(client, make_user, proposed):
    other = make_user("otto", groups=["Reporters"])
    html = change_page(client, other, proposed)
    assert "Jane Doe" in html
    assert 'name="_proposal"' not in html and "Look for sources again" not in html


def test_a_proposal_of_another_story_is_not_handled_by_this_one(client, reporter, proposed):
    from sources.models import ProposalStatus
    from sources.proposals import proposals_refresh
    from tests.conftest import story_form_data

    other = type(proposed).objects.create(
        headline="Other", slug="other", body=PROPOSAL_BODY, created_by=reporter
    )
    proposals_refresh(article=other)
    theirs = other.proposals.get(kind="quoted")
    client.force_login(reporter)
    url, data, _ = story_form_data(client, proposed, _proposal=f"accept:{theirs.pk}")
    response = client.post(url, data)
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.status == ProposalStatus.PENDING
    assert "no longer on this story's list" in str(list(get_messages(response.wsgi_request))[-1])


# --- approving a grant of anonymity: one button, for who may see confidential sources -------


def test_one_button_approves_anonymity_and_saves_what_was_typed(client, editor, make_user, sourced):
    from sources.models import ConfidentialAccess
    from tests.conftest import story_form_data

    other_editor = make_user("olga", groups=["Editors"])
    anonymous = sourced.attributions.get(anonymous=True)
    anonymous.confidential.editors_who_know.add(other_editor)
    html = change_page(client, editor, sourced)
    assert "Approve anonymity — I know who this is" in html
    assert f'name="_approve_anonymity" value="{anonymous.pk}"' in html

    url, data, _ = story_form_data(
        client, sourced, dek="Edited while approving.", _approve_anonymity=str(anonymous.pk)
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#attribution-{anonymous.pk}")
    anonymous.refresh_from_db()
    sourced.refresh_from_db()
    assert anonymous.approved_by == editor and anonymous.approved_at is not None
    assert set(anonymous.confidential.editors_who_know.all()) == {editor, other_editor}
    assert anonymous.confidential.internal_justification == "Clerk fears losing the contract."
    assert sourced.dek == "Edited while approving."
    assert ConfidentialAccess.objects.filter(user=editor, attribution=anonymous).exists()
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert "You approved anonymity for a planning official" in shown[-1]
    html = client.get(url).content.decode()
    assert "Anonymity approved by Edna Ives" in html
    assert "anon_not_approved" not in html


def test_who_cannot_approve_gets_no_button_and_a_crafted_post_approves_nothing(
    client, reporter, make_user, sourced
):
    from tests.conftest import story_form_data

    anonymous = sourced.attributions.get(anonymous=True)
    html = change_page(client, reporter, sourced)
    assert "Approve anonymity" not in html
    assert "awaiting approval" in html
    # The finding says whom to ask: the people who may approve, by name.
    assert "ask Edna Ives" in html and "(they approve with one button on the attribution)" in html

    # A crafted post by the reporter (who may edit the story, not approve) approves nothing.
    url, data, _ = story_form_data(client, sourced, _approve_anonymity=str(anonymous.pk))
    response = client.post(url, data)
    assert response.status_code == 302
    anonymous.refresh_from_db()
    assert anonymous.approved_by is None
    assert "Only editors who may approve anonymity" in str(
        list(get_messages(response.wsgi_request))[-1]
    )


def test_an_editor_without_confidential_access_approves_without_seeing_the_record(
    client, make_user, sourced
):
    from sources.models import ConfidentialAccess
    from tests.conftest import story_form_data

    anonymous = sourced.attributions.get(anonymous=True)
    plain_editor = make_user("paul", groups=["Editors"], first_name="Paul", last_name="Nye")
    html = change_page(client, plain_editor, sourced)
    assert "Approve anonymity — I know who this is" in html
    assert "Clerk fears losing the contract." not in html  # the record stays closed to them
    url, data, _ = story_form_data(client, sourced, _approve_anonymity=str(anonymous.pk))
    assert client.post(url, data).status_code == 302
    anonymous.refresh_from_db()
    assert anonymous.approved_by == plain_editor
    assert plain_editor in anonymous.confidential.editors_who_know.all()
    assert anonymous.confidential.internal_justification == "Clerk fears losing the contract."
    assert ConfidentialAccess.objects.filter(user=plain_editor, attribution=anonymous).exists()
    html = client.get(url).content.decode()
    assert "Anonymity approved by Paul Nye" in html
    assert "Clerk fears losing the contract." not in html


def test_who_approved_an_anonymous_source_is_for_standards_editors_only(
    client, reporter, make_user, sourced
):
    from django.contrib.auth.models import Permission

    from tests.conftest import story_form_data

    def approval_line(user) -> str:
        html = change_page(client, user, sourced)
        return html[html.index(f'id="attribution-{anonymous.pk}"') :].split("</details>")[0]

    anonymous = sourced.attributions.get(anonymous=True)
    approver = make_user("paul", groups=["Editors"], first_name="Paul", last_name="Nye")
    client.force_login(approver)
    url, data, _ = story_form_data(client, sourced, _approve_anonymity=str(anonymous.pk))
    assert client.post(url, data).status_code == 302
    anonymous.refresh_from_db()
    assert anonymous.approved_by == approver

    # The approver is one of the editors who know the source: a reporter learns only that
    # the grant is approved, and the history says "Saved", not which save approved it.
    assert "approving" not in change_page(client, reporter, sourced)
    as_reporter = approval_line(reporter)
    assert "Anonymity approved." in as_reporter
    assert "Paul Nye" not in as_reporter and "approved by" not in as_reporter.lower()

    standards_editor = make_user("sam", groups=["Editors"], first_name="Sam", last_name="Okafor")
    standards_editor.user_permissions.add(
        Permission.objects.get(codename="view_confidential_source")
    )
    assert "Anonymity approved by Paul Nye" in approval_line(standards_editor)
    assert "Anonymity approved by Paul Nye" in approval_line(approver)  # who knows it anyway


# --- "Changes requested": a label, the note at the top, and mail to the reporter ------------


def test_requested_changes_show_as_a_label_and_the_note_at_the_top(
    client, reporter, editor, sourced, django_capture_on_commit_callbacks
):
    from django.core import mail

    workflow.submit_for_review(reporter, sourced)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(editor, sourced, note="Name the second source, please.")
    [sent] = [m for m in mail.outbox if m.subject.startswith("Changes requested")]
    assert sent.to == [reporter.email]  # the reporter, though the byline names someone else
    assert "Edna Ives sent" in sent.body and "Name the second source, please." in sent.body

    html = change_page(client, reporter, sourced)
    top = html[html.index('id="workflow-heading"') : html.index('id="article_form"')]
    assert "Changes requested</strong> by Edna Ives" in top
    assert "Name the second source, please." in top
    assert "state-changes-requested" in top
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Changes requested" in listing

    # Resubmitted: no longer waiting on changes.
    workflow.submit_for_review(reporter, sourced)
    html = change_page(client, reporter, sourced)
    assert "Changes requested</strong>" not in html and "state-changes-requested" not in html


def test_the_story_list_reads_every_label_in_one_query(client, reporter, editor, make_article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_stories(numbers):
        for number in numbers:
            story = make_article(f"Story number {number}", created_by=reporter)
            workflow.submit_for_review(reporter, story)
            if number % 2:
                workflow.request_changes(editor, story, note="More, please.")

    def list_page():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("admin:articles_article_changelist")).content.decode()
        return html, len(queries)

    client.force_login(reporter)
    add_stories(range(2))
    list_page()
    html, few = list_page()
    assert html.count(">Changes requested<") == 1
    add_stories(range(2, 8))
    html, many = list_page()
    assert html.count(">Changes requested<") == 4
    assert many == few  # the labels add no query per story


def test_the_reporter_asks_editors_to_approve_and_they_get_mail(
    client, reporter, make_user, sourced, django_capture_on_commit_callbacks
):
    from django.core import mail

    from articles.models import WorkflowEvent
    from tests.conftest import story_form_data

    anonymous = sourced.attributions.get(anonymous=True)
    make_user("paul", groups=["Editors"], first_name="Paul", last_name="Nye")
    html = change_page(client, reporter, sourced)
    assert f'name="_ask_approval" value="{anonymous.pk}">Ask an editor to approve' in html
    url, data, _ = story_form_data(
        client, sourced, dek="Typed before asking.", _ask_approval=str(anonymous.pk)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    sourced.refresh_from_db()
    assert sourced.dek == "Typed before asking."
    anonymous.refresh_from_db()
    assert anonymous.approved_by is None  # asking approves nothing
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert "paul@example.com" in recipients and "rita@example.com" not in recipients
    assert all("Approve an anonymous source" in message.subject for message in mail.outbox)
    event = WorkflowEvent.objects.get(article=sourced, action="anonymity_approval_requested")
    assert event.actor == reporter and "a planning official" in event.note
    assert "Asked " in str(list(get_messages(response.wsgi_request))[-1])
