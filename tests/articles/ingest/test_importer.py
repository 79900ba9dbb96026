"""Importing wire copy: good files become drafts, bad files say what is wrong, nothing twice."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleState, PublishedArticle
from articles.wire.ingest import IngestError, import_story, parse_file, parse_ninjs, parse_text
from authors.models import Author
from sources.models import AttributionProposal

DATA = Path(__file__).parent / "data"


def run(*args):
    """The command's output and error lines, and whether it ended in an error."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_stories", *map(str, args), stdout=out, stderr=err)
        failed = False
    except CommandError:
        failed = True
    return out.getvalue().splitlines(), err.getvalue().splitlines(), failed


# --- Parsing ---------------------------------------------------------------------------------


def test_wire_copy_headline_paragraphs_and_three_name_byline():
    story = parse_file(DATA / "ferry-strike.txt")
    assert story.headline == "Ferry crews vote to strike over overtime rules"
    assert story.byline == ["Sam Okafor", "Grace Liu", "Tom Hadley"]
    assert story.located == "HARBOR CITY"
    assert story.body_html.count("<p>") == 3
    assert "By Sam" not in story.body_html


@pytest.mark.parametrize(
    "line, names",
    [("By Ana Ruiz", ["Ana Ruiz"]), ("By Ana Ruiz and Tom Lee", ["Ana Ruiz", "Tom Lee"])],
)
def test_byline_forms(line, names):
    assert parse_text(f"Headline\n\nA paragraph.\n\n{line}\n".encode()).byline == names


def test_a_last_paragraph_starting_with_by_is_not_taken_for_a_byline():
    story = parse_text(b"Headline\n\nBy noon the line was around the block.\n")
    assert story.byline == []
    assert "By noon" in story.body_html


def test_ninjs_fields_and_sanitized_body():
    story = parse_file(DATA / "bridge-closure.json")
    assert story.origin_uri == "urn:wire:example:bridge-closure-1"
    assert story.byline == ["Priya Raman", "Leo Marchetti"]
    assert story.subjects == ["Transportation", "Harbor City"]
    assert story.dek.startswith("Drivers will be detoured")
    assert "<script>" not in story.body_html
    assert story.versioncreated.year == 2025


@pytest.mark.parametrize(
    "name, raw, code",
    [
        ("empty.txt", b"  \n\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("latin1.txt", "Caf\u00e9 reopens\n\nThe caf\u00e9 is back.".encode("latin-1"), "encoding"),
        ("broken.json", b'{"headline": "Half', "invalid_json"),
        ("nohead.json", json.dumps({"body_html": "<p>Text.</p>"}).encode(), "missing_headline"),
        ("onlyhead.txt", b"Just a headline\n", "missing_body"),
        ("notes.md", b"# Notes", "unsupported"),
    ],
)
def test_bad_files_say_what_is_wrong(tmp_path, name, raw, code):
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(IngestError) as error:
        parse_file(path)
    assert error.value.code == code
    assert error.value.message


# --- Saving ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_makes_a_draft_with_authors_tags_and_proposals(section, make_user):
    user = make_user("wire")
    result = import_story(parse_file(DATA / "bridge-closure.json"), section=section, user=user)
    article = result.article
    assert result.status == "imported"
    assert article.state == ArticleState.DRAFT
    assert not PublishedArticle.objects.exists()
    assert (article.section, article.created_by, article.dateline) == (section, user, "HARBOR CITY")
    assert [a.name for a in article.byline_authors()] == ["Priya Raman", "Leo Marchetti"]
    assert sorted(article.tags.names()) == ["Harbor City", "Transportation"]
    assert article.slug == "crane-street-bridge-to-close-for-six-weeks-of-repairs"
    names = set(article.proposals.values_list("kind", "name"))
    assert ("quoted", "Omar Reyes") in names
    assert result.proposals == len(names)


@pytest.mark.django_db
def test_existing_authors_are_matched_by_name(author):
    parsed = parse_text(f"Headline\n\nBody.\n\nBy {author.name.upper()}\n".encode())
    parsed.byline = [author.name.lower()]
    article = import_story(parsed).article
    assert article.byline_authors() == [author]
    assert Author.objects.count() == 1


@pytest.mark.django_db
def test_same_file_twice_is_unchanged_and_slugs_stay_unique():
    first = import_story(parse_file(DATA / "ferry-strike.txt"))
    again = import_story(parse_file(DATA / "ferry-strike.txt"))
    assert (again.status, again.article) == ("unchanged", first.article)
    other = parse_text(b"Ferry crews vote to strike over overtime rules\n\nA different story.\n")
    assert import_story(other).article.slug == first.article.slug + "-2"
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_a_new_version_of_a_ninjs_item_updates_its_draft():
    first = import_story(parse_file(DATA / "bridge-closure.json")).article
    item = json.loads((DATA / "bridge-closure.json").read_text())
    item["headline"] = "Crane Street Bridge to close for eight weeks"
    result = import_story(parse_ninjs(json.dumps(item).encode()))
    assert (result.status, result.article.pk) == ("updated", first.pk)
    assert Article.objects.get().headline == "Crane Street Bridge to close for eight weeks"


@pytest.mark.django_db
def test_dry_run_saves_nothing():
    result = import_story(parse_file(DATA / "ferry-strike.txt"), dry_run=True)
    assert result.status == "imported" and result.dry_run
    assert not Article.objects.exists()
    assert not Author.objects.exists()
    assert not AttributionProposal.objects.exists()


# --- The command -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_a_folder_with_progress_and_summary(tmp_path, section):
    shutil.copy(DATA / "ferry-strike.txt", tmp_path)
    shutil.copy(DATA / "bridge-closure.json", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.json").write_text('{"headline": ')
    out, err, failed = run(tmp_path, "--section", "city")
    assert out[0].startswith("[1/4] bridge-closure.json: imported (2 author(s), ")
    assert out[1].startswith("[4/4] ferry-strike.txt: imported (3 author(s), ")
    assert err == [
        "[2/4] broken.json: failed: broken JSON: Expecting value at line 1, column 14",
        "[3/4] empty.txt: failed: the file is empty",
    ]
    assert out[-1] == "imported 2, updated 0, unchanged 0, skipped 0, failed 2"
    assert failed
    assert Article.objects.filter(section=section).count() == 2

    out, err, failed = run(DATA / "ferry-strike.txt")
    assert out[0].startswith("[1/1] ferry-strike.txt: unchanged")
    assert out[-1] == "imported 0, updated 0, unchanged 1, skipped 0, failed 0"
    assert not failed and Article.objects.count() == 2


@pytest.mark.django_db
def test_command_dry_run_reports_without_saving():
    out, _err, _failed = run(DATA, "--dry-run")
    assert out[0].startswith("[1/2] bridge-closure.json: would be imported")
    assert (
        out[-1] == "Dry run, nothing saved: imported 2, updated 0, unchanged 0, skipped 0, failed 0"
    )
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_command_rejects_an_unknown_section():
    with pytest.raises(CommandError, match="No section “sports”"):
        call_command("import_stories", str(DATA), "--section", "sports")


@pytest.mark.django_db
def test_export_writes_published_stories_as_ninjs(tmp_path, make_article, editor):
    from io import StringIO

    from articles import workflow

    article = make_article(headline="Ferry fares rise", created_by=editor)
    draft = make_article(headline="Still a draft")
    workflow.submit_for_review(editor, article)
    workflow.publish(editor, article)
    out = StringIO()
    call_command("export_stories", "--output", str(tmp_path), stdout=out)
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1
    item = json.loads(files[0].read_text())
    assert item["uri"] == f"urn:newsroom:story:{article.pk}"
    assert item["headline"] == "Ferry fares rise"
    assert draft.headline not in out.getvalue()
    assert "Exported 1 story" in out.getvalue()


# --- Markup, blank lines, encodings (acceptance audit) ---------------------------------------


def test_ninjs_headline_markup_is_stripped_and_entities_unescaped():
    item = {
        "headline": "<b>Bold</b> head: fish &amp; chips<br>prices rise",
        "description_text": "Vendors say <i>costs</i> are up &lt;5%.",
        "body_text": "Chip shops raised prices this week.",
    }
    story = parse_ninjs(json.dumps(item).encode())
    assert story.headline == "Bold head: fish & chips prices rise"
    assert story.dek == "Vendors say costs are up <5%."


@pytest.mark.django_db
def test_ninjs_with_markup_in_its_headline_imports_as_plain_text():
    item = {"uri": "urn:test:bold", "headline": "<b>Bold</b> head", "body_text": "Text."}
    article = import_story(parse_ninjs(json.dumps(item).encode())).article
    assert Article.objects.get(pk=article.pk).headline == "Bold head"


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [False, True])
def test_text_headline_with_markup_is_refused_with_one_clear_error(dry_run):
    parsed = parse_text(b"Rates fall <5% as <b>costs</b> rise\n\nThe bank cut rates.\n")
    with pytest.raises(IngestError) as error:
        import_story(parsed, dry_run=dry_run)
    assert error.value.code == "markup_in_plain_text"
    assert error.value.message.startswith(
        "the headline “Rates fall <5% as <b>costs</b> rise” was refused: "
    )
    assert "remove the <b> tag" in error.value.message
    assert "\n" not in error.value.message
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [[], ["--dry-run"]])
def test_a_bad_headline_does_not_stop_the_run(tmp_path, extra):
    (tmp_path / "a-markup.txt").write_text("Rates fall <5% as <b>costs</b> rise\n\nThe bank cut.\n")
    (tmp_path / "b-bold.json").write_text(
        json.dumps({"headline": "<b>Bold</b> head", "body_text": "Bold text."})
    )
    shutil.copy(DATA / "ferry-strike.txt", tmp_path / "c-ferry.txt")
    out, err, failed = run(tmp_path, *extra)
    assert len(err) == 1
    assert err[0].startswith("[1/3] a-markup.txt: failed: the headline “Rates fall <5% as ")
    assert "remove the <b> tag" in err[0]
    verb = "would be imported" if extra else "imported"
    assert out[0].startswith(f"[2/3] b-bold.json: {verb}")
    assert out[1].startswith(f"[3/3] c-ferry.txt: {verb}")
    assert out[-1].endswith("imported 2, updated 0, unchanged 0, skipped 0, failed 1")
    assert failed
    expected = set() if extra else {"Bold head", "Ferry crews vote to strike over overtime rules"}
    assert set(Article.objects.values_list("headline", flat=True)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        b"\n\n\nHeadline here\n\nThe body.\n",
        b"   \n\t\n\r\nHeadline here\r\n\r\nThe body.\r\n",
        "\u200b\n\u00a0\u200b \nHeadline here\n\nThe body.\n".encode(),
        "\ufeff\u200b\nHeadline here\nThe body.\n".encode(),
    ],
)
def test_leading_blank_lines_are_skipped(raw):
    story = parse_text(raw)
    assert story.headline == "Headline here"
    assert story.body_html == "<p>The body.</p>"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_files_with_a_byte_order_mark_are_read(tmp_path, encoding):
    text = "Caf\u00e9 reopens on Rue de l\u2019\u00c9glise\n\nThe caf\u00e9 is back.\n"
    raw = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        raw = "\ufeff".encode(encoding) + raw  # the mark written by editors that save "Unicode"
    path = tmp_path / "cafe.txt"
    path.write_bytes(raw)
    story = parse_file(path)
    assert story.headline == "Caf\u00e9 reopens on Rue de l\u2019\u00c9glise"
    assert story.body_html == "<p>The caf\u00e9 is back.</p>"


def test_a_byte_order_mark_on_bytes_that_do_not_decode_is_an_encoding_error():
    with pytest.raises(IngestError) as error:
        parse_text(b"\xff\xfeH\x00i\x00\x00\xd8")  # a UTF-16 text cut in a surrogate pair
    assert error.value.code == "encoding"


# --- Re-importing a uri the newsroom has worked on ------------------------------------------

WIRE_ITEM = {
    "uri": "urn:test:ferry-schedule",
    "headline": "Harbor ferry schedule changes on Monday",
    "body_text": "Ferries will run every 20 minutes from Monday.",
    "byline": "Ana Ruiz",
}


def _wire(**changes) -> bytes:
    return json.dumps({**WIRE_ITEM, **changes}).encode()


def _edit(user, article, headline):
    from articles import workflow

    article.refresh_from_db()
    article.headline = headline
    return workflow.save_article(user, article, expected_version=article.version)


@pytest.mark.django_db
def test_reimport_skips_a_live_story_with_draft_edits(section, editor):
    from articles import workflow

    article = import_story(parse_ninjs(_wire()), section=section).article
    workflow.submit_for_review(editor, article)
    workflow.publish(editor, article)
    _edit(editor, article, "Harbor ferry schedule changes on Monday, city says")
    article.refresh_from_db()
    assert (article.state, article.has_unpublished_changes) == (ArticleState.DRAFT, True)

    result = import_story(parse_ninjs(_wire(headline="Ferry timetable overhauled")))
    assert result.status == "skipped"
    assert result.reason == "the story has been edited in the newsroom since import"
    article.refresh_from_db()
    assert article.headline == "Harbor ferry schedule changes on Monday, city says"
    assert PublishedArticle.objects.get().headline == "Harbor ferry schedule changes on Monday"


@pytest.mark.django_db
def test_reimport_skips_a_draft_edited_since_import(editor):
    article = import_story(parse_ninjs(_wire())).article
    _edit(editor, article, "Ferry schedule: what changes Monday")
    result = import_story(parse_ninjs(_wire(headline="Ferry timetable overhauled")))
    assert (result.status, result.reason) == (
        "skipped",
        "the story has been edited in the newsroom since import",
    )
    assert Article.objects.get().headline == "Ferry schedule: what changes Monday"


@pytest.mark.django_db
def test_reimport_skips_a_published_story(section, editor):
    from articles import workflow

    article = import_story(parse_ninjs(_wire()), section=section).article
    workflow.submit_for_review(editor, article)
    workflow.publish(editor, article)
    result = import_story(parse_ninjs(_wire(headline="Ferry timetable overhauled")))
    assert result.status == "skipped"
    assert "no longer a draft (published)" in result.reason
    assert Article.objects.get().headline == WIRE_ITEM["headline"]


@pytest.mark.django_db
def test_reimport_updates_an_untouched_draft_and_the_command_counts_skips(tmp_path, editor):
    first = import_story(parse_ninjs(_wire())).article
    updated = import_story(parse_ninjs(_wire(headline="Ferry timetable overhauled")))
    assert (updated.status, updated.article.pk) == ("updated", first.pk)

    _edit(editor, first, "Ferry schedule: what changes Monday")
    (tmp_path / "ferry.json").write_bytes(_wire(headline="Ferries every 15 minutes"))
    out, err, failed = run(tmp_path)
    assert out[0] == (
        "[1/1] ferry.json: skipped: the story has been edited in the newsroom since import "
        "(“Ferry schedule: what changes Monday” is left as it is)"
    )
    assert out[-1] == "imported 0, updated 0, unchanged 0, skipped 1, failed 0"
    assert (err, failed) == ([], False)
    assert Article.objects.get().headline == "Ferry schedule: what changes Monday"
