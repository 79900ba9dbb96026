"""Proposals handled in place on the story page: no revision of their own, no proposal
repeating an attribution the story has, no dismissed proposal back after a small edit, and
the addresses behind the buttons answer hostile input with a 404 or a sentence."""

import pytest
from django.urls import reverse

from articles.workflow import revisions
from articles.workflow.events import PROPOSAL_ACCEPTED
from sources.assistant import propose_attributions
from sources.models import Attribution, AttributionProposal, ProposalStatus, Source
from sources.proposals import (
    proposal_accept_in_place,
    proposal_dismiss,
    proposals_refresh,
    same_sentence,
)
from sources.story_sourcing import attributions, found_message
from tests.sources.assistant.conftest import STORY_BODY

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def pending(story, **filters):
    return story.proposals.filter(status=ProposalStatus.PENDING, **filters)


# The similarity rule


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("The White House declined to comment.", "The White House declined to comment.", True),
        (
            "The White House declined to comment.",
            "The White House again declined to comment.",
            True,
        ),
        ("The White House declined to comment.", "The White House refused to comment.", True),
        ("The White House declined to comment.", "The White House declined comment.", True),
        ("The White House declined to comment.", "THE WHITE HOUSE — declined to comment!", True),
        (
            "The White House declined to comment.",
            "Asked about the pier on Friday, a spokesman for the White House declined to say more.",
            False,
        ),
        ("Ana Ruiz said the plan was necessary.", "Ana Ruiz called the pier a waste.", False),
    ],
)
def test_a_one_word_edit_is_the_same_sentence_and_a_rewrite_is_not(old, new, same):
    assert same_sentence(old, new) is same


def test_the_comparison_of_very_long_sentences_is_bounded():
    long = " ".join(f"w{i}" for i in range(20000))
    assert same_sentence(long, long + " more") is True


def test_a_dismissed_proposal_stays_dismissed_after_a_one_word_edit(story, reporter):
    proposals_refresh(article=story)
    proposal_dismiss(proposal=pending(story, kind="declined").get(), user=reporter)

    story.body = STORY_BODY.replace("The White House declined", "The White House again declined")
    story.save()
    proposals_refresh(article=story)

    assert not pending(story, kind="declined").exists()


def test_a_dismissed_proposal_comes_back_when_its_sentence_is_rewritten(story, reporter):
    proposals_refresh(article=story)
    proposal_dismiss(proposal=pending(story, kind="declined").get(), user=reporter)

    story.body = STORY_BODY.replace(
        "The White House declined to comment.",
        "Reached on Sunday night, a White House spokesman declined to comment on the talks.",
    )
    story.save()
    proposals_refresh(article=story)

    assert pending(story, kind="declined").exists()


# Nothing repeats an attribution the story has


def test_a_source_attributed_by_hand_is_not_proposed(story):
    doe = Source.objects.create(name="Jane Doe", kind="person", descriptor="D-Wash.")
    Attribution.objects.create(article=story, source=doe, kind="quoted")

    proposals_refresh(article=story)

    assert not pending(story, kind="quoted", name="Jane Doe").exists()
    assert pending(story, kind="declined").exists()


def test_a_pending_proposal_goes_when_its_source_is_attributed_by_hand(client, story, reporter):
    from tests.conftest import story_form_data

    proposals_refresh(article=story)
    doe = Source.objects.create(name="Jane Doe", kind="person")
    assert pending(story, kind="quoted", name="Jane Doe").exists()
    Attribution.objects.create(article=story, source=doe, kind="quoted")
    client.force_login(reporter)
    url, data, _ = story_form_data(client, story)

    assert client.post(url, data).status_code == 302

    assert not pending(story, kind="quoted", name="Jane Doe").exists()


def test_another_quotation_of_the_same_speaker_is_still_proposed(make_article, reporter):
    ruiz = Source.objects.create(name="Ana Ruiz", kind="person")
    story = make_article(
        body="<p>“We will rebuild the pier by May,” said Ana Ruiz.</p>"
        "<p>“The money is already in the budget,” Ruiz said.</p>",
        created_by=reporter,
    )
    Attribution.objects.create(
        article=story, source=ruiz, kind="quoted", quote="We will rebuild the pier by May"
    )

    proposals_refresh(article=story)

    (other,) = pending(story, kind="quoted")
    assert "money is already in the budget" in other.quote


# Accepting in place


def test_accepting_in_place_writes_no_revision_and_says_so_in_the_history(story, reporter):
    proposals_refresh(article=story)
    revisions.record_revision(story, user=reporter, comment="Created")
    version = story.version

    attribution = proposal_accept_in_place(
        proposal=pending(story, kind="quoted").get(), user=reporter
    )

    assert attribution.source.name == "Jane Doe"
    assert revisions.versions_of(story).count() == 1
    story.refresh_from_db()
    assert story.version == version
    event = story.events.get(action=PROPOSAL_ACCEPTED)
    assert event.note == "Accepted the assistant's proposal: Quoted — Jane Doe"
    assert (event.actor, event.from_state, event.to_state) == (reporter, "draft", "draft")


def test_accepting_in_place_keeps_the_findings_counts_true(story, reporter):
    from sources.standards import check_article

    proposals_refresh(article=story)
    story.findings_to_fix = 99  # stale
    story.save(update_fields=["findings_to_fix"])

    proposal_accept_in_place(proposal=pending(story, kind="declined").get(), user=reporter)

    story.refresh_from_db()
    assert story.findings_to_fix == sum(1 for f in check_article(story) if f.is_blocking)


def test_the_accept_address_answers_the_page_in_place(client, story, reporter):
    proposals_refresh(article=story)
    client.force_login(reporter)
    quoted = pending(story, kind="quoted").get()

    response = client.post(
        reverse("admin:sources_attributionproposal_accept", args=[quoted.pk]), **JSON
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["message"].startswith("Accepted: Jane Doe (Quoted).")
    assert "Jane Doe" in answer["panels"]["sources"]
    assert f'id="proposal-{quoted.pk}"' not in answer["panels"]["proposals"]
    assert "Accepted from a proposal: Quoted — Jane Doe" in answer["attribution"]
    assert not revisions.versions_of(story).exists()


def test_edit_then_accept_in_place_uses_the_corrections(client, story, reporter):
    proposals_refresh(article=story)
    client.force_login(reporter)
    quoted = pending(story, kind="quoted").get()
    prefix = f"proposal-{quoted.pk}"

    response = client.post(
        reverse("admin:sources_attributionproposal_accept", args=[quoted.pk]),
        {
            f"{prefix}-kind": "quoted",
            f"{prefix}-name": "Jane Q. Doe",
            f"{prefix}-descriptor_as_written": "Rep.",
            f"{prefix}-quote": "was necessary",
        },
        **JSON,
    )

    assert response.status_code == 200, response.content
    assert Attribution.objects.get(article=story).source.name == "Jane Q. Doe"


def test_a_bad_edit_is_a_sentence_per_field_and_accepts_nothing(client, story, reporter):
    proposals_refresh(article=story)
    client.force_login(reporter)
    quoted = pending(story, kind="quoted").get()
    prefix = f"proposal-{quoted.pk}"

    response = client.post(
        reverse("admin:sources_attributionproposal_accept", args=[quoted.pk]),
        {f"{prefix}-kind": "nonsense", f"{prefix}-name": "x" * 5000},
        **JSON,
    )

    assert response.status_code == 400
    answer = response.json()
    assert answer["error"].startswith("Not accepted yet")
    assert set(answer["errors"]) >= {"kind", "name"}
    assert not Attribution.objects.filter(article=story).exists()


@pytest.mark.parametrize("pk", ["²", "١٢", "9" * 40, "-1", "1_0"])
@pytest.mark.parametrize("verb", ["accept", "dismiss"])
def test_hostile_ids_are_a_404(client, reporter, pk, verb):
    client.force_login(reporter)
    url = f"/admin/sources/attributionproposal/{pk}/{verb}/"
    assert client.post(url, **JSON).status_code == 404


def test_someone_who_may_not_change_the_story_is_refused_with_a_sentence(client, story, make_user):
    proposals_refresh(article=story)
    other = make_user("otto", groups=["Reporters"])
    client.force_login(other)
    quoted = pending(story, kind="quoted").get()

    response = client.post(
        reverse("admin:sources_attributionproposal_dismiss", args=[quoted.pk]), **JSON
    )

    assert response.status_code == 403
    assert response.json()["error"]
    quoted.refresh_from_db()
    assert quoted.status == ProposalStatus.PENDING


# Words


@pytest.mark.parametrize(
    ("count", "said"),
    [(1, "1 new attribution"), (8, "8 new attributions"), (0, "0 new attributions")],
)
def test_counts_are_in_plain_plurals(count, said):
    assert attributions(count) == said


def test_look_again_says_what_it_found_in_words():
    assert found_message(0) == "The assistant found no new attributions to propose."
    assert found_message(1) == "The assistant found 1 new attribution to propose."


def test_trigger_words_are_whole_words():
    text = (
        "“The harbor authority will rebuild the entire northern breakwater before winter,” "
        "said Ana Ruiz."
    )
    (quoted,) = [p for p in propose_attributions(text, []) if p.kind == "quoted"]
    last = quoted.trigger.split()[-1]
    assert last in text.replace("“", " ").replace(",", " ").split()


def test_a_trigger_ending_a_sentence_is_shown_without_its_stop():
    from sources.admin.proposal_rows import proposal_rule

    proposal = AttributionProposal(
        rule="quotes", trigger="“was necessary.”", evidence="the plan “was necessary.”"
    )
    assert proposal_rule(proposal).endswith("on the words “was necessary”.")


def test_a_trigger_stored_cut_is_shown_whole(story):
    from sources.admin.proposal_rows import proposal_rule

    proposal = AttributionProposal(
        rule="quotes", trigger="“was necess", evidence="the plan “was necessary.”"
    )
    assert proposal_rule(proposal) == (
        "Found by the rule for a quotation and its speaker, on the words “was necessary”."
    )
