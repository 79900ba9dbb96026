"""The quotes finder (finders/quotes.py): direct quotes and who said them — after the quote,
before it, in a paragraph of its own, introduced by a colon, "in his words"; pronouns, titles
and employers left off speakers, and a writer's quotation marks inside a noun phrase. Every
sentence here is invented for the test."""

from sources.assistant import find_quotes


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
