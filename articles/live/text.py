"""An entry's words as the newsroom accepts them: plain-text fields, sanitized rich text and
an optional outside player.

The player (the composer's "Embed" field: an address, with an optional caption and credit)
is read through the allow-list of `articles.embeds.providers` and kept as its stored figure,
words included, at the end of the entry's HTML, after the text: the sanitizer keeps that
shape, history and publish copy it with the text, and readers' code turns it into the facade
(`articles.live.cards`). A figure typed into the text itself is dropped: only the field adds
one.

Every refusal is a `LiveError` naming the field and what to change; nothing is saved.
"""

import re
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.utils.html import linebreaks

from articles.embeds import providers as embeds
from articles.live.errors import LiveError
from newsroom.html import html_to_text, sanitize_html
from newsroom.validators import validate_plain_text

HEADLINE_MAX = 200
BODY_MAX = 20_000  # characters of sanitized HTML: a live entry is short
NOTE_MAX = 2000


def clean_plain(value, *, field: str, limit: int) -> str:
    text = str(value or "").replace("\x00", "").strip()
    if len(text) > limit:
        raise LiveError(
            f"The {field} is {len(text):,} characters long; {limit:,} at most.",
            code=f"{field.replace(' ', '_')}_too_long",
        )
    try:
        validate_plain_text(text)
    except ValidationError as error:
        raise LiveError(f"The {field}: {error.messages[0]}", code="markup_in_plain_text") from None
    return text


# Typed text with markup of the allow-list is read as HTML; anything else as plain text.
_MARKUP = re.compile(r"</?(?:p|br|strong|em|b|i|u|s|a|ul|ol|li|blockquote|h[234])\b", re.I)


def as_html(value: str) -> str:
    """The composer's text as HTML: blank lines make paragraphs unless it is HTML already."""
    if _MARKUP.search(value):
        return value
    return linebreaks(value, autoescape=True)


def clean_body(value) -> str:
    """Sanitized HTML of an entry's text (the story body's allow-list)."""
    html = sanitize_html(as_html(str(value or "").replace("\x00", "")))
    html = embeds.FIGURE.sub("", html)  # only the Embed field adds a player
    if len(html) > BODY_MAX:
        raise LiveError(
            f"The text is {len(html):,} characters long; {BODY_MAX:,} at most for an entry. "
            "Split it into two entries, or break it out into a story.",
            code="text_too_long",
        )
    return html


def has_words(html: str) -> bool:
    return bool(html_to_text(html).strip())


_ONLY_PARAGRAPHS = re.compile(r"</?(?!p\b|br\b)[a-z][^>]*>", re.I)


def editable_text(html: str) -> str:
    """An entry's text as the composer shows it for editing: plain text when it is only
    paragraphs (as typed), its HTML when it carries links or marks (kept on save)."""
    if _ONLY_PARAGRAPHS.search(html or ""):
        return html
    return html_to_text(html)


def embed_figure(address, *, caption="", credit="") -> str:
    """The stored figure for the composer's Embed field and its optional caption and credit
    ("" when all are blank), or a `LiveError` naming the field and why it is refused."""
    address = str(address or "").replace("\x00", "").strip()
    try:
        words = {
            "caption": embeds.clean_words(caption, field="caption", required=False),
            "credit": embeds.clean_words(credit, field="credit", required=False),
        }
    except ValidationError as error:
        raise LiveError(error.messages[0], code="embed_words_long") from None
    if not address:
        if any(words.values()):
            raise LiveError(
                "The embed has a caption or a credit but no address: paste the address of "
                "the video or post, or clear them.",
                code="embed_missing",
            )
        return ""
    try:
        return embeds.figure_html(replace(embeds.read_address(address), **words))
    except ValidationError as error:
        raise LiveError(f"The embed: {error.messages[0]}", code="embed_refused") from None
    except ValueError:  # an address urllib cannot split (an unclosed [ipv6)
        raise LiveError(
            "The embed: that does not read as an address: paste it again from the "
            "provider's Share button.",
            code="embed_refused",
        ) from None


def split_embed(html: str) -> tuple[str, embeds.Embed | None]:
    """An entry's HTML as the composer edits it: the text without its player, and the
    player (None when it carries none; its `page_url` is the address to show)."""
    html = html or ""
    match = embeds.FIGURE.search(html)
    return embeds.FIGURE.sub("", html), embeds.read_figure(match[0]) if match else None
