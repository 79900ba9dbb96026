"""The sourcing assistant on each pattern it must find, and on the tricky cases."""

from datetime import date

import pytest

from bench.assistant_eval import DEV, score_corpus
from sources.assistant import (
    RegistryEntry,
    find_descriptors,
    find_quotes,
    propose_attributions,
)

TODAY = date(2025, 6, 1)


def speakers(text):
    return [(q.text, q.speaker) for q in find_quotes(text)]


def pairs(text, **kwargs):
    return {(p.kind, p.name) for p in propose_attributions(text, today=TODAY, **kwargs)}


def only(text, kind):
    found = [p for p in propose_attributions(text, today=TODAY) if p.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- Quotes and speakers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"We will appeal," said Ana Ruiz.',
        "“We will appeal,” said Ana Ruiz.",
        "“We will appeal,” Ana Ruiz said.",
        "Ana Ruiz said: “We will appeal.”",
        "“We will appeal,” Ana Ruiz told The Associated Press.",
        "“We will appeal,” Ana Ruiz said in a statement.",
    ],
)
def test_quote_speaker_in_every_attribution_form(text):
    assert speakers(text) == [("We will appeal,", "Ana Ruiz")] or speakers(text) == [
        ("We will appeal.", "Ana Ruiz")
    ]


def test_told_outlet_is_kept_on_the_quote():
    quote = find_quotes("“It was necessary,” Rep. Jane Doe (D-Wash.) told NTD.")[0]
    assert (quote.speaker, quote.outlet, quote.descriptor) == ("Jane Doe", "NTD", "D-Wash.")


def test_broken_quote_is_one_quote_with_its_speaker():
    text = "“As always,” she said, “we don’t want to escalate.”"
    text = "Mayor Lucy Tran spoke first. Lucy Tran said the city was ready. " + text
    assert speakers(text)[-1] == ("As always, we don’t want to escalate.", "Lucy Tran")


def test_quote_running_across_paragraphs_is_one_quote():
    text = (
        "“We expected a slow trickle,” said Dr. Sofia Mendes. “What we got was a flood.\n\n"
        "“Some of the first arrivals were ground-nesting bees.”"
    )
    quotes = find_quotes(text)
    assert len(quotes) == 2
    assert (
        quotes[1].text
        == "What we got was a flood. Some of the first arrivals were ground-nesting bees."
    )
    assert quotes[1].speaker == "Sofia Mendes"


def test_pronoun_points_back_to_the_last_named_speaker_of_that_gender():
    text = (
        "Pinecrest coach Ellen Fisk said her team lost its composure after Brooks's shot. "
        "“We had it,” she said."
    )
    assert speakers(text) == [("We had it,", "Ellen Fisk")]


def test_surname_later_is_the_same_source():
    text = (
        "Sen. Carla Benitez (D-N.M.) said in a statement that the measures were overdue.\n\n"
        "“Every month we wait, the ships sail under a new flag,” Benitez said."
    )
    quote = find_quotes(text)[0]
    assert (quote.speaker, quote.descriptor) == ("Carla Benitez", "D-N.M.")


def test_nested_quotes_stay_inside_the_outer_quote():
    text = "“I told them, ‘We are not done,’ and they believed it,” coach Marcus Webb said."
    assert speakers(text) == [
        ("I told them, ‘We are not done,’ and they believed it,", "Marcus Webb")
    ]


def test_straight_nested_quotes_too():
    text = "\"I told them, 'We are not done,'\" coach Marcus Webb said."
    assert speakers(text) == [("I told them, 'We are not done,'", "Marcus Webb")]


def test_quote_with_no_speaker_has_none():
    text = "A Treasury spokesperson declined to comment on “potential future actions.”"
    assert speakers(text) == [("potential future actions.", None)]
    assert not [p for p in propose_attributions(text) if p.kind == "quoted"]


def test_two_speakers_in_one_paragraph():
    text = (
        "“They were in chest-deep water,” Dev Patel said. Wendy Cho nodded. “Chest-deep,” she said."
    )
    assert speakers(text) == [
        ("They were in chest-deep water,", "Dev Patel"),
        ("Chest-deep,", "Wendy Cho"),
    ]


def test_follow_on_quote_in_the_same_paragraph_keeps_the_speaker():
    text = "“Retire to what?” Rosa Delgado asked. “To a chair?”"
    assert speakers(text) == [("Retire to what?", "Rosa Delgado"), ("To a chair?", "Rosa Delgado")]


def test_outlet_named_inside_a_quote_is_not_a_credit():
    text = "“I read in The Capital Ledger that we are out of water,” said Mayor Dennis Kwan."
    assert pairs(text) == {("quoted", "Dennis Kwan")}


# --- Paraphrase, outlets, anonymity, right of reply -------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ridership fell, according to the Metro Valley Transit Authority.",
            ("paraphrased", "Metro Valley Transit Authority"),
        ),
        ("Police said the driver was 34.", ("paraphrased", "police")),
        ("The driver was 34, police said.", ("paraphrased", "police")),
        (
            "Gov. Teresa Walsh has said that the centers will stay open.",
            ("paraphrased", "Teresa Walsh"),
        ),
        ("The lawsuit argued that the closures hurt renters.", ("paraphrased", "lawsuit")),
    ],
)
def test_paraphrased_attributions(text, expected):
    assert expected in pairs(text)


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("Reuters reported the plans.", "Reuters"),
        ("The deal was first reported by The Wall Street Journal.", "The Wall Street Journal"),
        (
            "Unnamed officials who talked to The New York Times said it was approved.",
            "The New York Times",
        ),
    ],
)
def test_outlet_credits(text, outlet):
    assert ("reported_by", outlet) in pairs(text)


def test_outlet_credit_keeps_the_date_in_the_last_year():
    credit = only("The Associated Press reported on Nov. 17 that talks had stalled.", "reported_by")
    assert (credit.name, credit.reported_on) == ("The Associated Press", date(2024, 11, 17))


def test_anonymous_officials_with_their_reason_stated_later():
    text = (
        "Anonymous U.S. officials have said that the president approved the plan.\n\n"
        "The officials said the decision was made last week.\n\n"
        "The officials were not authorized to discuss the decision publicly and spoke on "
        "condition of anonymity."
    )
    proposal = only(text, "paraphrased")
    assert proposal.name == "U.S. officials"
    assert proposal.anonymous
    assert proposal.anonymity_reason == "not authorized to discuss the decision publicly"


@pytest.mark.parametrize(
    "text, name, reason",
    [
        (
            "People familiar with the matter said the deal was close.",
            "people familiar with the matter",
            "",
        ),
        (
            "A person briefed on the talks said the deal was close.",
            "person briefed on the talks",
            "",
        ),
        (
            "Two officials, who spoke on condition of anonymity because they were not authorized "
            "to discuss the talks, said the deal was close.",
            "officials",
            "because they were not authorized to discuss the talks",
        ),
    ],
)
def test_anonymous_sourcing(text, name, reason):
    proposal = only(text, "paraphrased")
    assert (proposal.name, proposal.anonymous, proposal.anonymity_reason) == (name, True, reason)


@pytest.mark.parametrize(
    "text, kind, name",
    [
        ("The White House declined to comment.", "declined", "White House"),
        (
            "The White House declined The Epoch Times’ request for comment.",
            "declined",
            "White House",
        ),
        ("A Treasury spokesperson declined to comment.", "declined", "Treasury"),
        (
            "The police union did not respond to a request for comment.",
            "no_response",
            "police union",
        ),
        (
            "Harold Beck, who owns 12 percent of the company, could not be reached for comment.",
            "no_response",
            "Harold Beck",
        ),
        ("Renner's lawyer could not be reached for comment.", "no_response", "Renner"),
    ],
)
def test_right_of_reply(text, kind, name):
    assert (kind, name) in pairs(text)


def test_descriptors_in_parentheses_and_apposition():
    text = (
        "Rep. Jane Doe (D-Wash.) spoke. Elena Park, a spokeswoman for the Millbrook Public "
        "Library, said the branches would close."
    )
    assert [(n, d) for n, d, _span in find_descriptors(text)] == [
        ("Jane Doe", "D-Wash."),
        ("Elena Park", "a spokeswoman for the Millbrook Public Library"),
    ]


# --- Registry, spans, fingerprints, HTML -----------------------------------------------------


def test_registry_match_by_surname_and_alias():
    registry = [
        RegistryEntry(7, "Marilyn Strickland", ("Strickland",), "D-Wash."),
        RegistryEntry(9, "U.S. Department of Justice", ("Justice Department", "DOJ")),
    ]
    text = "“We stand with them,” Strickland said. The Justice Department declined to comment."
    found = {p.name: p.source_id for p in propose_attributions(text, registry)}
    assert found == {"Marilyn Strickland": 7, "Justice Department": 9}


def test_span_points_at_the_evidence_and_html_is_read_as_text():
    html = "<p>Intro.</p><p>The driver was 34, police said.</p>"
    proposal = propose_attributions(html)[0]
    assert proposal.evidence == "The driver was 34, police said."
    assert proposal.span[1] - proposal.span[0] == len(proposal.evidence)


def test_fingerprint_survives_moving_text_and_changes_with_the_words():
    first = only("Intro.\n\nThe driver was 34, police said.", "paraphrased")
    moved = only("A new first paragraph.\n\nThe driver was 34, police said.", "paraphrased")
    changed = only("The driver was 35, police said.", "paraphrased")
    assert first.span != moved.span
    assert first.fingerprint == moved.fingerprint != changed.fingerprint


@pytest.mark.parametrize("folder", [None, DEV], ids=["stories", "dev"])
def test_eval_corpus_stays_above_the_bar(folder):
    totals = score_corpus(folder) if folder else score_corpus()
    for category in ("quotes with speaker", "attributions"):
        assert totals[category].precision >= 0.85, category
        assert totals[category].recall >= 0.85, category


# --- Broader patterns (issue 6, second pass) -------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The mayor countered that the city had already spent the money.",
            ("paraphrased", "mayor"),
        ),
        (
            "Rep. Ana Ortiz testified before the committee that the program was short.",
            ("paraphrased", "Ana Ortiz"),
        ),
        (
            "Police Chief Tom Sand wrote in an email that the officer was on leave.",
            ("paraphrased", "Tom Sand"),
        ),
        (
            "Lt. Gov. Maria Chen argued on the radio that the budget was balanced.",
            ("paraphrased", "Maria Chen"),
        ),
        ("The agency forecast a deficit of $3 billion next year.", ("paraphrased", "agency")),
        (
            "The orchestra will tour Asia in May, the foundation announced Friday, after years of "
            "delays.",
            ("paraphrased", "foundation"),
        ),
    ],
)
def test_broader_speech_verbs(text, expected):
    assert expected in pairs(text)


def test_parenthetical_verb_needs_commas_around_it():
    # "announced" with an object is news, not an attribution
    assert pairs("The foundation announced a new director.") == set()


def test_according_to_an_unnamed_person_keeps_the_qualifier():
    found = only(
        "According to an engineer who inspected the bridge, cracks were visible.", "paraphrased"
    )
    assert found.name == "engineer who inspected the bridge"


def test_according_to_a_spokesperson_of_an_unnamed_body():
    assert pairs("Ten people were hurt, according to a hospital spokesman.") == {
        ("paraphrased", "hospital spokesman")
    }


def test_one_member_who_spoke_on_condition_of_anonymity():
    found = only(
        "One juror, who spoke on condition of anonymity because deliberations are secret, "
        "said the vote was close.",
        "paraphrased",
    )
    assert (found.name, found.anonymous) == ("juror", True)
    assert found.anonymity_reason == "because deliberations are secret"


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "A spokeswoman for the district, Jo Hart, said the district does not comment on "
            "personnel matters.",
            "Jo Hart",
        ),
        (
            "Asked about the lawsuit, Mayor Kim Lee said she could not discuss pending litigation.",
            "Kim Lee",
        ),
    ],
)
def test_declines_in_indirect_speech(text, name):
    assert pairs(text) == {("declined", name)}


def test_paraphrase_that_goes_on_to_decline_is_both():
    assert pairs(
        "The water board said in a letter that it was reviewing the data but would not comment "
        "further."
    ) == {("paraphrased", "water board"), ("declined", "water board")}


def test_partial_quote_inside_a_longer_paraphrase_is_also_a_paraphrase():
    text = "Ellen Ruiz said the plan was “dead on arrival” and would be withdrawn by Friday."
    assert pairs(text) == {("quoted", "Ellen Ruiz"), ("paraphrased", "Ellen Ruiz")}
    # ...but a partial quote that is the whole claim is only a quote
    assert pairs("Ellen Ruiz said the plan was “dead on arrival.”") == {("quoted", "Ellen Ruiz")}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Teamsters Local 727 did not respond to a request for comment.", "Teamsters Local 727"),
        (
            "The Department of Health and Human Services did not respond to emails.",
            "Department of Health and Human Services",
        ),
    ],
)
def test_names_with_numbers_and_and(text, name):
    assert pairs(text) == {("no_response", name)}


def test_the_rev_is_a_person_title():
    text = (
        "The Rev. Alma Grey, the chaplain, testified that the shelter was full. She said "
        "later that it had reopened."
    )
    assert pairs(text) == {("paraphrased", "Alma Grey")}


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("According to the Bradford Times’s analysis, rents rose 12 percent.", "Bradford Times"),
        ("The Chronicle’s reporting showed that the contracts were never bid.", "The Chronicle"),
    ],
)
def test_possessive_outlet_credits(text, outlet):
    assert pairs(text) == {("reported_by", outlet)}


def test_it_is_the_organization_last_named():
    text = (
        "Shares of Pellham Industries fell. The Ohio-based company lost $4 million, it said "
        "in a filing."
    )
    assert ("paraphrased", "Pellham Industries") in pairs(text)


def test_pronoun_after_a_relative_introduced_by_first_name():
    text = (
        "“I knew she would,” said coach Ann Boyd.\n\nThe pitcher’s mother, Lucia, sat behind "
        "the dugout. “She threw in the yard every night,” she said."
    )
    assert speakers(text)[-1] == ("She threw in the yard every night,", "Lucia")


def test_a_relative_clause_or_a_verb_is_no_descriptor():
    found = {
        name: desc
        for name, desc, _span in find_descriptors(
            "Her lawyer, Sam Ortiz, asked for probation. Asked about the case, Mayor Kim Lee "
            "said nothing."
        )
    }
    assert "Sam Ortiz" not in found and "Kim Lee" not in found


# --- Third pass (issue 6): the heldout3 misses, as general rules ------------------------------


def test_she_points_to_the_subject_not_to_a_name_used_as_an_object():
    text = (
        "Principal Rosa Lind said she had suspended Ortega for a week. “Rules are rules,” she said."
    )
    assert speakers(text) == [("Rules are rules,", "Rosa Lind")]


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Chief Ada Brandt of the Millbrook district, where two schools closed last year, "
            "said the budget was thin.",
            "Ada Brandt",
        ),
        (
            "Goalkeeper Tomas Reyes, in his third season, said the defense had finally gelled.",
            "Tomas Reyes",
        ),
    ],
)
def test_a_subject_interrupted_by_a_clause_still_speaks(text, name):
    assert pairs(text) == {("paraphrased", name)}


def test_a_second_verb_after_but_shares_the_subject():
    text = "Manager Ines Bauer praised the rookie but said the bullpen had been tired."
    assert pairs(text) == {("paraphrased", "Ines Bauer")}


@pytest.mark.parametrize(
    "sentence",
    [
        "She would not say how much the repairs cost.",
        "She would not comment on the lawsuit.",
        "She refused to discuss the settlement.",
    ],
)
def test_would_not_say_and_refused_to_discuss_are_declines(sentence):
    text = f"Vera Holt, a spokeswoman for the port, said the cranes were safe. {sentence}"
    assert ("declined", "Vera Holt") in pairs(text)


def test_the_company_is_the_last_organization_named():
    text = "Corvane Software will close its Leeds office, the company told employees on Monday."
    assert pairs(text) == {("paraphrased", "Corvane Software")}


def test_a_partial_quote_closing_a_paraphrase_is_both():
    text = "His agent, Mara Quinn, said the player was healthy and “ready to go.”"
    found = propose_attributions(text, today=TODAY)
    assert {(p.kind, p.name) for p in found} == {
        ("quoted", "Mara Quinn"),
        ("paraphrased", "Mara Quinn"),
    }


def test_a_partial_quote_that_is_the_whole_claim_is_only_a_quote():
    text = "His agent, Mara Quinn, said the trade rumor was “pure fiction.”"
    assert pairs(text) == {("quoted", "Mara Quinn")}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Engineers outside the agency said the bridge was sound.", "engineers outside the agency"),
        (
            "The tax would rise by a cent, according to a draft of the ordinance seen Tuesday.",
            "draft of the ordinance",
        ),
        ("According to court records, the loan was never repaid.", "court records"),
        (
            "The fund lost $8 million, according to a report by the state auditor.",
            "report by the state auditor",
        ),
    ],
)
def test_groups_with_a_qualifier_and_documents_with_their_complement(text, name):
    assert pairs(text) == {("paraphrased", name)}


def test_passive_forecast_is_not_speech():
    text = "Crews will salt the roads whenever snow is forecast to fall overnight."
    assert pairs(text) == set()


def test_an_unnamed_expert_is_an_anonymous_source_but_a_spokesman_is_not():
    found = {
        p.name: p.anonymous
        for p in propose_attributions(
            "According to an engineer who inspected the dam, the spillway was cracked. "
            "A utility spokesman said repairs would start soon.",
            today=TODAY,
        )
    }
    assert found == {"engineer who inspected the dam": True, "utility spokesman": False}


# --- An organisation declining; a reason that ends where the main clause starts -------------


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "The Tidewater Port Authority raised docking fees on Friday. “There was no other "
            "way to pay for the dredging,” said Marta Okonjo, the authority’s finance "
            "director. The authority declined to say how much the fees would bring in.",
            "Tidewater Port Authority",
        ),
        (
            "Ivo Brandt, a spokesman for Kessler Corp., said the warehouse would stay open. "
            "The company declined to comment on the layoffs.",
            "Kessler Corp",
        ),
        (
            "The Office of the Mayor announced the plan in March. Mayor Rita Solberg spoke at "
            "the ribbon cutting. The mayor's office declined to say when the work would start.",
            "Office of the Mayor",
        ),
        (
            "Mayor Rita Solberg praised the crews at Tuesday's briefing. The mayor’s office "
            "declined to say when the contract would be signed.",
            "mayor's office",
        ),
        (
            "Council member Joel Aster, who chairs the transit committee, said fares would "
            "hold. The agency declined to comment.",
            "agency",
        ),
    ],
)
def test_a_body_that_declines_is_the_body_not_a_person_who_works_there(text, name):
    declined = only(text, "declined")
    assert declined.name == name


def test_the_company_is_the_company_last_named_else_just_the_company():
    text = (
        "Lena Ortiz, chief executive of the Bayside Freight Company, told investors the "
        "quarter was weak. The company declined to give a forecast."
    )
    assert pairs(text) == {("paraphrased", "Lena Ortiz"), ("declined", "Bayside Freight Company")}
    unnamed = "Lena Ortiz told investors the quarter was weak. The company declined to comment."
    assert pairs(unnamed) == {("paraphrased", "Lena Ortiz"), ("declined", "company")}


@pytest.mark.parametrize(
    "text, reason",
    [
        (
            "A county official who spoke on condition of anonymity because they were not "
            "authorized to discuss the budget said the shortfall is about $2 million.",
            "because they were not authorized to discuss the budget",
        ),
        (
            "An aide who requested anonymity because she feared losing her job told reporters "
            "the vote would slip.",
            "because she feared losing her job",
        ),
        (
            "A school board member who spoke on condition of anonymity because the board had "
            "not told parents yet said two schools would merge.",
            "because the board had not told parents yet",
        ),
        (
            "A hospital administrator who was not authorized to discuss staffing said nurses "
            "were leaving.",
            "not authorized to discuss staffing",
        ),
        (
            "A ranger who asked not to be named to speak freely about the closures said the "
            "trails would reopen in May.",
            "to speak freely about the closures",
        ),
    ],
)
def test_the_anonymity_reason_ends_where_the_main_clause_starts(text, reason):
    proposal = only(text, "paraphrased")
    assert (proposal.anonymous, proposal.anonymity_reason) == (True, reason)


# --- Fourth pass (issue 6): the heldout4 misses, as general rules -----------------------------


def test_a_shared_surname_alone_is_the_main_subject_not_the_relative():
    text = (
        "Marta Lindqvist opened the bakery in 1998.\n\n"
        "Lindqvist, a former chemist, still starts the ovens at 3 a.m.\n\n"
        "“I married the bakery,” said her husband, Olle Lindqvist, grinning.\n\n"
        "Neighbors said the line forms before dawn.\n\n"
        "Lindqvist said she would never sell. “Not while I can stand,” she said."
    )
    found = propose_attributions(text, today=TODAY)
    assert ("paraphrased", "Marta Lindqvist") in {(p.kind, p.name) for p in found}
    assert speakers(text) == [
        ("I married the bakery,", "Olle Lindqvist"),
        ("Not while I can stand,", "Marta Lindqvist"),
    ]
    husband = next(p for p in found if p.name == "Olle Lindqvist")
    assert husband.descriptor == "her husband"


def test_a_surname_only_appositive_describes_the_person_named_in_full():
    text = "Marta Lindqvist opened the bakery.\n\nLindqvist, a former chemist, kneads by hand."
    assert [(n, d) for n, d, _s in find_descriptors(text)] == [
        ("Marta Lindqvist", "a former chemist")
    ]


def test_a_town_alone_before_an_appositive_is_not_a_person():
    text = "Dalby, a town of 4,000, lost its last bank in March."
    assert find_descriptors(text) == []


def test_a_descriptor_after_an_inverted_said_is_returned():
    text = "“Wash your hands,” said Dr. Nell Brandt, the county’s health officer."
    assert [(n, d) for n, d, _s in find_descriptors(text)] == [
        ("Nell Brandt", "the county’s health officer")
    ]


@pytest.mark.parametrize(
    "text, kind, name",
    [
        (
            "Orland Grocers agreed to buy Pike Valley Foods. Orland said it expected to close "
            "the deal in May.",
            "paraphrased",
            "Orland Grocers",
        ),
        (
            "Orland Grocers agreed to buy Pike Valley Foods. A Pike Valley spokesman declined "
            "to comment.",
            "declined",
            "Pike Valley Foods",
        ),
    ],
)
def test_a_short_name_is_the_organization_named_in_full_before(text, kind, name):
    assert (kind, name) in pairs(text)


def test_an_organization_subject_with_a_relative_clause_speaks_not_the_clause():
    text = (
        "The Allied Dockworkers union, which represents about 900 crane operators at the port, "
        "said it would strike."
    )
    assert pairs(text) == {("paraphrased", "Allied Dockworkers union")}


def test_an_embassy_in_a_city_is_the_embassy():
    text = "The Ruritanian government’s embassy in Ottawa did not return a call for comment."
    assert pairs(text) == {("no_response", "Ruritanian government’s embassy")}


def test_a_modified_body_is_not_resolved_to_a_different_body_named_later():
    text = (
        "Two swimmers fell ill, according to the county parks department.\n\n"
        "The State Department of Environmental Quality will test the water."
    )
    assert pairs(text) == {("paraphrased", "county parks department")}


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "The board raised the levy, a change that county assessors estimate will cost "
            "homeowners $90 a year.",
            "county assessors",
        ),
        (
            "The Harbor Business League opposed the plan at a hearing, warning that "
            "shops would close.",
            "Harbor Business League",
        ),
        ("Ferry ridership fell 12 percent last year, port data show.", "port data"),
    ],
)
def test_reduced_relatives_participles_and_plural_data_are_speech(text, name):
    assert pairs(text) == {("paraphrased", name)}


def test_the_estimate_as_a_noun_is_not_speech():
    assert pairs("The estimate was revised twice before the vote.") == set()


def test_a_partial_quote_saying_how_a_whole_claim_happened_is_both():
    text = (
        "One trustee, Ines Marr, said on the stand that she had approved the loan "
        "“without asking a single question.”"
    )
    assert pairs(text) == {("quoted", "Ines Marr"), ("paraphrased", "Ines Marr")}


def test_a_partial_quote_followed_by_and_that_is_both():
    text = (
        "The Tallow Arts Fund said in a statement that it was “relieved the audit is over” "
        "and that grants would resume."
    )
    assert pairs(text) == {("quoted", "Tallow Arts Fund"), ("paraphrased", "Tallow Arts Fund")}


def test_name_with_a_company_title_is_the_person_with_the_descriptor():
    text = "Rhea Moss, chief executive of Kellan Inc., told analysts that orders had slowed."
    found = only(text, "paraphrased")
    assert (found.name, found.descriptor) == ("Rhea Moss", "chief executive of Kellan Inc.")
