"""The words of a saved or archived story page: headline, dek and body paragraphs, read from
the page's HTML (the markup of `articles/includes/story_article.html`), so that a copy of
the page can be checked against the published versions like a pasted text.

The standard library's HTML parser is enough: it reads only our own story markup, and the
result is a text that goes through the same canonical form as any other.
"""

from html.parser import HTMLParser

# The elements of the body whose text is one paragraph each (as html_to_text splits them).
BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "figcaption"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area"}


class _StoryPage(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headline: list[str] = []
        self.dek: list[str] = []
        self.paragraphs: list[list[str]] = []
        self._stack: list[str] = []  # what each open element is to us ("" = nothing)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br" and self._where() == "block":
                self.paragraphs[-1].append("\n")
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        where = self._where()
        role = where if where in ("headline", "dek", "skip") else ""
        if tag == "h1" and attributes.get("id") == "story-headline":
            role = "headline"
        elif tag == "p" and "dek" in classes and where == "":
            role = "dek"
        elif tag == "div" and "story-body" in classes:
            role = "body"
        elif where == "body" and tag == "p" and "dateline" in classes:
            role = "skip"
        elif where == "body" and tag in BLOCKS:
            role = "block"
            self.paragraphs.append([])
        elif where in ("body", "block"):
            role = where
        self._stack.append(role)

    def handle_endtag(self, tag):
        if tag in VOID or not self._stack:
            return
        self._stack.pop()

    def handle_data(self, data):
        where = self._where()
        if where == "headline":
            self.headline.append(data)
        elif where == "dek":
            self.dek.append(data)
        elif where == "block":
            self.paragraphs[-1].append(data)

    def _where(self) -> str:
        return self._stack[-1] if self._stack else ""


def story_page_text(html: str) -> str:
    """The headline, dek and paragraphs of a story page, one per line ("" if it has none)."""
    page = _StoryPage()
    page.feed(html)
    page.close()
    lines = ["".join(page.headline), "".join(page.dek)]
    for paragraph in page.paragraphs:
        lines += "".join(paragraph).split("\n")
    return "\n".join(line for line in lines if line.strip())
