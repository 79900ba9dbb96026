"""The story's rich text as the diffs and the merge compare it: blocks, and words with marks.

A body is a list of top-level blocks (paragraphs, headings, lists, quotes), each kept as its
HTML, so a merge moves whole paragraphs with their bold, italic and links intact. A block is
read as words, each with its marks (bold, italic, struck, underlined, code) and the address
of the link it is in, so a diff sees a word made bold, or a link added to unchanged words,
and shows it: "voted seven to two (link: https://council.example/minutes)".

Only the standard library's HTML parser reads the HTML, and it never builds a tree: reading
is linear in the length of the text, which the story form already bounds; comparing two
texts word by word is bounded by `MAX_WORD_PAIRS`.
"""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col"}
_MARKS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "struck",
    "strike": "struck",
    "del": "struck",
    "u": "underlined",
    "code": "code",
}
# Comparing word by word costs up to the product of the two lengths: beyond this (two texts
# of 3,000 words each), two texts are shown whole, one struck and one inserted.
MAX_WORD_PAIRS = 9_000_000
# How a mark is shown in a diff; the order is the nesting order, outermost first.
_SHOWN = (("bold", "strong"), ("italic", "em"), ("struck", "s"), ("underlined", "u"))


class _Blocks(HTMLParser):
    """Splits HTML at its top level: each element (with what it holds) or run of loose text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html, self.depth, self.start, self.blocks = html, 0, None, []
        self.offsets = [0]
        for line in html.splitlines(keepends=True):
            self.offsets.append(self.offsets[-1] + len(line))
        self.feed(html)
        self.close()
        self._end(len(html))

    def _here(self) -> int:
        line, column = self.getpos()
        return self.offsets[line - 1] + column

    def _end(self, at: int) -> None:
        if self.start is not None:
            block = self.html[self.start : at].strip()
            if block:
                self.blocks.append(block)
            self.start = None

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self._end(self._here())
            self.start = self._here()
        if tag not in _VOID:
            self.depth += 1
        elif self.depth == 0:
            self._end(self._here() + len(self.get_starttag_text() or ""))

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self._end(self._here())
            self.start = self._here()
            self._end(self._here() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        if tag in _VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.html.find(">", self._here())
            self._end(len(self.html) if end < 0 else end + 1)

    def handle_data(self, data):
        if self.depth == 0 and self.start is None and data.strip():
            self.start = self._here()


def blocks(html: str) -> list[str]:
    """The top-level blocks of `html`, each as its HTML ("<p>One.</p>", "<h2>Two</h2>")."""
    return _Blocks(html or "").blocks


@dataclass(frozen=True)
class Word:
    """A word of the text, with its marks and the address of the link it is in."""

    text: str
    marks: frozenset = frozenset()
    link: str = ""
    # Written right after the word before it ("seven" then "."): how it is shown, not compared.
    glued: bool = field(default=False, compare=False)


# A word, or one punctuation mark: "seven." is two tokens, so a link ending before the full
# stop still matches the same words without one.
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


class _Words(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str, str]] = []  # (tag, mark, link)
        self.words: list[Word] = []
        self.spaced = True
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in _MARKS and tag != "a":
            self.spaced = True  # a new paragraph or list item starts a new word
        if tag in _VOID:
            return
        link = (dict(attrs).get("href") or "") if tag == "a" else ""
        self.open.append((tag, _MARKS.get(tag, ""), link))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        marks = frozenset(mark for _, mark, _ in self.open if mark)
        link = next((link for _, _, link in reversed(self.open) if link), "")
        for token in _TOKEN.findall(data):
            if token.isspace():
                self.spaced = True
                continue
            self.words.append(Word(token, marks, link, glued=not self.spaced))
            self.spaced = False


def words(html: str) -> list[Word]:
    """The words of `html` in order, each with its marks and link."""
    return _Words(html or "").words


def show(run: list[Word]) -> SafeString:
    """Words as safe HTML with their marks; a link's words are underlined and followed by
    its address, so the address itself can be read (and compared)."""
    parts: list[str] = []
    index = 0
    while index < len(run):
        link = run[index].link
        end = index
        while end < len(run) and run[end].link == link:
            end += 1
        shown = _joined(run[index:end])
        if link:
            shown = (
                f'<span class="rich-link">{shown}</span> '
                f'<span class="rich-link-address">(link: {escape(link)})</span>'
            )
        parts.append(shown)
        index = end
    return mark_safe(" ".join(parts))  # noqa: S308  (every word and address is escaped)


def _joined(run: list[Word]) -> str:
    return "".join(("" if w.glued or i == 0 else " ") + _marked(w) for i, w in enumerate(run))


def _marked(word: Word) -> str:
    text = escape(word.text)
    for mark, tag in reversed(_SHOWN):
        if mark in word.marks:
            text = f"<{tag}>{text}</{tag}>"
    if "code" in word.marks:
        text = f"<code>{text}</code>"
    return text


def word_diff(old_html: str, new_html: str, *, old_tag="del", new_tag="ins"):
    """Both texts' words compared, marks and link addresses included: (old, new, joined),
    each safe HTML. `old` and `new` wrap what the other lacks in `old_tag`/`new_tag`;
    `joined` is one text with deletions and insertions in place."""
    old, new = words(old_html), words(new_html)
    left, right, joined = [], [], []
    if len(old) * len(new) > MAX_WORD_PAIRS:
        # Too long to compare word by word within a request: the whole of each, marked.
        opcodes = [("replace", 0, len(old), 0, len(new))] if old or new else []
    else:
        opcodes = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    for op, a1, a2, b1, b2 in opcodes:
        if op == "equal":
            left.append((old[a1].glued, show(old[a1:a2])))
            right.append((new[b1].glued, show(new[b1:b2])))
            joined.append(right[-1])
            continue
        if a2 > a1:
            left.append((old[a1].glued, f"<{old_tag}>{show(old[a1:a2])}</{old_tag}>"))
            joined.append(left[-1])
        if b2 > b1:
            right.append((new[b1].glued, f"<{new_tag}>{show(new[b1:b2])}</{new_tag}>"))
            joined.append(right[-1])
    return tuple(_spaced(side) for side in (left, right, joined))


def _spaced(pieces: list[tuple[bool, str]]) -> SafeString:
    text = "".join(
        ("" if glued or i == 0 else " ") + html for i, (glued, html) in enumerate(pieces)
    )
    return mark_safe(text)  # noqa: S308  (every word and address is escaped)


def same_words(old_html: str, new_html: str) -> bool:
    """Whether two texts read the same, marks and links included (spacing and tags aside)."""
    return words(old_html) == words(new_html)
