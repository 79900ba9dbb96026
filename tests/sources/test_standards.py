"""Every standards rule passes on a story that meets it and blocks or warns, with its code,
on one that breaks it."""

import pytest
from django.core.exceptions import ValidationError

from sources.models import (
    Attribution,
    AttributionConfidential,
    CommentRequest,
    Source,
    StandardsOverride,
)
from sources.standards import (
    BLOCKING,
    WARNING,
    check_article,
    record_overrides,
    unresolved_warnings,
)

pytestmark = pytest.mark.django_db


def findings_by_code(article) -> dict:
    result = {}
    for finding in check_article(article):
        result.setdefault(finding.code, []).append(finding)
    return result


def only(article, code):
    found = findings_by_code(article)
    assert code in found, f"expected {code}, got {sorted(found)}"
    return found[code]


def anonymous(article):
    return article.attributions.get(anonymous=True)


def test_a_story_sourced_by_the_book_has_no_findings(sourced_story):
    assert check_article(sourced_story) == []


# --- anonymous sources ---------------------------------------------------------------------


def test_anonymous_source_without_a_reason_for_readers_is_blocked(sourced_story):
    Attribution.objects.filter(pk=anonymous(sourced_story).pk).update(anonymity_reason="  ")
    [finding] = only(sourced_story, "anon_reason_missing")
    assert finding.severity == BLOCKING
    assert finding.target == f"attribution:{anonymous(sourced_story).pk}"
    assert "reason for anonymity" in finding.message


def test_anonymous_source_without_an_approving_editor_is_blocked(sourced_story):
    Attribution.objects.filter(pk=anonymous(sourced_story).pk).update(approved_by=None)
    [finding] = only(sourced_story, "anon_not_approved")
    assert finding.is_blocking and "approv" in finding.message


def test_anonymous_source_no_editor_knows_is_blocked(sourced_story):
    anonymous(sourced_story).confidential.editors_who_know.clear()
    [finding] = only(sourced_story, "anon_identity_unknown_to_editors")
    assert finding.is_blocking and "editor" in finding.message


@pytest.mark.parametrize("descriptor", ["a source", "A  Source", "sources", ""])
def test_a_source_alone_is_refused(sourced_story, descriptor):
    Attribution.objects.filter(pk=anonymous(sourced_story).pk).update(public_descriptor=descriptor)
    [finding] = only(sourced_story, "anon_descriptor_vague")
    assert finding.is_blocking and "tells readers nothing" in finding.message


@pytest.mark.parametrize(
    "descriptor",
    ["Harbor Authority officials", "people familiar with the repairs", "two board members"],
)
def test_one_anonymous_source_described_in_the_plural_is_refused(sourced_story, descriptor):
    Attribution.objects.filter(pk=anonymous(sourced_story).pk).update(
        source_count=1, public_descriptor=descriptor
    )
    [finding] = only(sourced_story, "anon_plural_for_one")
    assert finding.is_blocking and descriptor in finding.message


@pytest.mark.parametrize(
    "descriptor",
    ["a Harbor Authority official", "an engineer involved in the inspection", "a person briefed"],
)
def test_one_anonymous_source_described_in_the_singular_passes(sourced_story, descriptor):
    Attribution.objects.filter(pk=anonymous(sourced_story).pk).update(
        source_count=1, public_descriptor=descriptor
    )
    assert "anon_plural_for_one" not in findings_by_code(sourced_story)
    assert check_article(sourced_story) == []


def test_several_sources_described_in_the_singular_is_a_warning(sourced_story):
    Attribution.objects.filter(pk=anonymous(sourced_story).pk).update(
        public_descriptor="a Harbor Authority official"
    )
    [finding] = only(sourced_story, "anon_singular_for_many")
    assert finding.severity == WARNING


def test_same_source_quoted_anonymously_and_declining_is_refused(sourced_story, registry):
    union_request = sourced_story.comment_requests.get()
    steward = Attribution.objects.create(
        article=sourced_story,
        source=registry["union"],
        kind="paraphrased",
        anonymous=True,
        public_descriptor="a union steward",
        anonymity_reason="because the union has not authorized comment",
        approved_by=sourced_story.editor,
        position=9,
    )
    AttributionConfidential.objects.create(attribution=steward).editors_who_know.add(
        sourced_story.editor
    )
    assert union_request.outcome == "declined"
    [finding] = only(sourced_story, "anon_source_also_declined")
    assert finding.is_blocking and "declined to comment" in finding.message


def test_different_sources_anonymous_and_declining_pass(sourced_story):
    assert "anon_source_also_declined" not in findings_by_code(sourced_story)


# --- quotations ----------------------------------------------------------------------------


@pytest.mark.parametrize("mark", [("“", "”"), ('"', '"')])
def test_unattributed_direct_quote_is_blocked(sourced_story, mark):
    opening, closing = mark
    sourced_story.body += (
        f"<p>{opening}This terminal has been falling apart for years,{closing} a rider said.</p>"
    )
    sourced_story.save()
    [finding] = only(sourced_story, "quote_unattributed")
    assert finding.is_blocking and "falling apart for years" in finding.message


def test_quote_attributed_in_parts_passes(sourced_story, registry):
    sourced_story.body += (
        "<p>“The closure is necessary,” Brandt said, “and the city will run extra buses.”</p>"
    )
    sourced_story.save()
    Attribution.objects.create(
        article=sourced_story,
        source=registry["brandt"],
        kind="quoted",
        quote="The closure is necessary, and the city will run extra buses.",
        position=5,
    )
    assert check_article(sourced_story) == []


def test_quote_attributed_only_as_paraphrase_is_still_unattributed(sourced_story):
    Attribution.objects.filter(article=sourced_story, kind="quoted").update(kind="paraphrased")
    assert "quote_unattributed" in findings_by_code(sourced_story)


def test_short_words_in_quotation_marks_are_a_warning(sourced_story):
    sourced_story.body += "<p>Riders call it the “rust bucket.”</p>"
    sourced_story.save()
    [finding] = only(sourced_story, "quote_fragment_unattributed")
    assert finding.severity == WARNING


# --- descriptors ---------------------------------------------------------------------------


def test_descriptor_in_the_body_that_differs_from_the_registry_warns_naming_both(sourced_story):
    sourced_story.body = sourced_story.body.replace("(D-Ward 3)", "(D-Ward 5)")
    sourced_story.save()
    [finding] = only(sourced_story, "descriptor_mismatch")
    assert finding.severity == WARNING and finding.target == "body"
    assert "D-Ward 5" in finding.message and "D-Ward 3" in finding.message


def test_descriptor_of_a_registry_source_not_attributed_is_checked_too(sourced_story):
    Source.objects.create(name="Felix Amato", descriptor="R-Ward 1")
    sourced_story.body += "<p>Councilman Felix Amato (R-Ward 2) agreed.</p>"
    sourced_story.save()
    [finding] = only(sourced_story, "descriptor_mismatch")
    assert "R-Ward 2" in finding.message and "R-Ward 1" in finding.message


def test_attribution_descriptor_as_written_that_differs_warns(sourced_story):
    quoted = sourced_story.attributions.get(kind="quoted")
    quoted.descriptor_as_written = "D-D.C."
    quoted.save()
    [finding] = only(sourced_story, "descriptor_mismatch")
    assert finding.target == f"attribution:{quoted.pk}"
    assert "D-D.C." in finding.message and "D-Ward 3" in finding.message


@pytest.mark.parametrize(
    "written", ["D-Ward 3", "(D-Ward 3)", "Councilwoman Odile Brandt (D-Ward 3)"]
)
def test_descriptor_written_the_registry_way_passes(sourced_story, written):
    sourced_story.attributions.filter(kind="quoted").update(descriptor_as_written=written)
    assert check_article(sourced_story) == []


# --- right of reply ----------------------------------------------------------------------


def test_declined_without_a_comment_request_is_blocked(sourced_story):
    sourced_story.comment_requests.all().delete()
    [finding] = only(sourced_story, "reply_without_request")
    assert finding.is_blocking and "Right-of-reply requests" in finding.message


def test_declined_backed_by_a_request_whose_outcome_differs_is_blocked(sourced_story):
    sourced_story.comment_requests.update(outcome="responded")
    [finding] = only(sourced_story, "reply_outcome_mismatch")
    assert "Responded" in finding.message


def test_did_not_respond_backed_by_a_matching_request_passes(sourced_story):
    sourced_story.comment_requests.update(outcome="no_response")
    sourced_story.attributions.filter(kind="declined").update(kind="no_response")
    sourced_story.body = sourced_story.body.replace("declined to comment", "did not respond")
    sourced_story.save()
    assert check_article(sourced_story) == []


def test_unlinked_request_to_the_same_source_backs_the_attribution(sourced_story):
    sourced_story.attributions.filter(kind="declined").update(comment_request=None)
    assert check_article(sourced_story) == []


def test_request_to_another_source_does_not_back_it(sourced_story, registry):
    sourced_story.comment_requests.update(source=registry["brandt"])
    [finding] = only(sourced_story, "reply_source_mismatch")
    assert "Odile Brandt" in finding.message


def test_request_still_waiting_for_an_answer_warns(sourced_story, registry):
    CommentRequest.objects.create(article=sourced_story, source=registry["brandt"])
    [finding] = only(sourced_story, "comment_request_pending")
    assert finding.severity == WARNING and "Odile Brandt" in finding.message


# --- outlets, sources, images ------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"reported_on": None}, "when it reported it"),
        ({"outlet_report": ""}, "what it reported"),
    ],
)
def test_outlet_credit_without_what_or_when_is_blocked(sourced_story, change, missing):
    sourced_story.attributions.filter(kind="reported_by").update(**change)
    [finding] = only(sourced_story, "outlet_credit_incomplete")
    assert finding.is_blocking and missing in finding.message


def test_named_attribution_without_a_source_is_blocked(sourced_story):
    sourced_story.attributions.filter(kind="quoted").update(source=None)
    assert only(sourced_story, "attribution_source_missing")[0].is_blocking


def test_lead_image_without_alt_text_is_blocked_and_without_credit_warns(sourced_story):
    image = sourced_story.lead_image
    image.alt_text = ""
    image.credit = ""
    image.save()
    assert only(sourced_story, "image_alt_missing")[0].severity == BLOCKING
    assert only(sourced_story, "image_credit_missing")[0].severity == WARNING


def test_story_without_lead_image_has_no_image_finding(sourced_story):
    sourced_story.lead_image = None
    sourced_story.save()
    assert check_article(sourced_story) == []


def test_blocking_findings_come_first(sourced_story):
    sourced_story.lead_image.credit = ""
    sourced_story.lead_image.save()
    sourced_story.comment_requests.all().delete()
    severities = [f.severity for f in check_article(sourced_story)]
    assert severities == sorted(severities, key=lambda s: s != BLOCKING)
    assert severities[0] == BLOCKING and severities[-1] == WARNING


def test_check_article_query_count_does_not_grow_with_attributions(
    sourced_story, registry, django_assert_max_num_queries
):
    for position in range(10, 30):
        Attribution.objects.create(
            article=sourced_story,
            source=registry["gazette"],
            kind="reported_by",
            outlet_report="More.",
            reported_on="2026-03-03",
            position=position,
        )
    with django_assert_max_num_queries(8):
        assert check_article(sourced_story) == []


# --- overrides -----------------------------------------------------------------------------


def test_record_overrides_keeps_the_reason_per_warning(sourced_story, make_user):
    sourced_story.lead_image.credit = ""
    sourced_story.lead_image.save()
    editor = make_user("olga-override")
    findings = check_article(sourced_story)
    assert unresolved_warnings(findings, {}) == findings
    [row] = record_overrides(
        article=sourced_story,
        findings=findings,
        overrides={"image_credit_missing": "Handout photo from the authority."},
        user=editor,
    )
    assert unresolved_warnings(findings, {"image_credit_missing": "x"}) == []
    saved = StandardsOverride.objects.get()
    assert (saved.code, saved.reason, saved.by, saved.target) == (
        "image_credit_missing",
        "Handout photo from the authority.",
        editor,
        "lead_image",
    )
    assert row == saved


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"reply_without_request": "We called."}, "override_blocking"),
        ({"image_credit_missing": "  "}, "override_reason_missing"),
        ({"image_credit_missing:body": "Wrong target."}, "override_reason_missing"),
    ],
)
def test_record_overrides_refuses_blocking_or_unexplained(
    sourced_story, make_user, overrides, code
):
    sourced_story.lead_image.credit = ""
    sourced_story.lead_image.save()
    sourced_story.comment_requests.all().delete()
    if code != "override_blocking":
        sourced_story.attributions.filter(kind="declined").delete()
    with pytest.raises(ValidationError) as error:
        record_overrides(
            article=sourced_story,
            findings=check_article(sourced_story),
            overrides=overrides,
            user=make_user("olga-override"),
        )
    assert error.value.code == code
    assert not StandardsOverride.objects.exists()


def test_an_override_names_one_finding_or_every_finding_of_a_code(sourced_story, make_user):
    sourced_story.lead_image.credit = ""
    sourced_story.lead_image.save()
    findings = check_article(sourced_story)
    editor = make_user("olga-override")
    # A reason for a warning the story no longer has (fixed meanwhile) is not an error.
    by_target = {"image_credit_missing:lead_image": "Handout.", "headline_missing": "Stale."}
    [row] = record_overrides(
        article=sourced_story, findings=findings, overrides=by_target, user=editor
    )
    assert (row.code, row.target, row.reason) == ("image_credit_missing", "lead_image", "Handout.")
    assert unresolved_warnings(findings, {("image_credit_missing", "lead_image"): "x"}) == []


def test_a_wrong_descriptor_in_body_and_attribution_is_one_warning(sourced_story):
    sourced_story.body = sourced_story.body.replace("(D-Ward 3)", "(D-Ward 5)")
    sourced_story.save()
    sourced_story.attributions.filter(kind="quoted").update(descriptor_as_written="D-Ward 5")
    [finding] = only(sourced_story, "descriptor_mismatch")
    assert finding.target.startswith("attribution:")


# --- placeholders ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value, shown",
    [
        ("body", "<p>The repairs will cost [TK: figure from the authority] in all.</p>", "[TK:"),
        ("body", "<p>The closure starts TKTK and lasts six weeks.</p>", "TKTK"),
        ("body", "<p>TK: quote from the harbor master.</p>", "TK: quote"),
        ("body", "<p>See the [[link to the schedule]] for details.</p>", "[[link"),
        ("headline", "North ferry terminal to close for XXX weeks", "XXX weeks"),
        ("dek", "Repairs start in [tk] and cost the authority millions.", "[tk]"),
    ],
)
def test_a_placeholder_left_in_the_copy_blocks_naming_the_text_around_it(
    sourced_story, field, value, shown
):
    setattr(sourced_story, field, value)
    sourced_story.save()
    (finding,) = only(sourced_story, "placeholder_left")
    assert (finding.severity, finding.target) == (BLOCKING, field)
    assert shown in finding.message
    assert f"The {field} still has a placeholder: “" in finding.message


def test_several_placeholders_in_the_body_are_one_finding_with_a_count(sourced_story):
    sourced_story.body = (
        "<p>The first words of a long paragraph run on before the marker [TK: the date] and "
        "then keep going well past it for a while longer.</p><p>Cost: XXX.</p>"
    )
    sourced_story.save()
    (finding,) = only(sourced_story, "placeholder_left")
    assert "“…paragraph run on before the marker [TK: the date] and then keep going well…”" in (
        finding.message
    )
    assert "(and 1 more)" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "<p>Atkins said the TKO in round three decided it.</p>",
        "<p>The stadium hosted Super Bowl XXX in 1996.</p>",
        "<p>Sizes run from small to XXXL.</p>",
        "<p>Arrays are written [a, [b]] in the spec.</p>",
    ],
)
def test_words_that_only_look_like_placeholders_pass(sourced_story, body):
    sourced_story.body = body
    sourced_story.save()
    assert "placeholder_left" not in findings_by_code(sourced_story)
