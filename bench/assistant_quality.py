"""Precision and recall of the sourcing assistant, per category.

    .venv/bin/python bench/assistant_quality.py [-v]

First on the project's own hand-labelled stories (tests/ingest/eval/stories), then,
separately, on the reference seed story if it exists: its text is read from
/work/shared/reference/seed-story.txt at run time and never copied into the project; its
labels here are kind/name pairs only (bench/seed_story_labels.json).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ingest.eval.scoring import (  # noqa: E402
    STORIES,
    TODAY,
    score_corpus,
    score_story,
)

HELDOUT = STORIES.parent / "heldout"
SEED = Path("/work/shared/reference/seed-story.txt")
SEED_LABELS = Path(__file__).with_name("seed_story_labels.json")


def report(title: str, totals: dict, verbose: bool) -> None:
    print(title)
    print(f"  {'category':<22}{'precision':>10}{'recall':>9}{'tp':>5}{'fp':>5}{'fn':>5}")
    for category, tally in totals.items():
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


def main() -> None:
    verbose = "-v" in sys.argv
    report(
        "Own corpus (12 stories written for the project, used while developing)",
        score_corpus(),
        verbose,
    )
    report(
        "Held-out stories (3, written for the project, not tuned on)",
        score_corpus(HELDOUT),
        verbose,
    )
    if SEED.exists():
        labels = json.loads(SEED_LABELS.read_text(encoding="utf-8"))
        text = SEED.read_text(encoding="utf-8")
        # The seed's byline closes the text; the first line is part of the story there.
        body = "\n".join(line for line in text.splitlines() if not line.startswith("By "))
        report(
            "Seed story (measured separately, kind/name labels only)",
            score_story(body, labels, today=TODAY),
            verbose,
        )


if __name__ == "__main__":
    main()
