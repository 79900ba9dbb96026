"""Straight quotes reach readers curled: the published snapshot's headline, dek and body get
typographic quotes and apostrophes; tags, attributes and code stay as typed, and so does the
working copy the reporter edits."""

import pytest

from articles import workflow
from newsroom.html import curl_quotes, curl_quotes_html


@pytest.mark.parametrize(
    ("typed", "curled"),
    [
        ('He said "yes."', "He said “yes.”"),
        ("it's", "it’s"),
        ('"Leading" words', "“Leading” words"),
        ("'Single' quotes", "‘Single’ quotes"),
        ("\"He told me 'no' twice,\" she said.", "“He told me ‘no’ twice,” she said."),
        ("the Joneses' boat in the '90s", "the Joneses’ boat in the ’90s"),
        ('("aside")', "(“aside”)"),
        ("Already “curled” stays", "Already “curled” stays"),
    ],
)
def test_plain_text_quotes_are_curled(typed, curled):
    assert curl_quotes(typed) == curled


def test_html_attributes_and_tags_are_untouched():
    html = '<p>See <a href="https://example.com/x" title="the \'plan\'">the plan</a>.</p>'
    assert curl_quotes_html(html) == html
    assert curl_quotes_html('<a href="x">') == '<a href="x">'


def test_html_text_nodes_are_curled_across_inline_tags_and_blocks():
    html = (
        '<p>"Go," she said. <em>"Now."</em></p>'
        '<p>"It\'s <strong>late</strong>"</p>'
        '<blockquote><p>"Quoted"</p></blockquote>'
    )
    assert curl_quotes_html(html) == (
        "<p>“Go,” she said. <em>“Now.”</em></p>"
        "<p>“It’s <strong>late</strong>”</p>"
        "<blockquote><p>“Quoted”</p></blockquote>"
    )


def test_code_is_left_as_typed():
    html = '<pre>x = "a"</pre><p>Run <code>echo \'hi\'</code> "now"</p>'
    assert curl_quotes_html(html) == "<pre>x = \"a\"</pre><p>Run <code>echo 'hi'</code> “now”</p>"


@pytest.mark.django_db
def test_publish_curls_the_snapshot_and_keeps_the_working_copy(story_in, editor, clock):
    article = story_in("in_review")
    article.headline = 'Mayor says "no" to the port\'s plan'
    article.dek = "It's the council's turn."
    article.body = (
        "<p>The port's crews won't wait. See <a href=\"https://example.com/\">this</a>.</p>"
    )
    article.save()

    snapshot = workflow.publish(editor, article, now=clock)

    snapshot.refresh_from_db()
    assert snapshot.headline == "Mayor says “no” to the port’s plan"
    assert snapshot.dek == "It’s the council’s turn."
    assert "<p>The port’s crews won’t wait." in snapshot.body_html
    assert 'href="https://example.com/"' in snapshot.body_html
    assert snapshot.body_text.startswith("The port’s crews won’t wait.")
    assert "“no”" in snapshot.article_html
    article.refresh_from_db()
    assert article.headline == 'Mayor says "no" to the port\'s plan'
    assert article.body.startswith("<p>The port's crews won't wait.")
