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
# `<figure data-gallery="12"></figure>` places gallery 12 in a story's body (the editor's
# NewsroomGallery node; articles.images.galleries renders it for readers).
# `<figure data-embed="youtube" data-embed-id="…" …></figure>` is an outside player shown
# behind a facade. Kept here only in its shape (a key, an id of plain characters, words of a
# bounded length); the allow-list itself is the stories app's (articles.embeds.providers),
# which also renders only figures naming an allowed provider with an id of its pattern.
EMBED_ATTRIBUTES = {
    "data-embed": re.compile(r"[a-z]{1,20}"),
    "data-embed-id": re.compile(r"[A-Za-z0-9_.:/@-]{1,120}"),
    "data-embed-title": re.compile(r"[^\x00-\x1f]{0,200}"),
    "data-embed-caption": re.compile(r"[^\x00-\x1f]{0,500}"),
    "data-embed-credit": re.compile(r"[^\x00-\x1f]{0,200}"),
}
# `<figure data-clip="12"></figure>` places video or sound 12 (articles.clips.in_stories).
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "figure": {"data-gallery", "data-clip", *EMBED_ATTRIBUTES},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("data-gallery", "data-clip"):  # a gallery's or clip's id, nothing else
        return value if value.isascii() and value.isdigit() and len(value) < 12 else None
    if attribute in EMBED_ATTRIBUTES:
        return value if EMBED_ATTRIBUTES[attribute].fullmatch(value or "") else None
    return value


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the allow-list removed (scripts, styles, handlers)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
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


# Typographic quotes. Readers see “ ” ‘ ’ where the reporter typed " and '; the working copy
# keeps what was typed and only the published snapshot is curled.
_OPENING_CONTEXT = set(" \t\n\r\u00a0([{\u2014\u2013-/\u201c\u2018")
_BLOCK_TAGS = re.compile(
    r"(?i)^</?(p|br|li|ul|ol|blockquote|h[1-6]|figure|figcaption|hr|pre|div)\b"
)
_RAW_TAGS = re.compile(r"(?i)^<(/?)(code|pre)\b")
_TAG = re.compile(r"(<[^>]*>)")
_LEADING_YEAR = re.compile(r"'(?=\d\d(s|\b))")


def _curl_text(text: str, before: str) -> str:
    """Curl the quotes of one run of text; `before` is the character that precedes it."""
    out = []
    text = _LEADING_YEAR.sub("\u2019", text)  # '90s: an apostrophe, not an opening quote
    prev = before
    for ch in text:
        opens = prev in _OPENING_CONTEXT or prev == ""
        if ch == '"':
            ch = "\u201c" if opens else "\u201d"
        elif ch == "'":
            ch = "\u2018" if opens else "\u2019"
        out.append(ch)
        prev = ch
    return "".join(out)


def curl_quotes(text: str) -> str:
    """Plain text with straight quotes and apostrophes made typographic: 'it's' -> ‘it’s’."""
    return _curl_text(text or "", "")


def curl_quotes_html(html: str) -> str:
    """Sanitized HTML with quotes curled in its text only: tags and attributes stay as they
    are, nothing inside <code> or <pre> changes, and each block starts a fresh context."""
    out = []
    before = ""
    raw_depth = 0
    for part in _TAG.split(html or ""):
        if part.startswith("<"):
            raw = _RAW_TAGS.match(part)
            if raw:
                raw_depth = max(0, raw_depth + (-1 if raw.group(1) else 1))
            if _BLOCK_TAGS.match(part):
                before = ""
            out.append(part)
            continue
        if not part:
            continue
        if raw_depth:
            out.append(part)
            before = part[-1]
            continue
        text = part.replace("&quot;", '"').replace("&#39;", "'").replace("&#x27;", "'")
        curled = _curl_text(text, before)
        out.append(curled)
        before = curled[-1] if curled else before
    return "".join(out)
