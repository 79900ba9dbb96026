"""A correction that names its claim finds every other live story repeating it, and each
gets its correction in one action, published through the workflow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles.models import PublishedArticle
from sources.admin.inlines import CorrectionEditForm
from sources.models import Attribution, Correction, Source
from sources.standards import claim_corrections
from tests.sources.conftest import publish_story

pytestmark = pytest.mark.django_db

CLAIM = "the council voted 7 to 2 to close the Eastside library"
FIX = "An earlier version said the council voted 7 to 2 to close the library; the vote was 5 to 4."


def story(make_article, headline, body, *, publish=True):
    article = make_article(headline, body=f"<p>{body}</p>")
    if publish:
        publish_story(article)
        article.refresh_from_db()
    return article


@pytest.fixture
def stories(make_article):
    first = story(make_article, "Eastside library to close", f"On Monday {CLAIM} in June.")
    made = {
        "first": first,
        "repeats": story(
            make_article, "Readers mourn a library", "Last week The Council Voted 7 to 2 to "
            "close the Eastside library, and readers came to say goodbye.",
        ),
        "follow-up": story(
            make_article, "What the closure means", f"After {CLAIM}, the bookmobile will run "
            "twice a week.",
        ),
        "other": story(
            make_article, "Westside library opens late", "The council voted to keep the "
            "Westside library open until nine.",
        ),
        "draft": story(
            make_article, "Draft about the vote", f"{CLAIM}.", publish=False
        ),
        "quoting": story(
            make_article, "Union reacts", "The union condemned the decision on Tuesday."
        ),
    }  # fmt: skip
    union = Source.objects.create(kind="organization", name="Library Workers Union")
    Attribution.objects.create(
        article=made["quoting"],
        source=union,
        kind="quoted",
        quote=f"We learned that {CLAIM} from the radio.",
    )
    made["correction"] = Correction.objects.create(
        article=first, text=FIX, claim=CLAIM, is_published=True
    )
    return made


def test_the_other_live_stories_repeating_the_claim_are_listed(stories):
    listed = claim_corrections.stories_repeating(stories["correction"])
    assert {item.article.headline: item.how for item in listed} == {
        "Readers mourn a library": ["In its text"],
        "What the closure means": ["In its text"],
        "Union reacts": ["Quoted (Library Workers Union)"],
    }
    assert not any(item.corrected for item in listed)


def test_each_repeat_gets_its_correction_published_once(editor, stories):
    correction = stories["correction"]
    for key in ("repeats", "follow-up", "quoting"):
        claim_corrections.append_correction(
            user=editor, correction=correction, article_id=stories[key].pk, text=FIX
        )
        snapshot = PublishedArticle.objects.get(article=stories[key])
        assert [c["text"] for c in snapshot.corrections] == [FIX]
    assert Correction.objects.filter(repeats_correction=correction, is_published=True).count() == 3
    assert all(item.corrected for item in claim_corrections.stories_repeating(correction))
    with pytest.raises(ValidationError, match="already carries"):
        claim_corrections.append_correction(
            user=editor, correction=correction, article_id=stories["repeats"].pk, text=FIX
        )


def test_a_story_not_repeating_the_claim_is_refused(editor, stories):
    for key in ("other", "draft", "first"):
        with pytest.raises(ValidationError, match="does not repeat this claim"):
            claim_corrections.append_correction(
                user=editor,
                correction=stories["correction"],
                article_id=stories[key].pk,
                text=FIX,
            )
    assert not PublishedArticle.objects.get(article=stories["other"]).corrections


def test_only_editors_who_publish_correct_repeats_and_only_after_the_first(
    reporter, editor, stories
):
    correction = stories["correction"]
    with pytest.raises(PermissionDenied):
        claim_corrections.append_correction(
            user=reporter, correction=correction, article_id=stories["repeats"].pk, text=FIX
        )
    Correction.objects.filter(pk=correction.pk).update(is_published=False)
    correction.refresh_from_db()
    with pytest.raises(ValidationError, match="Publish the first correction"):
        claim_corrections.append_correction(
            user=editor, correction=correction, article_id=stories["repeats"].pk, text=FIX
        )


class ClaimForm(CorrectionEditForm):
    """The correction's own fields as the story page's inline shows them."""

    class Meta:
        model = Correction
        fields = ["kind", "text", "claim"]


@pytest.mark.parametrize(
    "claim, error",
    [("the vote", "at least 3 words"), ("word " * 61, "61 words")],
)
def test_a_claim_too_short_or_too_long_says_so(stories, claim, error):
    correction = stories["correction"]
    form = ClaimForm(
        data={"kind": correction.kind, "text": correction.text, "claim": claim},
        instance=correction,
    )
    assert not form.is_valid()
    assert error in " ".join(form.errors["claim"])
    assert claim_corrections.stories_repeating(Correction(claim=claim)) == []


def test_naming_the_claim_does_not_reopen_a_published_correction(stories):
    correction = stories["correction"]
    form = ClaimForm(
        data={"kind": correction.kind, "text": correction.text, "claim": "voted 7 to 2 in June"},
        instance=correction,
    )
    assert form.is_valid(), form.errors
    form.save()
    correction.refresh_from_db()
    assert correction.is_published and correction.claim == "voted 7 to 2 in June"


def test_the_page_lists_and_publishes_and_refuses_hostile_values(client, editor, stories):
    correction = stories["correction"]
    url = reverse("admin:sources_correction_repeats", args=[correction.pk])
    client.force_login(editor)
    page = client.get(url)
    text = " ".join(page.content.decode().split())
    assert "3 other live stories repeat it." in text
    assert "Readers mourn a library" in text and "Westside library" not in text
    change = client.get(reverse("admin:sources_correction_change", args=[correction.pk]))
    assert url in change.content.decode()
    for hostile in ("١٢", "9" * 30, "", "x"):
        answer = client.post(url, {"article": hostile, "text": FIX}, follow=True)
        assert answer.status_code == 200
        assert "Not published: No such story." in answer.content.decode()
    answer = client.post(url, {"article": stories["repeats"].pk, "text": FIX}, follow=True)
    assert "Published with its correction." in answer.content.decode()
    assert PublishedArticle.objects.get(article=stories["repeats"]).corrections
    for hostile in ("١٢", "9" * 30):
        missing = reverse("admin:sources_correction_repeats", args=[hostile])
        assert client.get(missing).status_code == 404


def test_a_reporter_cannot_open_the_page(client, reporter, stories):
    client.force_login(reporter)
    url = reverse("admin:sources_correction_repeats", args=[stories["correction"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"article": stories["repeats"].pk, "text": FIX}).status_code == 403
