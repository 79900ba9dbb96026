"""Wire copy keeps where it came from, and cannot go out under a staff byline unchanged.

A story imported with a `.meta.json` beside it (publisher, address, licence, date) is filed
under the publisher's byline and credits it as a "reported by" outlet; while most of its
words are still that copy the standards gate refuses a staff-only byline, and after a
rewrite it accepts one as long as the credit stays. Copy arrives in every common layout:
paragraphs are found block by block, and bylines, datelines and credit lines leave the body.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from articles.models import ArticleAuthor, Section, StoryOrigin
from articles.wire.ingest import IngestError, import_story, parse_file, parse_text
from articles.wire.provenance import lineage
from authors.models import Author
from sources.models import Attribution, AttributionKind
from sources.standards import check_article

SHARED = Path(settings.BASE_DIR).parent / "shared"
CORPUS = SHARED / "corpus" / "wire"
SEED = SHARED / "reference" / "seed-story.txt"

LINES = [
    "The harbour authority closed the north pier on Tuesday after divers found cracks in two of its piles.",
    "Ferries will dock at the south pier until repairs are done, the authority said.",
    "“We will not take chances with the public,” said Mara Quist, the harbour master.",
    "Repairs are expected to take six weeks and cost about $2 million.",
]


def paragraphs(story) -> list[str]:
    return [p.removesuffix("</p>") for p in story.body_html.split("<p>") if p]


def write_story(folder: Path, name: str, text: str, meta: dict | None) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


META = {
    "publisher": "Harbour Wire Service",
    "url": "https://wire.example/pier-closed",
    "licence": "CC BY 4.0",
    "date": "2026-11-30",
}


# --- Layouts --------------------------------------------------------------------------------


def test_a_headline_a_blank_line_then_one_paragraph_per_line():
    story = parse_text(("North pier closed\n\n" + "\n".join(LINES) + "\n").encode())
    found = paragraphs(story)
    assert len(found) == 4
    assert found[:2] == LINES[:2]


def test_the_reference_story_with_a_title_added_keeps_its_paragraphs(tmp_path):
    if not SEED.exists():
        pytest.skip(f"the reference story is not beside the checkout ({SEED})")
    seed = SEED.read_text(encoding="utf-8")
    path = tmp_path / "seed-with-title.txt"
    path.write_text("A title for the story\n\n" + seed, encoding="utf-8")
    story = parse_file(path)
    assert story.headline == "A title for the story"
    lines = [line for line in seed.splitlines() if line.strip() and not line.startswith("By ")]
    assert len(paragraphs(story)) == len(lines) == 11
    assert story.byline == ["Melanie Sun"]


def test_hard_wrapped_paragraphs_are_joined_and_one_line_paragraphs_are_not():
    wrapped = (
        "Pier closed\n\n"
        "The harbour authority closed the north pier on Tuesday after\n"
        "divers found cracks in two of its piles, the authority said in\n"
        "a statement.\n\n"
        "Ferries will dock at the south pier.\n"
        "Repairs will take six weeks.\n"
    )
    found = paragraphs(parse_text(wrapped.encode()))
    assert len(found) == 3
    assert found[0].startswith(
        "The harbour authority closed the north pier on Tuesday after divers"
    )


def test_bylines_datelines_and_credit_lines_leave_the_body_wherever_they_stand():
    text = (
        "Pier closed\n\n"
        "PORT ELLIS (Harbour Wire) —\n"
        + "\n".join(LINES[:2])
        + "\n\n(Reporting by Ana Ruiz; Editing by Tom Lee)\n"
        "By Ana Ruiz\n"
    )
    story = parse_text(text.encode())
    assert story.located == "PORT ELLIS"
    assert story.byline == ["Ana Ruiz", "Harbour Wire"]
    assert story.provenance.publisher == "Harbour Wire"
    assert story.provenance.credit_lines == ["(Reporting by Ana Ruiz; Editing by Tom Lee)"]
    body = story.body_html
    assert "PORT ELLIS" not in body and "Reporting by" not in body and "By Ana" not in body
    assert paragraphs(story)[0] == LINES[0]


def test_a_dateline_opening_the_first_paragraph_goes_to_the_dateline_field_only():
    story = parse_text(
        b"Pier closed\n\nPORT ELLIS \xe2\x80\x94 The pier closed.\n\nIt was cracked.\n"
    )
    assert story.located == "PORT ELLIS"
    assert paragraphs(story) == ["The pier closed.", "It was cracked."]


# --- Provenance -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_meta_file_beside_the_copy_becomes_its_origin_byline_and_credit(tmp_path):
    path = write_story(tmp_path, "pier", "North pier closed\n\n" + "\n\n".join(LINES), META)
    article = import_story(parse_file(path)).article
    origin = StoryOrigin.objects.get(article=article)
    assert (origin.publisher, origin.url, origin.licence, str(origin.published_on)) == (
        "Harbour Wire Service",
        "https://wire.example/pier-closed",
        "CC BY 4.0",
        "2026-11-30",
    )
    assert [a.name for a in article.byline_authors()] == ["Harbour Wire Service"]
    credit = Attribution.objects.get(article=article, kind=AttributionKind.REPORTED_BY)
    assert credit.source.name == "Harbour Wire Service"
    assert str(credit.reported_on) == "2026-11-30"
    assert not [f for f in check_article(article) if f.code.startswith("wire_copy")]


def test_a_broken_meta_file_refuses_the_story_rather_than_lose_its_origin(tmp_path):
    path = write_story(tmp_path, "pier", "North pier closed\n\n" + LINES[0], None)
    (tmp_path / "pier.meta.json").write_text("{publisher: ", encoding="utf-8")
    with pytest.raises(IngestError) as refused:
        parse_file(path)
    assert refused.value.code == "invalid_meta"
    assert "pier.meta.json" in refused.value.message


def test_a_meta_address_that_is_not_a_web_address_is_dropped(tmp_path):
    meta = {**META, "url": "javascript:alert(1)"}
    path = write_story(tmp_path, "pier", "North pier closed\n\n" + LINES[0], meta)
    assert parse_file(path).provenance.url == ""


@pytest.mark.django_db
def test_importing_a_folder_reads_meta_files_beside_the_copy_and_never_as_stories(tmp_path):
    write_story(tmp_path, "pier", "North pier closed\n\n" + "\n\n".join(LINES), META)
    call_command("import_stories", str(tmp_path), stdout=StringIO())
    assert StoryOrigin.objects.get().publisher == "Harbour Wire Service"


# --- The standards gate ---------------------------------------------------------------------


def staff_byline(article) -> None:
    article.author_links.all().delete()
    staff = Author.objects.create(name="Jonah Perrault", slug="jonah-perrault")
    ArticleAuthor.objects.create(article=article, author=staff, position=0)


def codes(article) -> set[str]:
    return {f.code for f in check_article(article) if f.is_blocking}


@pytest.mark.django_db
def test_wire_copy_cannot_go_out_under_a_staff_byline_unchanged(tmp_path):
    path = write_story(tmp_path, "pier", "North pier closed\n\n" + "\n\n".join(LINES), META)
    article = import_story(parse_file(path)).article
    staff_byline(article)
    assert "wire_copy_staff_byline" in codes(article)
    message = next(f.message for f in check_article(article) if f.code == "wire_copy_staff_byline")
    assert "100% of this text is still Harbour Wire Service's copy" in message
    assert "With reporting from Harbour Wire Service" in message


@pytest.mark.django_db
def test_after_a_rewrite_a_staff_byline_is_fine_while_the_credit_stays(tmp_path):
    path = write_story(tmp_path, "pier", "North pier closed\n\n" + "\n\n".join(LINES), META)
    article = import_story(parse_file(path)).article
    staff_byline(article)
    article.body = (
        "<p>Divers inspecting the north pier found two cracked piles, and the harbour shut it.</p>"
        "<p>Our reporter watched ferries queue at the south pier through the afternoon.</p>"
        "<p>Harbour master Mara Quist told us the work would take about six weeks.</p>"
    )
    article.save()
    assert not {"wire_copy_staff_byline", "wire_copy_uncredited"} & codes(article)
    Attribution.objects.filter(article=article, kind=AttributionKind.REPORTED_BY).delete()
    assert "wire_copy_uncredited" in codes(article)


def test_lineage_follows_edits_paragraph_by_paragraph():
    wire = "\n\n".join(LINES)
    edited = (
        f"<p>{LINES[0].replace('Tuesday', 'Wednesday')}</p>"
        "<p>Our own reporting: the ferry company said it had not been told in advance.</p>"
        f"<p>{LINES[3]}</p>"
    )
    found = lineage(wire, edited)
    assert [kind for _text, kind in found.paragraphs] == ["wire", "staff", "wire"]
    assert 0.5 < found.wire_share < 0.8


@pytest.mark.django_db
@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not beside the checkout")
def test_every_corpus_story_keeps_its_publisher_licence_and_paragraphs():
    texts = sorted(CORPUS.glob("*.txt"))
    assert len(texts) >= 40
    for path in texts:
        meta = json.loads(path.with_name(path.stem + ".meta.json").read_text())
        story = parse_file(path)
        blocks = [b for b in path.read_text(encoding="utf-8").split("\n\n")[1:] if b.strip()]
        assert len(paragraphs(story)) == len(blocks), path.name
        assert story.provenance.publisher == meta["publisher"], path.name
        assert story.provenance.licence == meta["licence"][:300], path.name
        article = import_story(story).article
        assert [a.name for a in article.byline_authors()] in (story.byline, [meta["publisher"]])


@pytest.mark.django_db
def test_the_story_page_says_where_the_copy_came_from_and_how_much_is_still_theirs(
    tmp_path, client, editor
):
    path = write_story(tmp_path, "pier", "North pier closed\n\n" + "\n\n".join(LINES), META)
    article = import_story(parse_file(path)).article
    article.body = article.body.replace(
        LINES[1], "Our own sentence about the ferries, newly written."
    )
    article.save()
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    text = " ".join(page.content.decode().split())
    assert "Where this copy came from" in text
    assert 'href="https://wire.example/pier-closed"' in text
    assert "Licence: CC BY 4.0" in text
    assert "3 paragraphs unchanged, 0 edited, 1 the newsroom's own" in text


# --- Provenance leaves with the story -------------------------------------------------------


@pytest.mark.django_db
def test_the_ninjs_export_carries_where_the_copy_came_from_and_reads_back(tmp_path, client, editor):
    from articles import workflow
    from articles.wire.provenance import from_ninjs

    unquoted = [line for line in LINES if "“" not in line]
    path = write_story(tmp_path, "pier", "North pier closed\n\n" + "\n\n".join(unquoted), META)
    article = import_story(parse_file(path)).article
    StoryOrigin.objects.filter(article=article).update(agency_id="hws-1207", agency_version="3")
    article.refresh_from_db()
    article.section = Section.objects.create(name="Harbour", slug="harbour")
    article.save()
    workflow.publish(editor, article)
    item = client.get(f"/api/stories/{article.pk}/").json()
    assert item["infosource"] == [
        {"name": "Harbour Wire Service", "role": "originating", "uri": META["url"]}
    ]
    assert item["usageterms"] == "CC BY 4.0"
    assert item["altids"] == {"originating": "hws-1207", "originating_version": "3"}
    # A partner importing our export keeps the wire as the copy's origin, not us.
    again = from_ninjs(item)
    assert (again.publisher, again.url, again.licence) == (
        "Harbour Wire Service",
        META["url"],
        "CC BY 4.0",
    )
    assert (again.agency_id, again.agency_version) == ("hws-1207", "3")
