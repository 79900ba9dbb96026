"""The demo's data files: every story names only sections, authors and sources that exist,
and a file a writer broke gets a message naming it, not a traceback from deep in the loader."""

import copy
import io

import pytest
import yaml

from articles.models import Article
from demo import content
from demo.content import DemoContentError
from demo.loader import load_demo, unknown_references
from sources.models import Attribution

CAPITAL_WIRE = "Capital Wire Service"


def test_every_story_file_names_known_sections_authors_and_sources():
    sections = {data["slug"] for data in content.load_sections()}
    authors = {data["slug"] for data in content.load_authors()}
    sources = {data["key"] for data in content.load_sources()}
    stories = content.load_stories()
    assert len(stories) == len(content.story_files()) == 17
    assert len({story["slug"] for story in stories}) == len(stories)
    for path, story in zip(content.story_files(), stories, strict=True):
        assert path.stem.endswith(story["slug"]), f"{path.name} holds {story['slug']}"
        assert not unknown_references(story, sections=sections, authors=authors, sources=sources), (
            path.name
        )


def test_a_broken_story_file_is_named(monkeypatch, tmp_path):
    fine = content.story_files()[0].read_text("utf-8")
    monkeypatch.setattr(content, "STORIES_DIR", tmp_path)
    (tmp_path / "01-fine.yaml").write_text(fine, "utf-8")
    (tmp_path / "02-broken.yaml").write_text("slug: broken\nheadline: [unclosed\n")
    with pytest.raises(DemoContentError, match=r"02-broken\.yaml: not valid YAML"):
        content.load_stories()

    (tmp_path / "02-broken.yaml").write_text("slug: broken\nheadline: No body\nsection: city\n")
    with pytest.raises(DemoContentError, match=r"02-broken\.yaml: missing authors, body, image"):
        content.load_stories()


@pytest.mark.django_db
def test_a_story_naming_an_unknown_source_is_skipped_and_the_rest_load(monkeypatch):
    by_slug = {story["slug"]: story for story in content.load_stories()}
    typo = copy.deepcopy(by_slug["navy-delays-sentinel-ships-harbor-city-yard"])
    typo["slug"] = "story-with-a-typo"
    typo["attributions"][1]["source"] = "capitol-wire"
    earnings = by_slug["tidewater-shipping-third-quarter-profit-falls"]
    # A writer may leave a date unquoted; YAML then reads it as a date, not text.
    [credit] = [a for a in earnings["attributions"] if a.get("source") == "capital-wire"]
    credit["reported_on"] = yaml.safe_load("2026-10-01")
    monkeypatch.setattr(content, "load_stories", lambda: [typo, earnings])

    out = io.StringIO()
    counts = load_demo(stdout=out)

    assert "story-with-a-typo: not created, the data files have no source 'capitol-wire'" in (
        out.getvalue()
    )
    assert counts == {"created": 1, "existing": 0, "skipped": 1, "failed": 0}
    assert not Article.objects.filter(slug="story-with-a-typo").exists()
    dated = Attribution.objects.get(article__slug=earnings["slug"], source__name=CAPITAL_WIRE)
    assert str(dated.reported_on) == "2026-10-01"
    assert Article.objects.get(slug=earnings["slug"]).state == "published"
