"""A story's own sign-off (issue 26): an editor sends one story to Legal without a section
chain; publishing waits for it; a Legal member with no newsroom role signs from their own
page; the reporter and the editor who asked are told; an editor removes it with a reason."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from articles import workflow
from articles.models import ReviewStep, SignOff
from articles.review import chains as review_chains
from articles.review import signoffs, story_steps
from articles.workflow.revisions import record_revision


@pytest.fixture
def city_story(make_article, reporter, clock):
    """A story by `reporter`, in review, in a section with no chain."""
    article = make_article("Council treasurer accused of theft", created_by=reporter)
    record_revision(article, user=reporter, comment="Created")
    workflow.submit_for_review(reporter, article, now=clock)
    return article


@pytest.fixture
def asked(city_story, editor, lawyer, clock):
    return story_steps.add_story_step(
        editor, city_story, name="Legal", group=Group.objects.get(name="Legal"), now=clock
    )


def test_an_editor_sends_one_story_to_legal_and_publishing_waits_for_it(
    city_story, editor, lawyer, clock, django_capture_on_commit_callbacks
):
    assert review_chains.chain_for(city_story) == []
    with django_capture_on_commit_callbacks(execute=True):
        step = story_steps.add_story_step(
            editor, city_story, name="Legal", group=Group.objects.get(name="Legal"), now=clock
        )
    assert [m.to for m in mail.outbox if "Sign-off needed (Legal)" in m.subject] == [[lawyer.email]]
    assert city_story.events.get(action="sign_off_asked").note.startswith("Legal: sign-off asked")
    with pytest.raises(workflow.SignOffsMissing, match=r"Waiting for: Legal \(the Legal group\)"):
        workflow.publish(editor, city_story, now=clock)
    summary = review_chains.chain_summaries([city_story])[city_story.pk]
    assert summary.text == "Legal: waiting"
    signoffs.sign_off(lawyer, city_story, step=step, decision="approve", now=clock)
    workflow.publish(editor, city_story, now=clock)


def test_only_editors_ask_and_never_of_themselves_or_the_reporter(
    city_story, reporter, editor, second_editor, clock
):
    legal = Group.objects.get_or_create(name="Legal")[0]
    with pytest.raises(workflow.WorkflowPermissionError, match="only editors"):
        story_steps.add_story_step(reporter, city_story, name="Legal", group=legal, now=clock)
    with pytest.raises(workflow.WorkflowPermissionError, match="choose someone else"):
        story_steps.add_story_step(editor, city_story, name="Me", person=editor, now=clock)
    with pytest.raises(workflow.WorkflowPermissionError, match="reports this story"):
        story_steps.add_story_step(editor, city_story, name="Rita", person=reporter, now=clock)
    with pytest.raises(workflow.WorkflowError, match="at most 80"):
        story_steps.add_story_step(editor, city_story, name="L" * 81, group=legal, now=clock)
    assert not ReviewStep.objects.exists()


def test_the_editor_who_asked_does_not_sign_it(city_story, editor, clock):
    editors = Group.objects.get(name="Editors")
    step = story_steps.add_story_step(editor, city_story, name="Desk", group=editors, now=clock)
    with pytest.raises(workflow.WorkflowPermissionError, match="You asked for"):
        signoffs.sign_off(editor, city_story, step=step, decision="approve", now=clock)


def test_approve_with_conditions_needs_them_and_shows_them_beside_signed(
    client, asked, city_story, lawyer, editor, clock
):
    with pytest.raises(workflow.NoteRequired, match="Type your conditions"):
        signoffs.sign_off(lawyer, city_story, step=asked, decision="approve", conditions=True)
    signoffs.sign_off(
        lawyer,
        city_story,
        step=asked,
        decision="approve",
        conditions=True,
        note="Soften “theft” to “losses”.",
    )
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[city_story.pk]))
    panel = page.content.decode().split('id="review-chain"')[1].split("</section>")[0]
    assert "Signed</span> by Lena Marsh" in panel
    assert "conditions: “Soften “theft” to “losses”.”" in panel.replace("&#x27;", "'")


def test_the_reporter_and_the_editor_who_asked_hear_the_decision(
    asked, city_story, lawyer, reporter, editor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signoffs.sign_off(lawyer, city_story, step=asked, decision="reject", note="Cut para 2.")
    told = [m for m in mail.outbox if m.subject.startswith("Legal asks for changes")]
    assert sorted(to for m in told for to in m.to) == sorted([reporter.email, editor.email])
    assert all("Cut para 2." in m.body for m in told)


def test_an_editor_removes_the_step_with_a_reason_kept_in_the_history(
    client, asked, city_story, editor, reporter, clock
):
    with pytest.raises(workflow.WorkflowError, match="Say why"):
        story_steps.remove_story_step(editor, asked, reason="  ", now=clock)
    with pytest.raises(workflow.WorkflowPermissionError):
        story_steps.remove_story_step(reporter, asked, reason="Not needed", now=clock)
    client.force_login(editor)
    remove = reverse("admin:articles_reviewstep_remove", args=[city_story.pk, asked.pk])
    client.post(remove, {"reason": "Counsel read it by phone."})
    asked.refresh_from_db()
    assert asked.removed_by == editor and asked.removed_because == "Counsel read it by phone."
    note = city_story.events.get(action="sign_off_step_removed").note
    assert note == "Legal: sign-off no longer needed. Counsel read it by phone."
    assert review_chains.chain_for(city_story) == []
    workflow.publish(editor, city_story, now=clock)


@pytest.mark.parametrize("bad", ["²", "9" * 400, "-1", "x"])
def test_hostile_ids_on_the_new_addresses_are_not_found(
    client, asked, city_story, editor, lawyer, bad
):
    client.force_login(editor)
    remove = reverse("admin:articles_reviewstep_remove", args=[city_story.pk, "1"])
    assert client.post(remove.replace("/1/remove/", f"/{bad}/remove/")).status_code == 404
    ask = reverse("admin:articles_reviewstep_ask", args=[city_story.pk])
    response = client.post(ask, {"name": "Legal", "signer": f"group:{bad}"}, follow=True)
    assert "Choose who signs it off" in response.content.decode()
    client.force_login(lawyer)
    page = reverse("admin:articles_sign_off_decide", args=[bad, asked.pk])
    assert client.get(page).status_code == 404
    page = reverse("admin:articles_sign_off_decide", args=[city_story.pk, bad])
    assert client.get(page).status_code == 404


# --- the Legal member's own page ------------------------------------------------------------


def test_a_legal_member_lands_on_their_page_and_sees_nothing_else_of_the_admin(
    client, asked, city_story, lawyer
):
    client.force_login(lawyer)
    assert client.get(reverse("admin:index")).url == reverse("admin:articles_sign_offs")
    page = client.get(reverse("admin:articles_sign_offs")).content.decode()
    assert city_story.headline in page and "nav-sidebar" not in page
    for name in (
        "admin:articles_article_changelist",
        "admin:articles_reviewstep_changelist",
        "admin:sources_source_changelist",
        "admin:sources_attribution_changelist",
    ):
        assert client.get(reverse(name)).status_code == 403, name
    story_page = reverse("admin:articles_article_change", args=[city_story.pk])
    assert client.get(story_page).status_code in (302, 403, 404)


def test_a_legal_member_decides_on_the_text_they_read(client, asked, city_story, lawyer):
    client.force_login(lawyer)
    page = reverse("admin:articles_sign_off_decide", args=[city_story.pk, asked.pk])
    html = client.get(page).content.decode()
    assert "The harbor ferry will cost more." in html and "Not published" in html
    assert "Published <time" not in html
    city_story.version += 1  # someone saved while Lena read
    city_story.save(update_fields=["version"])
    stale = client.post(page, {"choice": "changes", "note": "Cut it.", "version": "1"})
    assert stale.status_code == 400 and "was changed while you read it" in stale.content.decode()
    assert "Cut it." in stale.content.decode()  # nothing typed is lost
    done = client.post(page, {"choice": "changes", "note": "Cut it.", "version": "2"})
    assert done.status_code == 302
    assert SignOff.objects.get().decision == "reject"


def test_someone_the_step_does_not_name_gets_a_404(client, asked, city_story, second_editor):
    client.force_login(second_editor)
    page = reverse("admin:articles_sign_off_decide", args=[city_story.pk, asked.pk])
    assert client.get(page).status_code == 404
    assert client.post(page, {"choice": "approve", "version": "1"}).status_code == 404
    assert not SignOff.objects.exists()


def test_the_start_page_badge_counts_a_storys_own_step(client, asked, city_story, second_editor):
    client.force_login(second_editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Legal: waiting" in page


def test_the_ask_form_costs_the_same_however_many_people_may_sign(
    client, city_story, editor, make_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    page = reverse("admin:articles_article_change", args=[city_story.pk])
    client.get(page)  # warm caches

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert "Ask for a sign-off of this story" in client.get(page).content.decode()
        return len(captured)

    before = queries()
    for n in range(12):
        make_user(f"staff{n}")
    assert queries() == before
