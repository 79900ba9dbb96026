"""The fresh held-out texts are rebuilt from AMALGUM token files by fixed rules, and every label
must fit the rebuilt text; the token snippets here are invented, never corpus text."""

import json

import pytest

from bench.fresh_corpus import (
    DOCUMENTS,
    ENV,
    EXPECTED,
    LABELS,
    check_labels,
    fresh_dir,
    missing_message,
    parse_xml,
    rebuild,
    words,
)

# The full AMALGUM xml layout: one token a line (form, tag, lemma), markup on lines of its own.
FULL = """<?xml version='1.0' encoding='utf8'?>
<text id="AMALGUM_news_x" title="Mayor opens &quot;new&quot; bridge" dateCreated="2030-01-02">
<head>
<s type="decl">
Mayor\tNNP\tMayor
opens\tVBZ\topen
bridge\tNN\tbridge
</s>
</head>
<p>
<s type="decl">
The\tDT\tthe
mayor\tNN\tmayor
said\tVBD\tsay
\"\t``\t''
it\tPRP\tit
's\tVBZ\tbe
ready\tJJ\tready
...\t:\t\u2026
\"\t''\t''
.\t.\t.
</s>
</p>
<figure>
<caption>
<s type="frag">
A\tDT\ta
caption\tNN\tcaption
</s>
</caption>
</figure>
<p>
<s type="decl">
It\tPRP\tit
cost\tVBD\tcost
US\tNNP\tUS
$\tSYM\t$
5\tCD\t5
(\t-LRB-\t(
a\tDT\ta
lot\tNN\tlot
)\t-RRB-\t)
to\tTO\tto
...\t:\t\u2026
build\tVB\tbuild
.\t.\t.
</s>
</p>
<p>
<s type="frag">
Sources
</s>
</p>
<list type="unordered">
<item>
<s type="frag">
Some\tDT\tsome
paper\tNN\tpaper
</s>
</item>
</list>
</text>
"""


def test_full_token_files_become_headline_and_paragraphs():
    doc = parse_xml(FULL)
    assert rebuild(doc) == (
        'Mayor opens bridge\n\nThe mayor said "it\'s ready...".\n\nIt cost US$5 (a lot) to ... build.\n'
    )
    assert doc.meta["title"] == "Mayor opens &quot;new&quot; bridge"


def test_abridged_lines_rebuild_the_same_way():
    # A sentence a line, a quotation mark carrying its tag after a bar.
    abridged = (
        '<text id="AMALGUM_news_x">\n<head>\nMayor opens bridge\n<p>\n'
        "The mayor said \"|`` it 's ready ... \"|'' .\n<figure>\nA caption\n</figure>\n<p>\n"
        "It cost US $ 5 ( a lot ) to ... build .\n"
    )
    assert rebuild(parse_xml(abridged)) == rebuild(parse_xml(FULL))


def test_quotes_alternate_within_a_paragraph_whatever_the_tagger_said():
    # The tagger marks the mark after a semicolon as closing; it opens.
    abridged = "<head>\nH\n<p>\nThere was no panic ; \"|'' I think so \"|'' , he said .\n"
    assert rebuild(parse_xml(abridged)).endswith('no panic; "I think so", he said.\n')


def test_boxes_pull_quotes_and_captions_outside_paragraphs_are_left_out():
    abridged = (
        "<head>\nH\n<p>\nHe said :\n</p>\nWe will win .\n<p>\nText .\n</p>\n<hi>\nA pull quote .\n"
        '</hi>\n<p style="text-align:right">\n\u2014 Credit\n<p>\nMore .\n</p>\n'
        "HAVE YOUR SAY\nWhat do you think ?\n<p>\nLast .\n</p>\nA caption\nImage : Someone .\n"
    )
    assert rebuild(parse_xml(abridged)) == "H\n\nHe said: We will win.\n\nText.\n\nMore.\n\nLast.\n"


def test_a_label_off_by_one_character_is_caught():
    text = 'Headline\n\nShe said "we won" and left.\n'
    start = text.index('"')
    good = {"quotes": [{"start": start, "end": start + 8, "speaker": "X"}], "attributions": []}
    assert check_labels(text, good) == []
    shifted = {"quotes": [{"start": start + 1, "end": start + 9, "speaker": "X"}]}
    assert any("quotation marks" in p for p in check_labels(text, shifted))
    cut = {"attributions": [{"kind": "paraphrased", "name": "X", "start": 11, "end": 14}]}
    assert any("cuts a word" in p for p in check_labels(text, cut))
    empty = {"attributions": [{"kind": "paraphrased", "name": "X", "start": 5, "end": 5}]}
    assert check_labels(text, empty)


def test_the_fresh_folder_is_looked_for_in_order(tmp_path, monkeypatch):
    checkout = tmp_path / "checkout"
    local = checkout / ".local" / "corpus" / "fresh"
    shared = tmp_path / "shared" / "corpus" / "fresh"
    monkeypatch.delenv(ENV, raising=False)
    assert fresh_dir(checkout) is None
    shared.mkdir(parents=True)
    assert fresh_dir(checkout) == shared
    local.mkdir(parents=True)
    assert fresh_dir(checkout) == local
    chosen = tmp_path / "elsewhere"
    chosen.mkdir()
    monkeypatch.setenv(ENV, str(chosen))
    assert fresh_dir(checkout) == chosen
    assert "python -m bench.fresh_corpus" in missing_message()


def test_every_label_file_is_a_known_story():
    assert sorted(path.stem for path in LABELS.glob("*.json")) == sorted(DOCUMENTS)


def test_the_rebuilt_texts_are_the_ones_the_labels_were_made_on():
    folder = fresh_dir()
    if folder is None:
        pytest.skip(missing_message("label check"))
    stems = [stem for stem in DOCUMENTS if (folder / f"{stem}.txt").exists()]
    if not stems:
        pytest.skip(f"no fresh texts in {folder}")
    for stem in stems:
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
        labels = json.loads((LABELS / f"{stem}.json").read_text(encoding="utf-8"))
        assert check_labels(text, labels) == [], stem
        # one story (02) is a word over the recorded maximum: see the eval README
        assert EXPECTED["min_words"] <= words(text) <= EXPECTED["max_words"] + 1, stem
