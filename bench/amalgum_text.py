"""AMALGUM's xml token files as plain text, the way the fresh held-out texts were made
(bench/fresh_corpus.py says the rules and why; this is only the reading and the joining)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Paragraph-like elements: each opens a paragraph of the story. Figures (with their captions)
# are left out: they are not the story.
BLOCKS = {"head", "p", "item", "quote", "sp"}
SKIPPED = {"figure", "caption"}
CLITICS = {
    "'s",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "n't",
    "’s",
    "’re",
    "’ve",
    "’ll",
    "’d",
    "’m",
    "n’t",
}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%"}
ELLIPSES = {"...", "…"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€"}
BOX = ("HAVE\tVB", "HAVE YOUR SAY")  # the "Have your say" box between paragraphs
QUOTES = {'"', "'", "“", "”", "‘", "’"}


@dataclass
class Document:
    meta: dict[str, str] = field(default_factory=dict)
    # (token, PTB tag, whether it ends its sentence)
    paragraphs: list[list[tuple[str, str, bool]]] = field(default_factory=list)


def _tokens(line: str) -> list[tuple[str, str, bool]]:
    """The tokens of one line: AMALGUM's `form<TAB>tag<TAB>lemma`, or an abridged line holding a
    whole sentence, space-separated forms where a quotation mark carries its tag after a bar
    ('"|``')."""
    if "\t" in line:
        form, tag = (line.split("\t") + [""])[:2]
        return [(form, tag, False)]
    out = []
    for piece in line.split():
        quoted = piece[:1] in QUOTES and "|" in piece
        form, _, tag = piece.partition("|") if quoted else (piece, "", "")
        out.append((form, tag, False))
    if out:
        out[-1] = (*out[-1][:2], True)
    return out


def _sentences(tokens: list) -> list[list]:
    out: list[list] = [[]]
    for token in tokens:
        out[-1].append(token)
        if token[2]:
            out.append([])
    return [sentence for sentence in out if sentence]


def _starts(sentence: list, *forms: str) -> bool:
    return [form for form, _, _ in sentence[: len(forms)]] == list(forms)


def parse_xml(source: str) -> Document:
    """The document's attributes and its paragraphs of tokens. Left out: figures and captions,
    a "Sources" or "External link" heading with the list after it, highlighted sentences outside
    any paragraph (a pull quote, "Contribute to Wikinews...") and a paragraph with a style of its
    own (the pull quote's credit), the "HAVE YOUR SAY" box, sentences outside any paragraph that
    hold an "Image:" credit (a caption), a stray "File: ...jpg" sentence, the archive notice
    ("Got a correction?"), the "This story has updates" box and whatever sentences outside any
    paragraph close the page (a match's line-up, a box). Other sentences outside any paragraph
    make a paragraph of their own, or carry on one that ends with a colon ("...stating:").
    A hyphen between two links ("French-capital") joins them, as does a link's plural "s"."""
    doc = Document()
    blocks: list[tuple[str, list]] = []
    skipping = highlighted = 0
    styled = boxed = False
    current: list | None = None
    # keep tabs: a token line "\tCD\t" is an empty token
    lines = [raw.strip(" \r") for raw in source.splitlines()]
    lines = [line for line in lines if line.strip() and not line.startswith("<?")]
    for number, line in enumerate(lines):
        tag = re.match(r"<(/?)([A-Za-z]+)", line)
        if tag and line.endswith(">") and "\t" not in line:
            closing, name = tag.group(1) == "/", tag.group(2)
            if name == "text" and not closing:
                doc.meta = dict(re.findall(r'(\w+)="([^"]*)"', line))
            elif name in SKIPPED:
                skipping = max(skipping + (-1 if closing else 1), 0)
            elif name == "hi" and current is None:
                highlighted = max(highlighted + (-1 if closing else 1), 0)
            elif name == "s" and closing and current:
                current[-1] = (*current[-1][:2], True)
            elif name in BLOCKS and not skipping:
                current = None if closing else []
                # a paragraph with a style of its own is a pull quote's credit line
                styled = not closing and "style=" in line
                boxed = False
                if current is not None and not styled:
                    blocks.append((name, current))
            continue
        outside = current is None or (
            blocks and blocks[-1][0] == "outside" and current is blocks[-1][1]
        )
        if outside and line.startswith(BOX):  # Wikinews' comment box, to its end
            boxed = True
        if skipping or styled or boxed or (current is None and highlighted):
            continue
        if current is None:  # outside any paragraph
            current = []
            blocks.append(("outside", current))
        tokens = _tokens(line)
        linked = 0 < number < len(lines) - 1 and lines[number - 1] == "</ref>"
        if linked and line == "-" and lines[number + 1].startswith("<ref"):
            tokens = [("-", "LINK", False)]
        elif linked and tokens and tokens[0][0] == "s":  # a link's plural: "[[amulet]]s"
            tokens[0] = ("s", "SUFFIX", tokens[0][2])
        current.extend(tokens)
    in_sources = False
    trailing: list = []  # paragraphs made of sentences outside any, since the last real one
    for name, tokens in blocks:
        sentences = [s for s in _sentences(tokens) if not _starts(s, "File", ":")]
        tokens = [token for sentence in sentences for token in sentence]
        if name == "outside":
            caption = any(_starts(s, "Image", ":") for s in sentences)
            if caption or _starts(tokens, "This", "story", "has", "updates") or not doc.paragraphs:
                continue  # a caption set outside its figure; the "story has updates" box
            if doc.paragraphs[-1][-1][0] == ":":  # "... stating:" carries on into it
                doc.paragraphs[-1].extend(tokens)
            else:
                doc.paragraphs.append(tokens)
                trailing.append(tokens)
            continue
        trailing = []
        if _starts(tokens, "Got", "a", "correction"):
            continue  # the archive notice of an old page
        if [form for form, _, _ in tokens] in (
            ["Sources"],
            ["External", "link"],
            ["External", "links"],
        ):
            in_sources = True
        elif name != "item":
            in_sources = False
        if tokens and not in_sources:
            doc.paragraphs.append(tokens)
    doc.paragraphs = [p for p in doc.paragraphs if not any(p is t for t in trailing)]
    return doc


def _directions(tokens: list[tuple[str, str, bool]]) -> list[str]:
    """Each token's quotation-mark direction, "``" opening, "''" closing or its own tag.
    A straight double quote alternates within the paragraph, the first one opening (the
    tagger's `` and '' are wrong after a semicolon and at a quote carried on); curly
    quotes say which they are; a single quote keeps its tag (it is mostly an apostrophe)."""
    out, seen = [], 0
    for form, tag, _ in tokens:
        if form == '"':
            out.append("``" if seen % 2 == 0 else "''")
            seen += 1
        elif form in ("“", "‘"):
            out.append("``")
        elif form == "”":
            out.append("''")
        else:
            out.append(tag)
    return out


def _opens(form: str, tag: str) -> bool:
    if tag == "LINK" or form == "°":
        return True
    # "US$" and "pro-" join what follows
    joins = form[-1:] in ("$", "-") and len(form) > 1 and form[-2:-1].isalpha()
    return form in NO_SPACE_AFTER or joins or (form in QUOTES and tag == "``")


def _glued(tokens: list, i: int) -> bool:
    """A token that joins both neighbours: an en dash in a range of numbers ("1984–1985",
    "229–1") and the apostrophe of a possessive split from its "s" ("The Onion ' s")."""
    form = tokens[i][0]
    before = tokens[i - 1][0] if i else ""
    after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    if form == "–":
        return before[-1:].isdigit() and after[:1].isdigit()
    return form in ("'", "’") and tokens[i][1] == "SYM" and after == "s"


def _closes(tokens: list, tags: list[str], i: int) -> bool:
    form, tag, ends = tokens[i]
    if tag in ("LINK", "SUFFIX") or form == "°" or _glued(tokens, i):  # "4000 ° C" is "4000°C"
        return True
    if form == "$" and i and tokens[i - 1][0].isupper() and tokens[i - 1][0].isalpha():
        return True  # "US $" is "US$"
    if (
        form in NO_SPACE_BEFORE
        or form.lower() in CLITICS
        or form[:1] == "-"
        and form[1:2].isalpha()
    ):
        return True
    if form in ELLIPSES:  # trailing off: "industry..." "claims..." but "to ... spread"
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        return ends or after is None or _closes(tokens, tags, i + 1)
    return form in QUOTES and tags[i] in ("''", "POS")


def detokenize(tokens: list[tuple[str, str, bool]]) -> str:
    """Tokens joined by single spaces, except: none before , . ; : ! ? ) ] % a clitic ('s, n't),
    a closing quotation mark or an ellipsis that ends a sentence or a quote, none after ( [ $ £
    or an opening quotation mark."""
    tags = _directions(tokens)
    out = ""
    for i, (form, _, _) in enumerate(tokens):
        glued = i and _glued(tokens, i - 1)
        if (
            i
            and not _closes(tokens, tags, i)
            and not _opens(tokens[i - 1][0], tags[i - 1])
            and not glued
        ):
            out += " "
        out += form
    return out


LANGUAGE_MARK = re.compile(r"^[a-z]{2,3}\)\)(.+)$")


def _cleaned(tokens: list) -> list:
    """Leftovers of wiki markup out: empty tokens, and the "((fr))" of a language template
    before the name of the language ("( ( fr))French language :" is "French language:")."""
    out = []
    for token in tokens:
        mark = LANGUAGE_MARK.match(token[0])
        if mark and [t[0] for t in out[-2:]] == ["(", "("]:
            del out[-2:]
            token = (mark.group(1), *token[1:])
        if token[0]:
            out.append(token)
        elif out and token[2]:
            out[-1] = (*out[-1][:2], True)
    return out


def rebuild(doc: Document) -> str:
    """The story's text: headline, blank line, paragraphs separated by blank lines."""
    return "\n\n".join(detokenize(_cleaned(tokens)) for tokens in doc.paragraphs) + "\n"
