"""HTML sanitizing for story bodies: one allow-list, used by the editor field, imports and snapshots."""

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "figure",
    "figcaption",
    "hr",
    "sub",
    "sup",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the allow-list removed (scripts, styles, handlers)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def html_to_text(html: str) -> str:
    """Plain text of sanitized HTML, paragraphs separated by blank lines."""
    text = re.sub(r"(?i)</(p|h[2-4]|li|blockquote|figcaption)>", "\n\n", html or "")
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = nh3.clean(text, tags=set())
    text = (
        text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_to_html(text: str) -> str:
    """Paragraphs of plain text (blank-line separated) as sanitized HTML."""
    from django.utils.html import escape

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{escape(' '.join(p.split()))}</p>" for p in paragraphs)


def paragraphs(html: str) -> list[str]:
    """The body as a list of plain-text paragraphs (for diffs and the sourcing assistant)."""
    return [p for p in html_to_text(html).split("\n\n") if p.strip()]
