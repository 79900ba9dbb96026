"""Scores the sourcing assistant against hand-labelled stories (precision and recall).

Two kinds of labelled story:

- hand-written ones under tests/sources/assistant/eval/ (text and labels side by side), below;
- real wire copy in ../shared/corpus/wire/ (beside the checkout), never copied into the
  project: its labels in tests/sources/assistant/eval/wire/<stem>.json give quotes and evidence as
  character offsets into the shared text, and speakers, names, kinds and anonymity as data.
  Quotes match by overlapping offsets and speaker, attributions by kind and name;
- the fresh held-out set (issue 23), labelled the same way in tests/sources/assistant/eval/fresh/
  and scored by the same functions; its texts are rebuilt outside the repository by
  bench/fresh_corpus.py and found through `fresh_dir` ($NEWSROOM_FRESH_CORPUS, then
  <checkout>/.local/corpus/fresh, then ../shared/corpus/fresh).

A story file is wire copy (headline, blank line, paragraphs, optional "By ..." line); its
labels sit next to it as JSON: quotes with their speaker, attributions as kind/name pairs
(quotes excluded), and descriptors. Names match when one is the other or ends it at a word
boundary, so "Strickland" matches "Marilyn Strickland" and "officials" "U.S. officials".
"""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sources.assistant import find_descriptors, find_quotes, propose_attributions

from .fresh_corpus import fresh_dir

# The labelled stories live with the tests that also score them.
EVAL = Path(__file__).resolve().parent.parent / "tests" / "sources" / "assistant" / "eval"
STORIES = EVAL / "stories"
# Tuned on too: the earlier held-out sets (h1- to h4-), each measured once before tuning.
DEV = EVAL / "dev"
# Written and labelled after the fourth pass's tuning ended; measured once, never tuned on.
HELDOUT = EVAL / "heldout5"
TODAY = date(2025, 6, 1)
# Real wire copy: the text stays in the shared folder, the labels (offsets, names) live here.
WIRE_TEXT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wire"
WIRE_LABELS = EVAL / "wire"
# The fresh held-out set of issue 23: labelled and committed before the assistant was run on it;
# measured once per pass, never tuned on. Same layout as the wire copy; the texts are found in
# $NEWSROOM_FRESH_CORPUS, <checkout>/.local/corpus/fresh or ../shared/corpus/fresh, in that order
# (bench/fresh_corpus.py rebuilds them). FRESH_TEXT is where they were found at import, or the
# shared folder (missing) when nowhere.
FRESH_TEXT = fresh_dir() or WIRE_TEXT.parent / "fresh"
FRESH_LABELS = EVAL / "fresh"


def body_of(raw: str) -> str:
    """The story's body: the headline line and a closing byline line dropped."""
    lines = raw.strip().splitlines()
    body = lines[1:] if len(lines) > 1 else lines
    while body and not body[-1].strip():
        body.pop()
    if body and re.match(r"By\s+[A-Z]", body[-1].strip()):
        body.pop()
    return "\n".join(body).strip()


def norm(name: str | None) -> str:
    name = (name or "").replace("’", "'").lower()
    name = re.sub(r"^the\s+", "", name.strip())
    return " ".join(re.sub(r"[^\w\s'-]", "", name).split())


def names_match(a: str | None, b: str | None) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def quote_key(text: str) -> str:
    return norm(text.replace("“", "").replace("”", "").replace('"', ""))


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.extras += other.extras


def _match_sets(gold: list, predicted: list, same, label: str) -> Tally:
    tally = Tally()
    unused = list(predicted)
    for item in gold:
        hit = next((p for p in unused if same(item, p)), None)
        if hit is None:
            tally.fn += 1
            tally.misses.append((label, item))
        else:
            tally.tp += 1
            unused.remove(hit)
    tally.fp = len(unused)
    tally.extras += [(label, p) for p in unused]
    return tally


def score_story(text: str, labels: dict, today: date = TODAY) -> dict[str, Tally]:
    """Tallies per category for one story."""
    scores: dict[str, Tally] = {}
    if "quotes" in labels:
        quotes = find_quotes(text)
        gold = [q for q in labels["quotes"] if q.get("speaker")]
        predicted = [q for q in quotes if q.speaker]

        def same_quote(g, p):
            return quote_key(p.text).startswith(quote_key(g["starts"])) and names_match(
                g["speaker"], p.speaker
            )

        scores["quotes with speaker"] = _match_sets(gold, predicted, same_quote, "quote")
        for tally_name, items in (("quotes with speaker", scores["quotes with speaker"]),):
            items.extras = [(lbl, (p.text[:40], p.speaker)) for lbl, p in items.extras]
            items.misses = [(lbl, (g["starts"], g["speaker"])) for lbl, g in items.misses]
            del tally_name
        found = [q for q in quotes]
        scores["quote spans"] = _match_sets(
            labels["quotes"],
            found,
            lambda g, p: quote_key(p.text).startswith(quote_key(g["starts"])),
            "span",
        )
        scores["quote spans"].extras = [
            (lbl, p.text[:40]) for lbl, p in scores["quote spans"].extras
        ]
    proposals = [p for p in propose_attributions(text, today=today) if p.kind != "quoted"]
    gold_attr = labels.get("attributions", [])

    def same_attr(g, p):
        return g["kind"] == p.kind and names_match(g["name"], p.name)

    overall = _match_sets(gold_attr, proposals, same_attr, "attribution")
    overall.extras = [(lbl, (p.kind, p.name)) for lbl, p in overall.extras]
    overall.misses = [(lbl, (g["kind"], g["name"])) for lbl, g in overall.misses]
    scores["attributions"] = overall
    for kind in ("paraphrased", "reported_by", "declined", "no_response"):
        scores[kind] = _match_sets(
            [g for g in gold_attr if g["kind"] == kind],
            [p for p in proposals if p.kind == kind],
            same_attr,
            kind,
        )
    if "quoted" in labels:
        scores["quoted (kind/name)"] = _match_sets(
            labels["quoted"],
            list(
                {
                    p.name: p for p in propose_attributions(text, today=today) if p.kind == "quoted"
                }.values()
            ),
            same_attr,
            "quoted",
        )
    anonymous_gold = [g for g in gold_attr if g.get("anonymous")]
    if anonymous_gold or any(p.anonymous for p in proposals):
        scores["anonymous"] = _match_sets(
            anonymous_gold, [p for p in proposals if p.anonymous], same_attr, "anonymous"
        )
    if "descriptors" in labels:
        scores["descriptors"] = _match_sets(
            labels["descriptors"],
            find_descriptors(text),
            lambda g, p: names_match(g["name"], p[0]) and norm(g["descriptor"]) == norm(p[1]),
            "descriptor",
        )
    return scores


def score_corpus(folder: Path = STORIES) -> dict[str, Tally]:
    """Tallies per category over every labelled story in `folder`."""
    totals: dict[str, Tally] = {}
    for story in sorted(folder.glob("*.txt")):
        labels = json.loads(story.with_suffix(".json").read_text(encoding="utf-8"))
        for category, tally in score_story(
            body_of(story.read_text(encoding="utf-8")), labels
        ).items():
            totals.setdefault(category, Tally()).add(tally)
    return totals


# --- Real wire copy ------------------------------------------------------------------------


def wire_split() -> dict[str, list[str]]:
    """{"dev": [...], "heldout": [...]}: stems, fixed before any tuning (split.json)."""
    split = json.loads((WIRE_LABELS / "split.json").read_text(encoding="utf-8"))
    return {"dev": split["dev"], "heldout": split["heldout"]}


def labelled(stems: list[str], labels: Path = WIRE_LABELS) -> list[str]:
    """The stems of `stems` that have labels in the `labels` folder."""
    return [stem for stem in stems if (labels / f"{stem}.json").exists()]


def fresh_stems(texts: Path | None = None) -> list[str]:
    """Every labelled story of the fresh held-out set (each label file names its story); with
    `texts`, only those whose text is there (a story that could not be rebuilt exactly has none)."""
    stems = sorted(path.stem for path in FRESH_LABELS.glob("*.json"))
    return [s for s in stems if (texts / f"{s}.txt").exists()] if texts else stems


def wire_body(text: str) -> int:
    """Where the body starts: after the headline line (its words are not attributions)."""
    newline = text.find("\n")
    return newline + 1 if newline >= 0 else 0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared * 2 >= min(a[1] - a[0], b[1] - b[0])


def score_wire_story(text: str, labels: dict, today: date = TODAY) -> dict[str, Tally]:
    """Tallies per category for one wire story; gold offsets are into the whole file."""
    start = wire_body(text)
    body = text[start:]
    scores: dict[str, Tally] = {}
    quotes = find_quotes(body)
    spans = {id(q): (q.span[0] + start, q.span[1] + start) for q in quotes}
    gold = [q for q in labels.get("quotes", []) if q.get("speaker")]

    def same_quote(g, p):
        return _overlap((g["start"], g["end"]), spans[id(p)]) and names_match(
            g["speaker"], p.speaker
        )

    tally = _match_sets(gold, [q for q in quotes if q.speaker], same_quote, "quote")
    tally.misses = [(lbl, (g["start"], g["end"], g["speaker"])) for lbl, g in tally.misses]
    tally.extras = [(lbl, (*spans[id(p)], p.speaker)) for lbl, p in tally.extras]
    scores["quotes with speaker"] = tally
    proposals = [p for p in propose_attributions(body, today=today) if p.kind != "quoted"]
    gold_attr = labels.get("attributions", [])

    def same_attr(g, p):
        return g["kind"] == p.kind and names_match(g["name"], p.name)

    def where(p):
        return (p.span[0] + start, p.span[1] + start)

    overall = _match_sets(gold_attr, proposals, same_attr, "attribution")
    overall.extras = [
        (lbl, (p.kind, p.name, *where(p), getattr(p, "rule", ""))) for lbl, p in overall.extras
    ]
    overall.misses = [(lbl, (g["kind"], g["name"], g["start"])) for lbl, g in overall.misses]
    scores["attributions"] = overall
    for kind in ("paraphrased", "reported_by", "declined", "no_response"):
        scores[kind] = _match_sets(
            [g for g in gold_attr if g["kind"] == kind],
            [p for p in proposals if p.kind == kind],
            same_attr,
            kind,
        )
    scores["anonymous"] = _match_sets(
        [g for g in gold_attr if g.get("anonymous")],
        [p for p in proposals if p.anonymous],
        same_attr,
        "anonymous",
    )
    scores["wrong party"] = _wrong_party(
        labels, quotes, spans, [p for p in proposals if p.kind != "quoted"], same_attr, where
    )
    return scores


def _wrong_party(labels, quotes, spans, proposals, same_attr, where) -> Tally:
    """Proposals that name another party of the story: a quote given to someone the story
    names when its labelled speaker is someone else, and an attribution (kind, name) the
    labels do not have whose name is a party the labels give something else to ("Did not
    respond: <the agency named earlier>"). `tp` counts every proposal, `fp` the wrong ones,
    so the precision printed is the share of proposals that name the right party or none."""
    gold_quotes = [q for q in labels.get("quotes", []) if q.get("speaker")]
    gold_attr = labels.get("attributions", [])
    parties = [q["speaker"] for q in gold_quotes] + [g["name"] for g in gold_attr]
    tally = Tally()
    for quote in quotes:
        if not quote.speaker:
            continue
        labelled = [g for g in gold_quotes if _overlap((g["start"], g["end"]), spans[id(quote)])]
        wrong = labelled and not any(names_match(g["speaker"], quote.speaker) for g in labelled)
        if wrong and any(names_match(quote.speaker, party) for party in parties):
            tally.fp += 1
            tally.extras.append(("quote", (*spans[id(quote)], quote.speaker)))
        else:
            tally.tp += 1
    for proposal in proposals:
        unlabelled = not any(same_attr(g, proposal) for g in gold_attr)
        if unlabelled and any(names_match(proposal.name, party) for party in parties):
            tally.fp += 1
            tally.extras.append(("attribution", (proposal.kind, proposal.name, *where(proposal))))
        else:
            tally.tp += 1
    return tally


def score_wire(
    stems: list[str], texts: Path = WIRE_TEXT, labels_dir: Path = WIRE_LABELS
) -> dict[str, Tally]:
    """Tallies per category over the labelled stories named (text read from the shared
    folder `texts`, labels from `labels_dir`); an empty dict when the folder is missing."""
    totals: dict[str, Tally] = {}
    if not texts.is_dir():
        return totals
    for stem in labelled(stems, labels_dir):
        text = (texts / f"{stem}.txt").read_text(encoding="utf-8")
        labels = json.loads((labels_dir / f"{stem}.json").read_text(encoding="utf-8"))
        for category, tally in score_wire_story(text, labels).items():
            totals.setdefault(category, Tally()).add(tally)
    return totals


def median_ms_per_1000_words(texts: list[str], repeat: int = 3) -> float:
    """Median over the stories of the best of `repeat` runs, in ms per 1,000 words."""
    rates = []
    for text in texts:
        words = len(text.split()) or 1
        best = min(_timed(text) for _ in range(repeat))
        rates.append(best * 1000 / words * 1000)
    return statistics.median(rates) if rates else 0.0


def _timed(text: str) -> float:
    began = time.perf_counter()
    propose_attributions(text, today=TODAY)
    return time.perf_counter() - began
