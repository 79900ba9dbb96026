"""Plain-text wire copy in the layouts agencies send: one paragraph per line, a byline at
the top or the foot, an agency in the dateline. Paragraphs survive; the byline leaves the
body and becomes the story's byline."""

from pathlib import Path

import pytest
from django.conf import settings

from articles.wire.ingest import parse_file, parse_text

SEED = Path(settings.BASE_DIR).parent / "shared" / "reference" / "seed-story.txt"


def paragraphs(story) -> int:
    return story.body_html.count("<p>")


def test_the_reference_story_keeps_its_ten_paragraphs_and_its_byline():
    if not SEED.exists():
        pytest.skip(f"the reference story is not beside the checkout ({SEED})")
    story = parse_file(SEED)
    assert paragraphs(story) == 10
    assert story.byline == ["Melanie Sun"]
    assert "Melanie Sun" not in story.body_html
    assert "<p>By " not in story.body_html
    first_line = SEED.read_text(encoding="utf-8").splitlines()[0]
    assert story.headline == first_line.strip()
    assert first_line.strip() not in story.body_html


def test_one_paragraph_per_line_without_blank_lines():
    story = parse_text(
        b"Council passes budget\n"
        b"The council passed the budget on Monday.\n"
        b"It adds two libraries.\n"
        b"The mayor will sign it Friday.\n"
    )
    assert story.headline == "Council passes budget"
    assert paragraphs(story) == 3
    assert story.byline == []


@pytest.mark.parametrize(
    "byline, names",
    [
        ("By Ana Ruiz", ["Ana Ruiz"]),
        ("By Ana Ruiz and Tom Lee", ["Ana Ruiz", "Tom Lee"]),
        ("By Ana Ruiz, Reuters", ["Ana Ruiz", "Reuters"]),
    ],
)
@pytest.mark.parametrize("where", ["first", "last"])
@pytest.mark.parametrize("blank_lines", [True, False])
def test_a_byline_on_the_first_or_last_line_becomes_the_byline(byline, names, where, blank_lines):
    body = ["The ferry resumed service on Monday.", "Riders welcomed the news."]
    lines = [byline, *body] if where == "first" else [*body, byline]
    joiner = "\n\n" if blank_lines else "\n"
    story = parse_text(("Ferry is back" + joiner + joiner.join(lines) + "\n").encode())
    assert story.byline == names
    assert paragraphs(story) == 2
    assert "By " not in story.body_html
    assert "Ana Ruiz" not in story.body_html


def test_a_byline_line_glued_to_the_last_paragraph_is_split_off():
    story = parse_text(
        b"Ferry is back\n\nService resumed Monday.\nRiders cheered.\n\n"
        b"The line runs hourly.\nBy Ana Ruiz\n"
    )
    assert story.byline == ["Ana Ruiz"]
    assert "Ana Ruiz" not in story.body_html


def test_an_agency_in_the_dateline_becomes_the_byline():
    story = parse_text(
        "Ferry is back\n"
        "LISBON (Harbor News Agency) — Service resumed on Monday.\n"
        "Riders welcomed the news.\n".encode()
    )
    assert story.byline == ["Harbor News Agency"]
    assert story.located == "LISBON"
    assert "Harbor News Agency" not in story.body_html
    # The dateline is the story's dateline field (the page prints it): not twice in the body.
    assert story.body_html.startswith("<p>Service resumed")
    assert paragraphs(story) == 2


def test_an_agency_already_in_the_byline_is_credited_once():
    story = parse_text(
        b"Ferry is back\n\nLISBON (Reuters) - Service resumed.\n\nBy Ana Ruiz, Reuters\n"
    )
    assert story.byline == ["Ana Ruiz", "Reuters"]
    assert "Reuters" not in story.body_html


def test_a_sentence_starting_with_by_is_never_a_byline_in_either_place():
    story = parse_text(b"Queue\nBy noon the line was long.\nIt was cold.\nBy then it was over.\n")
    assert story.byline == []
    assert paragraphs(story) == 3
