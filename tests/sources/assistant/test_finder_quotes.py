"""The quotes finder (finders/quotes.py): direct quotes and who said them — after the quote,
before it, in a paragraph of its own, introduced by a colon, "in his words"; pronouns, titles
and employers left off speakers, and a writer's quotation marks inside a noun phrase. Every
sentence here is invented for the test."""

from datetime import date

import pytest

from sources.assistant import find_quotes, propose_attributions


def speakers(text):
    return [(q.text, q.speaker) for q in find_quotes(text)]


def test_a_quote_that_is_its_own_paragraph_goes_on_from_the_quote_before():
    text = (
        "“The river rose overnight,” said Tomas Ferreira, the harbor master.\n\n"
        "“We have never seen it this high in March.”"
    )
    assert speakers(text) == [
        ("The river rose overnight,", "Tomas Ferreira"),
        ("We have never seen it this high in March.", "Tomas Ferreira"),
    ]


def test_a_paragraph_of_quote_after_a_paragraph_without_one_has_no_speaker():
    text = (
        "Tomas Ferreira said the river rose overnight. The dam held.\n\n"
        "“We have never seen it this high.”"
    )
    assert speakers(text) == [("We have never seen it this high.", None)]


def test_a_quote_introduced_by_a_colon_is_the_subjects():
    text = "Governor Alma Reyes defended the budget on Tuesday: “Every school gets its share.”"
    assert speakers(text) == [("Every school gets its share.", "Alma Reyes")]


def test_a_quote_introduced_at_the_end_of_the_paragraph_before():
    text = "Mayor Piet Jansen posted on his account:\n\n“The vote is on Monday.”"
    assert speakers(text) == [("The vote is on Monday.", "Piet Jansen")]


def test_in_his_words_and_in_the_words_of():
    text = (
        "On Friday, Bishop Anselm Moyo urged calm and, in his words, “patience above all.”\n\n"
        "In the words of the chief inspector, Dara Quinlan, QC, “the file was never opened.”"
    )
    assert speakers(text) == [
        ("patience above all.", "Anselm Moyo"),
        ("the file was never opened.", "Dara Quinlan"),
    ]


def test_she_skips_a_woman_named_as_the_object_of_a_passive():
    text = (
        "Lena Morales said, “I am home.” She was met at the airport by the Governor and the "
        "First Lady, Ines Castillo-Brandt, and a crowd.\n\n"
        "“I waited six years for this,” she said."
    )
    assert speakers(text)[-1] == ("I waited six years for this,", "Lena Morales")


def test_a_surname_inside_a_hyphenated_name_is_not_that_person():
    text = (
        "Paul Brandt spoke first. The First Lady, Ines Castillo-Brandt, greeted Lena Morales.\n\n"
        "“Thank you,” she said."
    )
    assert speakers(text)[-1][1] != "Paul Brandt"


def test_titles_and_employers_are_left_off_the_speaker():
    text = (
        "Minister of Transport Alma Reyes said, “The line opens in May.” "
        "Tomas Ferreira of The Harbor Ledger wrote: “Nobody believes that.”"
    )
    assert [s for _q, s in speakers(text)] == ["Alma Reyes", "Tomas Ferreira"]


def test_a_party_and_state_after_a_name_is_not_a_speaker():
    text = (
        "Representative Jo Varga (D Ohio) kept her vote.\n\n"
        "“I will not support this bill,” she said."
    )
    assert speakers(text) == [("I will not support this bill,", "Jo Varga")]


def test_a_quoted_word_inside_a_noun_phrase_is_the_writers_not_a_quote_to_credit():
    text = "Ana Ruiz said he had mounted an “unjust” campaign against the so-called “board”."
    assert speakers(text) == [("unjust", None), ("board", None)]


def test_a_quoted_predicate_is_still_credited():
    text = "Ana Ruiz said the firm was “heartbroken” and would pay for the repairs."
    assert speakers(text) == [("heartbroken", "Ana Ruiz")]


TODAY = date(2025, 6, 1)


def pairs(text, **kwargs):
    return {(p.kind, p.name) for p in propose_attributions(text, today=TODAY, **kwargs)}


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


def test_partial_quote_inside_a_longer_paraphrase_is_also_a_paraphrase():
    text = "Ellen Ruiz said the plan was “dead on arrival” and would be withdrawn by Friday."
    assert pairs(text) == {("quoted", "Ellen Ruiz"), ("paraphrased", "Ellen Ruiz")}
    # ...but a partial quote that is the whole claim is only a quote
    assert pairs("Ellen Ruiz said the plan was “dead on arrival.”") == {("quoted", "Ellen Ruiz")}


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


def test_two_quotes_in_two_sentences_are_not_joined_into_one():
    text = (
        "“The ferry will run again in May,” she said, adding that repairs were slow. "
        "In reply, Mayor Tomas Ferreira said, “May is too late for the islanders.”"
    )
    assert speakers(text) == [
        ("The ferry will run again in May,", None),
        ("May is too late for the islanders.", "Tomas Ferreira"),
    ]


def test_a_role_with_no_article_between_commas_is_an_appositive_of_the_speaker():
    assert speakers("Rosa Lindqvist, harbor master, said, “We were lucky tonight.”") == [
        ("We were lucky tonight.", "Rosa Lindqvist")
    ]
    assert speakers(
        "Tomas Ferreira, deputy to the mayor, said “the pier will be rebuilt by May”."
    ) == [("the pier will be rebuilt by May", "Tomas Ferreira")]
    # a relative clause is not a role: the speaker stays the one named
    assert speakers("Ana Ruiz, whose brother runs the ferry, said, “It runs late.”") == [
        ("It runs late.", "Ana Ruiz")
    ]


def test_with_a_speaker_and_a_participle_introduces_the_quote():
    assert speakers("The union backed the plan, with Rosa Lindqvist stating: “We won.”") == [
        ("We won.", "Rosa Lindqvist")
    ]
    assert speakers("Residents were angry, with one neighbor writing “Who pays for the pier?”") == [
        ("Who pays for the pier?", "neighbor")
    ]


def test_according_to_after_a_quote_gives_the_quote_and_keeps_the_outlet_credit():
    text = "By nightfall, “the pier had split in two,” according to the Coastal Courier."
    assert speakers(text) == [("the pier had split in two,", "Coastal Courier")]
    credits = {p.name for p in propose_attributions(text) if p.kind == "reported_by"}
    assert credits == {"Coastal Courier"}


def test_a_quote_after_a_sentence_about_a_named_person_is_that_persons():
    text = (
        "The council met late. Rosa Lindqvist, the harbor master, offered her own account. "
        "“We saw the crack a week ago.”"
    )
    assert speakers(text) == [("We saw the crack a week ago.", "Rosa Lindqvist")]
    # a sentence about a thing gives the quote to nobody
    assert speakers("The pier cracked overnight. “Nobody was hurt.”") == [
        ("Nobody was hurt.", None)
    ]


def test_a_title_in_capitals_is_a_name_not_a_quote_and_a_weekday_is_no_speaker():
    assert speakers("Tomas Ferreira, who joined “Harbor Hour” Monday, said the pier was safe.") == [
        ("Harbor Hour", None)
    ]


def test_long_titles_possessive_appositives_and_more_verbs_before_a_quote():
    assert speakers(
        "Port Authority director General Tomas Ferreira, in remarks to Harbor Radio, said "
        "“All boats are safe.”"
    ) == [("All boats are safe.", "Tomas Ferreira")]
    assert speakers(
        "Ana Ruiz, O Farol newspaper’s famous cartoonist, told the Courier that the suit is "
        "“a real waste of time.”"
    ) == [("a real waste of time.", "Ana Ruiz")]
    assert speakers(
        "Tomas Ferreira wrote a column. He characterized the ruling as “a small skirmish in a "
        "long war.”"
    ) == [("a small skirmish in a long war.", "Tomas Ferreira")]
    assert speakers("Tomas Ferreira asserted that the officials, “... misled the court.”") == [
        ("... misled the court.", "Tomas Ferreira")
    ]


def test_a_quoted_title_between_two_quotes_does_not_break_the_second_from_the_first():
    text = (
        "“We cannot say how much,” said Ana Ruiz, the director, as a guest on “Harbor Hour.” "
        "“We know it is more.”"
    )
    assert speakers(text) == [
        ("We cannot say how much,", "Ana Ruiz"),
        ("Harbor Hour.", None),
        ("We know it is more.", "Ana Ruiz"),
    ]


def test_in_her_words_after_a_fronted_phrase_is_the_sentences_subject():
    text = (
        "On Sunday, Ana Ruiz appealed to residents to avoid any actions that, in her words, "
        "“could create panic.”"
    )
    assert speakers(text) == [("could create panic.", "Ana Ruiz")]
