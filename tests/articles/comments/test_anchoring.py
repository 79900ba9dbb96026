"""A comment stays on its passage as the story's text changes (articles.collaboration.comments.find_passage),
and is orphaned when the passage is deleted."""

from articles.collaboration.comments import body_text, context_of, find_passage

BODY = (
    "<p>The council met on Tuesday night.</p>"
    "<p>Members voted 7-2 to approve the harbor budget after a long debate.</p>"
    "<p>The mayor said the vote was overdue.</p>"
)
QUOTE = "voted 7-2 to approve the harbor budget"


def comment_on(html: str, quote: str) -> tuple[str, str, str]:
    text = body_text(html)
    start = text.index(quote)
    return context_of(text, start, start + len(quote))


def test_the_passage_is_found_where_it_was_made():
    prefix, quote, suffix = comment_on(BODY, QUOTE)
    anchor = find_passage(body_text(BODY), quote, prefix, suffix)
    assert anchor.text == QUOTE and anchor.exact


def test_paragraph_breaks_read_as_spaces():
    assert body_text(BODY).startswith("The council met on Tuesday night. Members voted")


def test_text_inserted_before_the_passage_moves_the_anchor_with_it():
    prefix, quote, suffix = comment_on(BODY, QUOTE)
    edited = "<p>A new first paragraph about the weather.</p>" + BODY
    text = body_text(edited)
    anchor = find_passage(text, quote, prefix, suffix)
    assert anchor.exact
    assert text[anchor.start : anchor.end] == QUOTE
    assert anchor.start == body_text(BODY).index(QUOTE) + len(
        "A new first paragraph about the weather. "
    )


def test_a_slight_edit_inside_the_passage_keeps_the_comment_on_it():
    prefix, quote, suffix = comment_on(BODY, QUOTE)
    edited = BODY.replace("voted 7-2", "voted 7-3")
    anchor = find_passage(body_text(edited), quote, prefix, suffix)
    assert anchor is not None and not anchor.exact
    assert "voted 7-3 to approve the harbor budget" in anchor.text
    assert "mayor" not in anchor.text and "Tuesday" not in anchor.text


def test_a_word_added_inside_the_passage_keeps_the_comment_on_it():
    prefix, quote, suffix = comment_on(BODY, QUOTE)
    edited = BODY.replace("the harbor budget", "the revised harbor budget")
    anchor = find_passage(body_text(edited), quote, prefix, suffix)
    assert anchor is not None
    assert anchor.text.startswith("voted 7-2") and "revised harbor budget" in anchor.text


def test_a_duplicate_of_the_passage_elsewhere_does_not_take_the_comment():
    prefix, quote, suffix = comment_on(BODY, QUOTE)
    duplicated = BODY + f"<p>Last year they also {QUOTE} without a fight.</p>"
    text = body_text(duplicated)
    anchor = find_passage(text, quote, prefix, suffix)
    assert anchor.start == body_text(BODY).index(QUOTE)
    # Delete the first one: the comment moves to the copy that is left.
    rest = body_text(duplicated.replace("Members " + QUOTE, "Members disagreed"))
    moved = find_passage(rest, quote, prefix, suffix)
    assert moved is not None and moved.start == rest.index(QUOTE)


def test_a_deleted_passage_orphans_the_comment():
    prefix, quote, suffix = comment_on(BODY, QUOTE)
    edited = BODY.replace(
        "<p>Members voted 7-2 to approve the harbor budget after a long debate.</p>", ""
    )
    assert find_passage(body_text(edited), quote, prefix, suffix) is None


def test_a_passage_rewritten_beyond_recognition_is_orphaned():
    prefix, quote, suffix = comment_on(BODY, QUOTE)
    edited = BODY.replace(QUOTE, "postponed everything to spring")
    assert find_passage(body_text(edited), quote, prefix, suffix) is None


def test_a_short_quote_is_only_found_exactly():
    text = body_text(BODY)
    assert find_passage(text, "7-2", "Members voted ", " to approve").text == "7-2"
    assert find_passage(text, "7-9", "Members voted ", " to approve") is None


def test_markup_inside_the_passage_does_not_matter():
    prefix, quote, suffix = comment_on(BODY, QUOTE)
    bolded = BODY.replace("harbor budget", "<strong>harbor</strong> budget")
    assert find_passage(body_text(bolded), quote, prefix, suffix).exact
