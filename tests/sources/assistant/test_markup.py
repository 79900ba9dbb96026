"""The assistant reads body HTML on the standard library (sources.assistant.markup) and gets
the text the rest of the project gets from newsroom.html.html_to_text."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from newsroom.html import html_to_text, sanitize_html
from sources.assistant.markup import html_to_text as assistant_html_to_text
from sources.assistant.markup import story_text

SAMPLES = [
    "<p>Rep. Jane Doe (D-Wash.) told NTD that the plan “was necessary.”</p>",
    "<p>a&amp;b &lt;c&gt; &quot;q&quot; it&#39;s&nbsp;here &mdash; caf&eacute;</p>",
    "<p>line<br>two<br/>three</p><p></p><p>after an empty paragraph</p>",
    "<h2>Head</h2><ul><li>one</li><li>two</li></ul><blockquote><p>quoted</p></blockquote>",
    "<figure><img src='x.jpg' alt='x'><figcaption>The pier at dawn.</figcaption></figure><p>Body.</p>",
    '<p><a href="https://example.com">A link</a>, <strong>bold</strong> and <em>italic</em>.</p>',
    "<p>unsafe<script>alert('x')</script> text</p>",
]


def _demo_bodies() -> list[str]:
    stories = Path(settings.BASE_DIR) / "demo" / "stories"
    bodies = []
    for path in sorted(stories.glob("*.yaml")):
        paragraphs = yaml.safe_load(path.read_text(encoding="utf-8"))["body"]
        bodies.append(sanitize_html("".join(f"<p>{p}</p>" for p in paragraphs)))
    return bodies


@pytest.mark.parametrize("html", SAMPLES)
def test_the_assistant_reads_the_same_text_as_the_project(html):
    clean = sanitize_html(html)
    assert assistant_html_to_text(clean) == html_to_text(clean)


def test_every_demo_story_reads_the_same():
    bodies = _demo_bodies()
    assert bodies
    for body in bodies:
        assert assistant_html_to_text(body) == html_to_text(body)


def test_plain_text_is_kept_as_it_is():
    assert story_text("She said “no.”\n\nThen she left.") == "She said “no.”\n\nThen she left."


def test_script_content_is_not_read():
    assert assistant_html_to_text("<p>a<script>b</script>c</p>") == "ac"
