"""Review chains: sign-offs per section before publishing, who may sign, the reopening rule,
sign-off links for people without an account, and the admin's panel and configuration."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import (
    ArticleAuthor,
    PublishedArticle,
    ReviewStep,
    SignOff,
    SignOffLink,
    StoryPart,
)
from articles.review import chains as review_chains
from articles.review import links as sign_off_links
from articles.review import signoffs
from articles.workflow.revisions import record_revision
from authors.models import Author

pytestmark = pytest.mark.django_db

TEXT_ONLY = [StoryPart.TEXT.value]
TEXT_AND_DISPLAY = [StoryPart.TEXT.value, StoryPart.DISPLAY.value]


@pytest.fixture
def probe(make_article, reporter, investigations, clock):
    """An Investigations story by `reporter`, in review."""
    article = make_article(
        "Harbor contractor billed the city twice",
        section=investigations,
        created_by=reporter,
        dek="Invoices show the same dredging paid for in 2023 and 2024.",
        body="<p>The contractor billed the city twice for the same work.</p>",
    )
    record_revision(article, user=reporter, comment="Created")
    workflow.submit_for_review(reporter, article, now=clock)
    return article


def sign_all(probe, chain, lawyer, standards_editor, editor, clock):
    legal, standards, managing = chain
    signoffs.sign_off(lawyer, probe, step=legal, decision="approve", now=clock)
    signoffs.sign_off(standards_editor, probe, step=standards, decision="approve", now=clock)
    signoffs.sign_off(editor, probe, step=managing, decision="approve", now=clock)


def statuses(probe) -> dict[str, str]:
    return {state.step.name: state.status for state in review_chains.chain_state(probe)}


def save(user, probe, clock, **changes):
    for name, value in changes.items():
        setattr(probe, name, value)
    return workflow.save_article(user, probe, expected_version=probe.version, now=clock)


# --- publishing waits for the chain -----------------------------------------------------------


def test_publish_is_refused_naming_every_step_still_waiting(probe, chain, editor, clock):
    with pytest.raises(workflow.SignOffsMissing) as refused:
        workflow.publish(editor, probe, now=clock)
    assert refused.value.code == "sign_offs_missing"
    assert (
        "Waiting for: Legal (the Legal group), Standards (Sam Okafor), "
        "Managing editor (Edna Ives)." in str(refused.value)
    )
    assert not PublishedArticle.objects.filter(article=probe).exists()
    probe.refresh_from_db()
    assert probe.state == "in_review"


def test_publish_goes_through_once_every_step_signed_off(
    probe, chain, lawyer, standards_editor, editor, clock
):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    snap = workflow.publish(editor, probe, now=clock)
    assert snap.headline == "Harbor contractor billed the city twice"
    notes = list(probe.events.filter(action="sign_off").values_list("note", flat=True))
    assert len(notes) == 3
    assert any(n.startswith("Legal: approved by Lena Marsh") for n in notes)


def test_refusal_names_only_the_steps_left(probe, chain, lawyer, editor, clock):
    signoffs.sign_off(lawyer, probe, step=chain[0], decision="approve", now=clock)
    with pytest.raises(workflow.SignOffsMissing) as refused:
        workflow.publish(editor, probe, now=clock)
    assert "Legal" not in str(refused.value).split("Waiting for:")[1]
    assert "Standards (Sam Okafor), Managing editor (Edna Ives)" in str(refused.value)


def test_a_section_without_a_chain_publishes_as_before(make_article, reporter, editor, clock):
    article = make_article(created_by=reporter)
    workflow.submit_for_review(reporter, article, now=clock)
    assert workflow.publish(editor, article, now=clock).pk


def test_a_rejection_blocks_publishing_with_its_note(
    probe, chain, lawyer, standards_editor, editor, clock
):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    signoffs.sign_off(
        lawyer, probe, step=chain[0], decision="reject", note="Paragraph 2 names him.", now=clock
    )
    with pytest.raises(workflow.SignOffsMissing) as refused:
        workflow.publish(editor, probe, now=clock)
    assert "Rejected by Legal (Lena Marsh): “Paragraph 2 names him.”" in str(refused.value)
    assert probe.events.filter(action="reject_sign_off").count() == 1


def test_a_rejection_needs_a_note(probe, chain, lawyer, clock):
    with pytest.raises(workflow.NoteRequired):
        signoffs.sign_off(lawyer, probe, step=chain[0], decision="reject", note=" ", now=clock)
    assert not SignOff.objects.exists()


def test_publish_now_and_reschedule_wait_for_a_chain_added_after_scheduling(
    make_article, reporter, editor, investigations, clock
):
    article = make_article(section=investigations, created_by=reporter)
    workflow.submit_for_review(reporter, article, now=clock)
    workflow.publish(editor, article, at=clock + timedelta(days=3), now=clock)
    ReviewStep.objects.create(section=investigations, name="Managing editor", user=editor)
    with pytest.raises(workflow.SignOffsMissing, match="Managing editor"):
        workflow.publish_now(editor, article, now=clock)
    with pytest.raises(workflow.SignOffsMissing):
        workflow.reschedule(editor, article, at=clock + timedelta(days=4), now=clock)


def test_each_step_is_mailed_when_its_turn_comes(
    make_article,
    reporter,
    chain,
    lawyer,
    standards_editor,
    editor,
    investigations,
    clock,
    django_capture_on_commit_callbacks,
):
    article = make_article(section=investigations, created_by=reporter)
    record_revision(article, user=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(reporter, article, now=clock)
    legal_mail = [m for m in mail.outbox if m.subject.startswith("Sign-off needed (Legal)")]
    assert [m.to for m in legal_mail] == [[lawyer.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signoffs.sign_off(lawyer, article, step=chain[0], decision="approve", now=clock)
    assert [(m.subject.split(":")[0], m.to) for m in mail.outbox] == [
        ("Legal signed", [reporter.email]),  # the reporter hears of the decision
        ("Sign-off needed (Standards)", [standards_editor.email]),
    ]


# --- who may sign which step --------------------------------------------------------------------


def test_any_member_of_a_group_step_may_sign_it(probe, chain, make_user, clock):
    colleague = make_user("lou")
    colleague.groups.add(Group.objects.get(name="Legal"))
    signoffs.sign_off(colleague, probe, step=chain[0], decision="approve", now=clock)
    assert statuses(probe)["Legal"] == "signed"


def test_someone_outside_the_group_may_not_sign_it(probe, chain, second_editor, clock):
    with pytest.raises(workflow.WorkflowPermissionError, match="Only the Legal group"):
        signoffs.sign_off(second_editor, probe, step=chain[0], decision="approve", now=clock)


def test_only_the_named_person_signs_a_person_step(probe, chain, lawyer, second_editor, clock):
    signoffs.sign_off(lawyer, probe, step=chain[0], decision="approve", now=clock)
    with pytest.raises(workflow.WorkflowPermissionError, match="Only Sam Okafor"):
        signoffs.sign_off(second_editor, probe, step=chain[1], decision="approve", now=clock)


def test_reporters_cannot_sign_not_even_their_own_story_from_inside_the_group(
    probe, chain, reporter, other_reporter, clock
):
    with pytest.raises(workflow.WorkflowPermissionError):
        signoffs.sign_off(other_reporter, probe, step=chain[0], decision="approve", now=clock)
    reporter.groups.add(Group.objects.get(name="Legal"))
    with pytest.raises(workflow.WorkflowPermissionError, match="You wrote this story"):
        signoffs.sign_off(reporter, probe, step=chain[0], decision="approve", now=clock)
    assert not SignOff.objects.exists()


def test_approvals_follow_the_chain_order(probe, chain, standards_editor, clock):
    with pytest.raises(workflow.WorkflowPermissionError, match="Legal signs before Standards"):
        signoffs.sign_off(standards_editor, probe, step=chain[1], decision="approve", now=clock)
    # Saying no does not wait for its turn.
    signoffs.sign_off(
        standards_editor, probe, step=chain[1], decision="reject", note="Sourcing thin.", now=clock
    )
    assert statuses(probe)["Standards"] == "rejected"


def test_a_step_of_another_section_is_refused(probe, chain, editor, section, clock):
    elsewhere = ReviewStep.objects.create(section=section, name="City desk", user=editor)
    with pytest.raises(workflow.WorkflowPermissionError, match="not a step of this story"):
        signoffs.sign_off(editor, probe, step=elsewhere, decision="approve", now=clock)


# --- the reopening rule ----------------------------------------------------------------------


def test_a_body_change_reopens_every_step_legal_included(
    probe, chain, lawyer, standards_editor, editor, clock
):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    save(editor, probe, clock, body="<p>The contractor billed the city twice, records show.</p>")
    assert statuses(probe) == {
        "Legal": "waiting",
        "Standards": "waiting",
        "Managing editor": "waiting",
    }
    event = probe.events.get(action="sign_off_reopened")
    assert "Legal, Standards, Managing editor: the body changed." in event.note
    with pytest.raises(workflow.SignOffsMissing, match="Waiting for: Legal"):
        workflow.publish(editor, probe, now=clock)


def test_a_byline_change_reopens_legal(probe, chain, lawyer, standards_editor, editor, clock):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    second = Author.objects.create(name="Dev Anand", slug="dev-anand")

    def add_author(article):
        ArticleAuthor.objects.create(article=article, author=second, position=1)

    workflow.save_article(
        editor, probe, expected_version=probe.version, now=clock, save_parts=add_author
    )
    assert statuses(probe)["Legal"] == "waiting"


def test_a_headline_change_reopens_display_steps_but_not_legal(
    probe, chain, lawyer, standards_editor, editor, clock
):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    save(editor, probe, clock, headline="City paid harbor contractor twice")
    assert statuses(probe) == {
        "Legal": "signed",
        "Standards": "waiting",
        "Managing editor": "waiting",
    }
    reopened = SignOff.objects.get(step=chain[1])
    assert reopened.reopened_because == "the headline changed"


def test_a_typo_fix_in_the_dek_reopens_nothing(
    probe, chain, lawyer, standards_editor, editor, clock
):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    save(editor, probe, clock, dek="Invoices show the same dredging paid for in 2023 and 2024!")
    assert set(statuses(probe).values()) == {"signed"}
    assert "typo fix" in probe.events.get(action="sign_off_kept").note
    assert workflow.publish(editor, probe, now=clock).dek.endswith("2024!")


@pytest.mark.parametrize(
    "dek",
    [
        # a negation added: a short edit, but it reverses the meaning
        "Invoices do not show the same dredging paid for in 2023 and 2024.",
        # a number changed by one character
        "Invoices show the same dredging paid for in 2022 and 2024.",
        # a rewrite
        "The city paid twice for one dredging job, its own invoices show.",
    ],
)
def test_a_real_dek_change_reopens_display_steps_not_legal(
    probe, chain, lawyer, standards_editor, editor, clock, dek
):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    save(editor, probe, clock, dek=dek)
    assert statuses(probe) == {
        "Legal": "signed",
        "Standards": "waiting",
        "Managing editor": "waiting",
    }


def test_small_dek_edits_add_up_against_the_signed_text(
    probe, chain, lawyer, standards_editor, editor, clock
):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    save(editor, probe, clock, dek="Invoices show the same dredgng paid for in 2023 and 2024.")
    assert statuses(probe)["Standards"] == "signed"
    # Four characters away from the signed dek, though this save changes only three
    save(editor, probe, clock, dek="Invoices shw the same dredgng pid fr in 2023 and 2024.")
    assert statuses(probe)["Standards"] == "waiting"


def test_tags_and_slug_reopen_nothing(probe, chain, lawyer, standards_editor, editor, clock):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    save(editor, probe, clock, slug="harbor-double-billing")
    assert set(statuses(probe).values()) == {"signed"}
    assert not probe.events.filter(action="sign_off_reopened").exists()


def test_a_reopened_step_signs_again_and_the_story_publishes(
    probe, chain, lawyer, standards_editor, editor, clock
):
    sign_all(probe, chain, lawyer, standards_editor, editor, clock)
    save(editor, probe, clock, headline="City paid harbor contractor twice")
    signoffs.sign_off(standards_editor, probe, step=chain[1], decision="approve", now=clock)
    signoffs.sign_off(editor, probe, step=chain[2], decision="approve", now=clock)
    assert workflow.publish(editor, probe, now=clock).headline.startswith("City paid")


def test_the_dek_typo_rule():
    assert review_chains.is_dek_typo_fix("Comissioners vote", "Commissioners vote")
    assert not review_chains.is_dek_typo_fix("Council will vote", "Council won't vote")
    assert not review_chains.is_dek_typo_fix("Cost $3m", "Cost $8m")
    assert not review_chains.is_dek_typo_fix("Ferry fares rise", "Bus fares fall")
    assert review_chains.edit_distance("kitten", "sitting", limit=5) == 3


# --- sign-off links ---------------------------------------------------------------------------


@pytest.fixture
def legal_link(probe, chain, editor, clock):
    return signoffs.send_sign_off_link(
        editor, probe, step=chain[0], days=2, sent_to="ada@counsel.example"
    )


def link_address(link) -> str:
    return reverse("external:sign_off", args=[sign_off_links.signed_token(link)])


def test_reporters_cannot_send_sign_off_links(probe, chain, reporter):
    with pytest.raises(workflow.WorkflowPermissionError):
        signoffs.send_sign_off_link(reporter, probe, step=chain[0], sent_to="ada@counsel.example")
    assert not SignOffLink.objects.exists()


def test_the_link_page_shows_the_story_and_records_the_opening(client, legal_link):
    response = client.get(link_address(legal_link), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sign-off requested: Legal" in page
    assert "The contractor billed the city twice" in page
    assert response["Cache-Control"] == "private, no-store"
    legal_link.refresh_from_db()
    assert len(legal_link.visits) == 1
    assert "203.0.113.9" not in str(legal_link.visits)
    assert legal_link.visits[0]["ip_hash"] == sign_off_links.ip_hash("203.0.113.9")


def test_a_decision_by_link_signs_the_step_and_is_kept(client, probe, legal_link, editor):
    client.get(link_address(legal_link), REMOTE_ADDR="203.0.113.9")
    response = client.post(
        link_address(legal_link),
        {"name": "Ada Counsel", "email": "ada@counsel.example", "decision": "approve"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    decided = SignOff.objects.get(step=legal_link.step)
    assert (decided.external_name, decided.signer, decided.link) == (
        "Ada Counsel",
        None,
        legal_link,
    )
    assert decided.ip_hash == sign_off_links.ip_hash("203.0.113.9")
    # It keeps who the link was mailed to, who sent it and when it was first opened.
    assert (decided.link_sent_to, decided.link_sent_by) == ("ada@counsel.example", editor)
    assert decided.link_opened_at is not None
    event = probe.events.get(action="sign_off")
    assert event.actor is None
    assert "approved by Ada Counsel (by link, ada@counsel.example; mailed to " in event.note
    assert "ada@counsel.example by Edna Ives, first opened " in event.note
    # The page now says what was decided, and the link cannot decide again.
    page = client.get(link_address(legal_link)).content.decode()
    assert "Approved" in page and "Ada Counsel" in page and "Send my decision" not in page
    client.post(link_address(legal_link), {"name": "Mallory", "decision": "reject", "note": "x"})
    assert SignOff.objects.count() == 1


def test_a_link_rejection_without_a_note_keeps_what_was_typed(client, legal_link):
    response = client.post(
        link_address(legal_link), {"name": "Ada Counsel", "decision": "reject", "note": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say why you reject it" in page
    assert 'value="Ada Counsel"' in page
    assert not SignOff.objects.exists()


def test_a_decision_on_text_changed_while_reading_is_refused(client, probe, legal_link, editor):
    read = probe.version
    save(editor, probe, None, body="<p>The contractor billed the city twice, records show.</p>")
    response = client.post(
        link_address(legal_link),
        {"name": "Ada Counsel", "decision": "approve", "version": read},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "was changed while you read it" in page
    assert "records show." in page  # the page now shows the new text
    assert f'name="version" value="{probe.version}"' in page
    assert not SignOff.objects.exists()


@pytest.mark.parametrize("how", ["expired", "revoked", "tampered", "unknown"])
def test_an_unusable_link_is_a_404_with_a_sentence(client, legal_link, editor, how):
    address = link_address(legal_link)
    if how == "expired":
        SignOffLink.objects.filter(pk=legal_link.pk).update(
            expires_at=legal_link.created_at - timedelta(seconds=1)
        )
    elif how == "revoked":
        signoffs.revoke_sign_off_link(editor, legal_link)
    elif how == "tampered":
        address = address.replace(legal_link.token[:4], "AAAA", 1)
    else:
        address = reverse("external:sign_off", args=["nothing:here"])
    for response in (
        client.get(address),
        client.post(address, {"name": "Ada", "decision": "approve"}),
    ):
        assert response.status_code == 404
        assert "This sign-off link" in response.content.decode()
    assert not SignOff.objects.exists()


def test_an_embargoed_story_leaves_only_by_a_link_cleared_for_the_embargo(
    client, probe, chain, legal_link, editor
):
    probe.embargo_until = timezone.now() + timedelta(days=1)
    probe.save(update_fields=["embargo_until"])
    # The link sent before the embargo stops opening while it lasts.
    response = client.get(link_address(legal_link))
    assert response.status_code == 404
    assert "under embargo" in response.content.decode()
    with pytest.raises(workflow.WorkflowError, match="embargoed until") as refused:
        signoffs.send_sign_off_link(editor, probe, step=chain[0], sent_to="ada@counsel.example")
    assert refused.value.code == "embargoed"
    cleared = signoffs.send_sign_off_link(
        editor, probe, step=chain[0], sent_to="ada@counsel.example", embargo_cleared=True
    )
    assert client.get(link_address(cleared)).status_code == 200


def test_revoking_is_for_editors_and_recorded(legal_link, reporter, editor, probe):
    with pytest.raises(workflow.WorkflowPermissionError):
        signoffs.revoke_sign_off_link(reporter, legal_link)
    signoffs.revoke_sign_off_link(editor, legal_link)
    assert probe.events.filter(action="sign_off_link_revoked").count() == 1


def test_a_link_for_a_later_step_waits_for_the_earlier_ones(client, probe, chain, editor):
    # Sam Okafor's step, by a link mailed to his address.
    link = signoffs.send_sign_off_link(editor, probe, step=chain[1], sent_to="sam@example.com")
    response = client.post(link_address(link), {"name": "Ada", "decision": "approve"})
    assert response.status_code == 400
    assert "Legal signs before Standards" in response.content.decode()


# --- the admin ------------------------------------------------------------------------------


def test_the_story_panel_shows_the_chain_and_the_signers_buttons(
    client, probe, chain, lawyer, standards_editor, clock
):
    signoffs.sign_off(lawyer, probe, step=chain[0], decision="approve", now=clock)
    client.force_login(standards_editor)
    page = client.get(reverse("admin:articles_article_change", args=[probe.pk])).content.decode()
    assert "Sign-offs before publishing" in page
    assert "Signed</span> by Lena Marsh" in page
    assert "Send a sign-off link" in page
    assert page.count(':approve"') == 1  # only Sam's own step (a button of the story form)
    response = client.post(
        reverse("admin:articles_reviewstep_decide", args=[probe.pk]),
        {"step": chain[1].pk, "decision": "approve"},
    )
    assert response.status_code == 302
    assert statuses(probe)["Standards"] == "signed"


def test_the_panel_mails_a_link_and_never_shows_it(
    client, probe, chain, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[probe.pk])).content.decode()
    # The Legal step's choice: its member and its outside signer; not Edna herself.
    assert '<option value="ada@counsel.example">' in page
    assert '<option value="lena@example.com">' in page
    assert '<option value="edna@example.com">' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_reviewstep_send_link", args=[probe.pk]),
            {"step": chain[0].pk, "days": "2", "sent_to": "Ada@Counsel.example"},
            follow=True,
        )
    link = SignOffLink.objects.get()
    page = response.content.decode()
    token = sign_off_links.signed_token(link)
    assert token not in page and "/sign-off/" not in page
    assert "Sign-off link for Legal mailed to ada@counsel.example" in page
    assert "Link mailed to ada@counsel.example" in page and "opened 0×" in page
    [sent] = [m for m in mail.outbox if "Sign-off requested" in m.subject]
    assert sent.to == ["ada@counsel.example"]
    assert sign_off_links.link_url(link) in sent.body and token in sent.body
    assert probe.events.get(action="sign_off_link_sent").note.startswith(
        "Legal: sign-off link mailed to ada@counsel.example"
    )


def test_reporters_and_editors_do_not_configure_chains_admins_do(
    client, reporter, editor, superuser, investigations, lawyer
):
    client.force_login(reporter)
    assert client.get(reverse("admin:articles_reviewstep_changelist")).status_code == 403
    client.force_login(editor)  # sees the chains, changes nothing (tests/.../test_chain_setup.py)
    assert client.get(reverse("admin:articles_reviewstep_changelist")).status_code == 200
    add = reverse("admin:articles_reviewstep_add")
    assert client.get(add).status_code == 403
    client.force_login(superuser)
    both = {
        "section": investigations.pk,
        "position": 1,
        "name": "Legal",
        "group": Group.objects.get(name="Legal").pk,
        "user": editor.pk,
        "touches": ["display"],
    }
    response = client.post(add, both)
    assert "Choose either a group" in response.content.decode()
    del both["user"]
    assert client.post(add, both).status_code == 302
    # Every step reads the text, whatever was ticked.
    assert ReviewStep.objects.get().touches == ["display", "text"]
    listing = client.get(reverse("admin:articles_reviewstep_changelist")).content.decode()
    assert "the Legal group" in listing and "text and display" in listing


# --- issue 19: nobody satisfies a chain alone through a link ----------------------------------


def _send_link(client, probe, step, sent_to):
    return client.post(
        reverse("admin:articles_reviewstep_send_link", args=[probe.pk]),
        {"step": step.pk, "days": "1", "sent_to": sent_to},
        follow=True,
    )


def _approve_by_every_link(probe, step):
    """What an attacker does with whatever link was made: open it logged out and approve."""
    for link in SignOffLink.objects.filter(step=step):
        outsider = Client()
        outsider.get(link_address(link))
        outsider.post(
            link_address(link),
            {"name": "Counsel", "decision": "approve", "version": probe.version},
        )


def test_an_editor_outside_legal_cannot_sign_legal_by_a_link_to_an_address_they_choose(
    client, probe, chain, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        page = _send_link(client, probe, chain[0], "legal@firm.example").content.decode()
    assert "/sign-off/" not in page
    _approve_by_every_link(probe, chain[0])
    assert statuses(probe)["Legal"] == "waiting"
    assert not SignOffLink.objects.exists()
    assert all("legal@firm.example" not in m.to for m in mail.outbox)


def test_an_editor_cannot_sign_their_own_step_by_a_link_to_themselves(
    client,
    probe,
    chain,
    lawyer,
    standards_editor,
    editor,
    clock,
    django_capture_on_commit_callbacks,
):
    signoffs.sign_off(lawyer, probe, step=chain[0], decision="approve", now=clock)
    signoffs.sign_off(standards_editor, probe, step=chain[1], decision="approve", now=clock)
    client.force_login(editor)  # Edna is the managing editor's step
    for address in ("legal@firm.example", editor.email):
        with django_capture_on_commit_callbacks(execute=True):
            page = _send_link(client, probe, chain[2], address).content.decode()
        assert "/sign-off/" not in page
    _approve_by_every_link(probe, chain[2])
    assert statuses(probe)["Managing editor"] == "waiting"
    assert review_chains.publish_refusal(probe)


# --- issue 19: a used link closes on the text decided on --------------------------------------


def _decide(client, link, **typed):
    return client.post(link_address(link), {"name": "Ada Counsel", "decision": "approve", **typed})


def test_a_used_link_never_shows_later_edits(client, probe, legal_link, editor):
    assert _decide(client, legal_link).status_code == 302
    save(editor, probe, None, body="<p>The contractor billed the city twice. MARKER-19.</p>")
    page = client.get(link_address(legal_link)).content.decode()
    assert "Approved" in page and "Ada Counsel" in page
    assert "MARKER-19" not in page


def test_a_used_link_expires_as_promised(client, legal_link):
    assert _decide(client, legal_link).status_code == 302
    SignOffLink.objects.filter(pk=legal_link.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(link_address(legal_link))
    assert response.status_code == 404
    assert "expired" in response.content.decode()


def test_a_used_link_can_be_revoked_from_the_panel(client, probe, legal_link, editor):
    assert _decide(client, legal_link).status_code == 302
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[probe.pk])).content.decode()
    revoke = reverse("admin:articles_reviewstep_revoke_link", args=[probe.pk, legal_link.pk])
    assert f'action="{revoke}"' in page
    client.post(revoke)
    legal_link.refresh_from_db()
    assert legal_link.revoked_at is not None
    client.logout()
    assert client.get(link_address(legal_link)).status_code == 404


def test_every_opening_of_a_link_is_counted(client, legal_link):
    for _ in range(sign_off_links.MAX_VISITS_KEPT + 10):
        client.get(link_address(legal_link))
    legal_link.refresh_from_db()
    assert legal_link.opened_count == sign_off_links.MAX_VISITS_KEPT + 10
    assert len(legal_link.visits) == sign_off_links.MAX_VISITS_KEPT


def test_a_link_goes_only_to_an_address_the_step_allows(probe, chain, editor, reporter):
    reporter.groups.add(Group.objects.get(name="Legal"))  # a reporter who is also in Legal
    for address, why in (
        ("legal@firm.example", "goes only to someone who may sign it"),
        ("", "Choose who the link"),
        (editor.email, "goes only to someone who may sign it"),  # not in Legal
        (reporter.email.upper(), "reports this story"),
    ):
        with pytest.raises(workflow.WorkflowPermissionError, match=why) as refused:
            signoffs.send_sign_off_link(editor, probe, step=chain[0], sent_to=address)
        assert refused.value.code == "link_addressee_not_allowed"
    with pytest.raises(workflow.WorkflowPermissionError, match="your own link"):
        signoffs.send_sign_off_link(editor, probe, step=chain[2], sent_to=editor.email)
    assert not SignOffLink.objects.exists()


@pytest.mark.parametrize("how", ["sent_to_the_sender", "signer_removed", "sender_gone"])
def test_a_link_decides_nothing_once_its_addressee_is_not_allowed(
    client, probe, chain, editor, legal_link, how
):
    if how == "sent_to_the_sender":  # a link made before the check (or past it)
        legal_link = sign_off_links.new_link(
            editor, probe, chain[2], days=2, sent_to=editor.email, now=timezone.now()
        )
        # A rejection needs no turn in the chain's order.
        decision = {"decision": "reject", "note": "Looks wrong."}
    else:
        decision = {"decision": "approve"}
    if how == "signer_removed":
        chain[0].outside_signers = []
        chain[0].save()
    if how == "sender_gone":  # the sender's account deleted (SET_NULL)
        SignOffLink.objects.filter(pk=legal_link.pk).update(created_by=None)
    response = client.post(link_address(legal_link), {"name": "Counsel", **decision})
    assert response.status_code == 400
    assert "not sent to someone who may sign it" in response.content.decode()
    assert not SignOff.objects.exists()


def test_only_admins_name_a_steps_outside_signers(client, chain, editor, superuser):
    change = reverse("admin:articles_reviewstep_change", args=[chain[0].pk])
    client.force_login(editor)
    page = client.get(change).content.decode()
    assert 'name="outside_signers"' not in page and "ada@counsel.example" in page
    client.force_login(superuser)
    page = client.get(change).content.decode()
    assert 'name="outside_signers"' in page
    form = {
        "section": chain[0].section_id,
        "position": 1,
        "name": "Legal",
        "group": chain[0].group_id,
        "outside_signers": "Ada@Counsel.example, counsel@firm.example",
        "touches": ["text"],
    }
    assert client.post(change, form).status_code == 302
    chain[0].refresh_from_db()
    assert chain[0].outside_signers == ["ada@counsel.example", "counsel@firm.example"]
