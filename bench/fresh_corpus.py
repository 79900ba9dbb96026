"""Rebuilds the fresh held-out set's texts (issue 23) from the AMALGUM corpus, and proves them.

The fresh set's labels (tests/sources/assistant/eval/fresh/<stem>.json) are character offsets
into 34 Wikinews stories that are never copied into the repository. This command rebuilds those
texts from AMALGUM (github.com/gucorpling/amalgum; its news part is Wikinews, CC BY 2.5) and
checks every label file against its rebuilt text, so a text that differs by one character
before a label is caught:

    python -m bench.fresh_corpus --amalgum SOURCE [--out DIR]

SOURCE is a git directory of gucorpling/amalgum (a clone or mirror: the files are read with
`git show HEAD:amalgum/news/xml/AMALGUM_news_<doc>.xml`) or a folder holding those `.xml` files
(amalgum/news/xml of a checkout or download, or abridged copies: see `_tokens`; a `SOURCE` file
in the folder, when there, says where they came from). DIR defaults to the checkout's
`.local/corpus/fresh/` (gitignored), the second place the eval looks (`fresh_dir`).

A story is rebuilt from its AMALGUM xml token file, deterministically, the way the labelled
texts were made (found by checking the labels, story by story; the conllu's `# text` lines
keep source spellings the labelled texts do not, such as "353knts" for the tokens "353 knts"):
- the headline (<head>), then the paragraphs (<p>, list <item>), joined by blank lines; what is
  not the story is left out (figures and captions, Sources and External link lists, pull quotes
  and their credit lines, Wikinews' boxes: see `parse_xml`);
- a paragraph's tokens are joined by single spaces, except none before , . ; : ! ? ) ] } % a
  clitic ('s, n't) or a closing quotation mark, none after ( [ { $ £ € or an opening one; a
  straight double quote opens and closes by turns within its paragraph; an ellipsis that ends a
  sentence or a quote joins the word before it ("claims..."), one mid-sentence keeps its spaces
  ("to ... spread"); "US $" is "US$", "4000 ° C" is "4000°C", "1984 – 1985" is "1984–1985",
  "pro- Russian" is "pro-Russian", "Ethiopian -born" is "Ethiopian-born" (see `detokenize`);
- left-overs of wiki markup go: a language template's "((fr))" and empty tokens (`_cleaned`).
Words and typos are kept. For each story it writes <stem>.txt, a <stem>.meta.json (title,
publisher, url, licence, date, where the text came from) and a SOURCES.md with the attribution.

Then every label file is checked (`check_labels`): each span non-empty, inside the text and on
word boundaries, each quote span starting and ending with a quotation mark; and the set against
the counts written down when it was labelled (eval README, "Fresh held-out set": 19,006 words,
405-942 a story, 180 quotes, 190 attributions). A story whose document is not identified or
whose labels do not check is named with its reason and its text is not written, so the eval
leaves it out. Exit status 0 only when all 34 check.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.amalgum_text import Document, parse_xml, rebuild  # noqa: F401  (used by the tests)
from bench.label_offsets import QUOTE_MARKS

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "sources" / "assistant" / "eval" / "fresh"
DEFAULT_OUT = ROOT / ".local" / "corpus" / "fresh"
ENV = "NEWSROOM_FRESH_CORPUS"
COMMAND = "python -m bench.fresh_corpus --amalgum SOURCE"
NEWS = "amalgum/news/xml"

# stem of the label file -> AMALGUM news document (amalgum/news/xml/AMALGUM_news_<doc>.xml)
DOCUMENTS: dict[str, str | None] = {
    "01-wikinews-airasia-crash-pilot-error": "airasia",
    "02-wikinews-ahmadinejad-columbia-speech": "ahmadinejad",
    "03-wikinews-amtrak-south-carolina-collision": "amtrak",
    "04-wikinews-binyam-mohamed-torture-appeal": "binyam",
    "05-wikinews-shorts-blackwater-arms-penalties": "blackwater",
    "06-wikinews-annan-warns-kenya-poll-violence": "annan",
    "07-wikinews-ireland-abortion-referendum": "abortion",
    "08-wikinews-turkey-ergenekon-arrests": "arrests",
    "09-wikinews-bush-ahern-st-patricks-day": "bush",
    "10-wikinews-cia-base-bomber-double-agent": "bomber",
    "11-wikinews-chicago-cardinal-immigration-funding": "catholic",
    "12-wikinews-mh17-shot-down-ukraine": "airlines",
    "13-wikinews-fukushima-level-seven-aftershock": "aftershock",
    "14-wikinews-shorts-nigeria-polls-bangladesh": "bangladesh",
    "15-wikinews-turpin-parents-sentenced": "california",
    "16-wikinews-buffon-signs-paris-sg": "buffon",
    "17-wikinews-sarah-brady-dies": "brady",
    "18-wikinews-hottest-gas-giant-kelt-9b": "astronomers",
    "19-wikinews-south-korea-beef-protests": "beef",
    "20-wikinews-fars-reproduces-onion-article": "agency",
    "21-wikinews-shorts-alcohol-thai-floods": None,  # a Wikinews Shorts page, not found yet
    "22-wikinews-glasgow-cannabis-420-event": "cannabis",
    "23-wikinews-ethiopia-famine-aid-weapons": "aid",
    "24-wikinews-dublin-mayor-eurovision-boycott": "boycott",
    "25-wikinews-egypt-shafik-resigns-sharaf": "armed",
    "26-wikinews-turkish-parliament-iraq-incursion": "approves",
    "27-wikinews-manchester-united-europa-league": "ajax",
    "28-wikinews-hawass-cleopatra-tomb-artifacts": "archaeologist",
    "29-wikinews-maldives-carbon-neutral-plan": "carbon",
    "30-wikinews-brussels-pride-lgbt-shelter": "brussels",
    "31-wikinews-bush-africa-trip-benin": "benin",
    "32-wikinews-anjouan-invasion-bacar": "anjouan",
    "33-wikinews-annapolis-joint-understanding": "annapolis",
    "34-wikinews-us-saudi-precision-bombs-sale": "arabia",
}

# Written down when the set was labelled (eval README, "Fresh held-out set").
EXPECTED = {"words": 19006, "min_words": 405, "max_words": 942, "quotes": 180, "attributions": 190}


def fresh_dir(checkout: Path = ROOT) -> Path | None:
    """Where the fresh texts are: $NEWSROOM_FRESH_CORPUS, then <checkout>/.local/corpus/fresh,
    then ../shared/corpus/fresh beside the checkout; None when none of them is a folder."""
    candidates = []
    if os.environ.get(ENV):
        candidates.append(Path(os.environ[ENV]))
    candidates += [
        checkout / ".local" / "corpus" / "fresh",
        checkout.parent / "shared" / "corpus" / "fresh",
    ]
    return next((path for path in candidates if path.is_dir()), None)


def missing_message(what: str = "fresh set") -> str:
    return (
        f"Fresh held-out copy not found (${ENV}, .local/corpus/fresh, ../shared/corpus/fresh): "
        f"{what} skipped. Rebuild it with `{COMMAND}`."
    )


# --- the label check --------------------------------------------------------------------------


def _boundary(text: str, at: int) -> bool:
    """No word is cut at `at`: not between two letters or digits."""
    return at <= 0 or at >= len(text) or not (text[at - 1].isalnum() and text[at].isalnum())


def check_labels(text: str, labels: dict) -> list[str]:
    """Why these labels cannot have been made on this text (an empty list when they can)."""
    problems = []
    spans = [("quote", q) for q in labels.get("quotes", [])]
    spans += [("attribution", a) for a in labels.get("attributions", [])]
    for kind, item in spans:
        start, end = item["start"], item["end"]
        if not 0 <= start < end <= len(text):
            problems.append(f"{kind} {start}-{end} empty or outside the text ({len(text)} chars)")
            continue
        piece = text[start:end]
        if not (_boundary(text, start) and _boundary(text, end)):
            problems.append(f"{kind} {start}-{end} cuts a word: {piece[:40]!r}")
        if piece != piece.strip():
            problems.append(f"{kind} {start}-{end} starts or ends with a space")
        if kind == "quote" and (piece[0] not in QUOTE_MARKS or piece[-1] not in QUOTE_MARKS):
            problems.append(f"quote {start}-{end} not between quotation marks: {piece[:40]!r}")
    return problems


def words(text: str) -> int:
    return len(text.split())


def check_set(stories: dict[str, str], labels: dict[str, dict]) -> list[str]:
    """The whole set's counts against the ones written down when it was labelled."""
    problems = []
    counts = {stem: words(text) for stem, text in stories.items()}
    total = sum(counts.values())
    quotes = sum(len(labels[stem].get("quotes", [])) for stem in stories)
    attributions = sum(len(labels[stem].get("attributions", [])) for stem in stories)
    if len(stories) == len(DOCUMENTS):
        for name, got in (("words", total), ("quotes", quotes), ("attributions", attributions)):
            if got != EXPECTED[name]:
                problems.append(f"the set has {got:,} {name}, {EXPECTED[name]:,} when labelled")
    for stem, count in counts.items():
        if not EXPECTED["min_words"] <= count <= EXPECTED["max_words"]:
            problems.append(f"{stem}: {count} words, outside 405-942")
    return problems


# --- reading AMALGUM ----------------------------------------------------------------------------


def read_document(source: Path, doc: str) -> tuple[str, str]:
    """The xml of AMALGUM_news_<doc> and a note of where it came from."""
    name = f"AMALGUM_news_{doc}.xml"
    if (source / name).is_file():
        note = source / "SOURCE"
        origin = note.read_text(encoding="utf-8").strip() if note.is_file() else str(source)
        return (source / name).read_text(encoding="utf-8"), f"{origin}, {name}"
    if (source / NEWS / name).is_file():
        return (source / NEWS / name).read_text(encoding="utf-8"), f"{source / NEWS / name}"
    git = ["git", f"--git-dir={source}"]
    commit = subprocess.run(
        [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    shown = subprocess.run(
        [*git, "show", f"HEAD:{NEWS}/{name}"], capture_output=True, text=True, check=True
    )
    return shown.stdout, f"gucorpling/amalgum {commit} {NEWS}/{name}"


def meta_for(stem: str, doc: Document, origin: str) -> dict:
    meta = {key: html.unescape(value) for key, value in doc.meta.items()}
    return {
        "title": meta.get("title", ""),
        "publisher": "Wikinews",
        "url": meta.get("sourceURL", ""),
        "licence": "CC BY 2.5",
        "date": meta.get("dateCreated", ""),
        "source": (
            f"rebuilt from AMALGUM (github.com/gucorpling/amalgum, {origin}) by bench/fresh_corpus.py"
        ),
        "amalgum_document": meta.get("id") or f"AMALGUM_news_{DOCUMENTS[stem]}",
    }


SOURCES_HEAD = """# Fresh held-out set (issue 23): sources

Wikinews stories, licensed CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/), by
Wikinews contributors; each story's address is below and in its `.meta.json`. The texts were
rebuilt by `bench/fresh_corpus.py` from the AMALGUM corpus (Gessler et al. 2020,
github.com/gucorpling/amalgum), whose news part is these Wikinews pages: AMALGUM's tokens
joined again by fixed rules, the headline and paragraphs from its markup; figures, captions,
source lists, pull quotes and Wikinews' boxes left out (the command's docstring has the rules).
Whitespace only, and the "((fr))" left over from a language template; words and typos as
AMALGUM has them. Not part of the repository; the labels in tests/sources/assistant/eval/fresh/
point into these files, and the command checked every one of them against its text.

| story | title | date | address |
| --- | --- | --- | --- |
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--amalgum", required=True, type=Path, help="AMALGUM git dir or folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    labels = {
        stem: json.loads((LABELS / f"{stem}.json").read_text(encoding="utf-8"))
        for stem in DOCUMENTS
    }
    stories, metas, failed = {}, {}, {}
    for number, (stem, doc_name) in enumerate(DOCUMENTS.items(), 1):
        where = f"[{number:2}/{len(DOCUMENTS)}] {stem}"
        if doc_name is None:
            failed[stem] = "its AMALGUM document is not identified yet"
            print(f"{where}: SKIPPED, {failed[stem]}")
            continue
        try:
            source, origin = read_document(args.amalgum, doc_name)
        except (OSError, subprocess.CalledProcessError) as error:
            failed[stem] = f"AMALGUM_news_{doc_name} not readable: {error}"
            print(f"{where}: SKIPPED, {failed[stem]}")
            continue
        doc = parse_xml(source)
        text = rebuild(doc)
        problems = check_labels(text, labels[stem])
        n = labels[stem]
        summary = (
            f"{words(text)} words, {len(n['quotes'])} quotes, {len(n['attributions'])} attributions"
        )
        if problems:
            failed[stem] = "; ".join(problems[:3]) + (
                f" (+{len(problems) - 3})" if len(problems) > 3 else ""
            )
            print(f"{where}: LABELS DO NOT CHECK ({summary}): {failed[stem]}")
            continue
        stories[stem], metas[stem] = text, meta_for(stem, doc, origin)
        print(f"{where}: ok, {summary}")
    set_problems = check_set(stories, labels)
    for problem in set_problems:
        print(f"SET: {problem}")
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, text in stories.items():
        (args.out / f"{stem}.txt").write_text(text, encoding="utf-8")
        meta = json.dumps(metas[stem], indent=1, ensure_ascii=False) + "\n"
        (args.out / f"{stem}.meta.json").write_text(meta, encoding="utf-8")
    for stem in failed:
        for suffix in (".txt", ".meta.json"):
            (args.out / f"{stem}{suffix}").unlink(missing_ok=True)
    rows = "".join(
        f"| {stem} | {m['title']} | {m['date']} | {m['url']} |\n" for stem, m in metas.items()
    )
    left_out = "".join(f"- {stem}: {reason}\n" for stem, reason in failed.items())
    sources = (
        SOURCES_HEAD
        + rows
        + (f"\nLeft out (cannot be rebuilt exactly):\n\n{left_out}" if failed else "")
    )
    (args.out / "SOURCES.md").write_text(sources, encoding="utf-8")
    total = sum(words(t) for t in stories.values())
    quotes = sum(len(labels[stem]["quotes"]) for stem in stories)
    attributions = sum(len(labels[stem]["attributions"]) for stem in stories)
    print(
        f"\n{len(stories)} of {len(DOCUMENTS)} stories rebuilt and checked in {args.out}: "
        f"{total:,} words, {quotes} quotes, {attributions} attributions (all 34 when labelled: "
        f"{EXPECTED['words']:,}, {EXPECTED['quotes']}, {EXPECTED['attributions']})"
        + (f"\nLeft out ({len(failed)}): {', '.join(failed)}" if failed else "")
    )
    return 0 if not failed and not set_problems else 1


if __name__ == "__main__":
    sys.exit(main())
