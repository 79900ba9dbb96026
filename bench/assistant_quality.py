"""Precision and recall of the sourcing assistant, per category, set by set.

    ./dev bench assistant [-v] [--tuning] [--parser | --rules-only]

--parser reads with the dependency parse (sources/assistant/parse.py) switched on, --rules-only
with the rules alone; without either, as NEWSROOM_ASSISTANT_PARSER says (off by default).
--tuning leaves out the wire held-out set, the fresh held-out set (and the speed), for use
while tuning: the held-out sets are measured once per pass, with the plain command.

Real wire copy first (../shared/corpus/wire/, beside the checkout; labels in
tests/sources/assistant/eval/wire/): its dev set (tuned on) and its held-out set (never tuned on),
split before any tuning (split.json). When the folder is missing this says so and goes on.
Then the fresh held-out set of issue 23 (texts in $NEWSROOM_FRESH_CORPUS, <checkout>/.local/corpus/
fresh or ../shared/corpus/fresh, rebuilt by `python -m bench.fresh_corpus`; labels in
tests/sources/assistant/eval/fresh/, committed before the assistant was first run on it), its own
table, likewise skipped with a message naming the rebuild command when its folder is missing.

The hand-written stories live in tests/sources/assistant/eval/, in sets that are reported
separately and never pooled:

- tuned: stories/ (the first 12) and dev/ (the earlier held-out sets h1- to h4-, each
  measured once before it was tuned on) — the rules were tuned on all of these, so their
  figures say only that the rules fit what they were tuned on;
- held-out: heldout5/ (6 stories written, labelled and committed after the fourth pass's
  tuning ended, measured once) — the honest estimate for text the rules have not seen.

The reference seed story is measured separately when it exists: its text is read from
../shared/reference/seed-story.txt (beside the checkout) at run time and never copied into the project; its
labels here are kind/name pairs only (bench/seed_story_labels.json).
"""

import json
import sys
from pathlib import Path

from sources.assistant import parse, propose_attributions

from .assistant_eval import (
    DEV,
    FRESH_LABELS,
    HELDOUT,
    STORIES,
    TODAY,
    WIRE_TEXT,
    Tally,
    body_of,
    fresh_stems,
    labelled,
    median_ms_per_1000_words,
    score_corpus,
    score_story,
    score_wire,
    wire_split,
)
from .fresh_corpus import fresh_dir, missing_message

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "seed-story.txt"
SEED_LABELS = Path(__file__).with_name("seed_story_labels.json")

# The headline categories first: quotes with their speaker, then attributions by kind.
ORDER = (
    "quotes with speaker",
    "attributions",
    "paraphrased",
    "reported_by",
    "declined",
    "no_response",
    "anonymous",
    "wrong party",
    "quote spans",
    "descriptors",
    "quoted (kind/name)",
)


def combine(*folders: Path) -> dict[str, Tally]:
    totals: dict[str, Tally] = {}
    for folder in folders:
        for category, tally in score_corpus(folder).items():
            totals.setdefault(category, Tally()).add(tally)
    return totals


def report(title: str, totals: dict, verbose: bool) -> None:
    print(title)
    print(f"  {'category':<22}{'precision':>10}{'recall':>9}{'tp':>5}{'fp':>5}{'fn':>5}")
    for category in sorted(totals, key=lambda c: ORDER.index(c) if c in ORDER else 99):
        tally = totals[category]
        if category == "wrong party":
            total = tally.tp + tally.fp
            share = tally.fp / total if total else 0.0
            print(f"  {'wrong party':<22}{tally.fp:>10} of {total} proposals ({share:.1%})")
            if verbose:
                for extra in tally.extras:
                    print(f"      wrong   {extra}")
            continue
        print(
            f"  {category:<22}{tally.precision:>10.2f}{tally.recall:>9.2f}"
            f"{tally.tp:>5}{tally.fp:>5}{tally.fn:>5}"
        )
        if verbose:
            for miss in tally.misses:
                print(f"      missed  {miss}")
            for extra in tally.extras:
                print(f"      extra   {extra}")
    print()


def count(folder: Path) -> int:
    return len(list(folder.glob("*.txt")))


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if "--parser" in argv:
        with parse.with_parser():
            return _main(argv)
    if "--rules-only" in argv:
        with parse.rules_only():
            return _main(argv)
    return _main(argv)


def _main(argv) -> None:
    print(f"Parser: {'on' if parse.enabled() else 'off (rules only)'}\n")
    verbose = "-v" in argv
    tuning = "--tuning" in argv
    split = wire_split()
    texts = []
    if WIRE_TEXT.is_dir():
        for name in ("dev",) if tuning else ("dev", "heldout"):
            stems = labelled(split[name])
            report(
                f"WIRE {name.upper()} set ({len(stems)} labelled stories of {len(split[name])}; "
                + ("tuned on" if name == "dev" else "never tuned on")
                + ")",
                score_wire(split[name]),
                verbose,
            )
        texts += [path.read_text(encoding="utf-8") for path in sorted(WIRE_TEXT.glob("*.txt"))]
    else:
        print(f"Wire copy not found at {WIRE_TEXT}: wire sets skipped.\n")
    if not tuning:
        folder = fresh_dir()
        if folder:
            stems = fresh_stems(folder)
            absent = sorted(set(fresh_stems()) - set(stems))
            if absent:
                print(
                    f"Fresh texts in {folder}: {len(stems)} of {len(stems) + len(absent)}; left out"
                )
                print(f"(not rebuilt exactly, see SOURCES.md there): {', '.join(absent)}\n")
            report(
                f"FRESH HELD-OUT set ({len(stems)} stories, issue 23; labelled before the first run,"
                " never tuned on)",
                score_wire(stems, folder, FRESH_LABELS),
                verbose,
            )
        else:
            print(missing_message() + "\n")
    tuned = count(STORIES) + count(DEV)
    report(
        f"TUNED set ({tuned} stories: stories/ + dev/; the rules were tuned on these)",
        combine(STORIES, DEV),
        verbose,
    )
    report(
        f"HELD-OUT set ({count(HELDOUT)} stories: heldout5/, written after tuning, not tuned on)",
        score_corpus(HELDOUT),
        verbose,
    )
    if SEED.exists():
        labels = json.loads(SEED_LABELS.read_text(encoding="utf-8"))
        text = SEED.read_text(encoding="utf-8")
        # The seed's byline closes the text; the first line is part of the story there.
        body = "\n".join(line for line in text.splitlines() if not line.startswith("By "))
        report(
            "Seed story (not ours, measured separately, kind/name labels only)",
            score_story(body, labels, today=TODAY),
            verbose,
        )
    texts += [
        body_of(path.read_text(encoding="utf-8"))
        for folder in (STORIES, DEV, HELDOUT)
        for path in sorted(folder.glob("*.txt"))
    ]
    propose_attributions(texts[0], today=TODAY)  # the parser loads once, not in the timings
    print(
        f"Speed: median {median_ms_per_1000_words(texts):.1f} ms per 1,000 words "
        f"({len(texts)} stories, best of 3 runs each)"
    )


if __name__ == "__main__":
    main()
