"""The sourcing assistant's parser: speed and memory (`./dev bench parser`).

Reads the wire stories in ../shared/corpus/wire/ (beside the checkout) at run time and prints:

- memory: this process's resident set before the pipeline is loaded and after it is loaded
  and has parsed a story (the memory a worker gains when it first reads a story);
- speed, in CPU milliseconds per 1,000 words (whitespace words of the story text), best of
  `--repeat` runs over all the stories: the parser alone on every sentence of every story,
  the whole assistant with the rules alone, and the whole assistant with the parser
  (which parses only the sentences the rules found nothing in).

Targets (issue 23): at most 50 ms per 1,000 words for the assistant with the parser, at most
300 MB added per process.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

WIRE_TEXT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wire"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_ms_per_1000(run, texts: list[str], repeat: int) -> float:
    words = sum(len(text.split()) for text in texts) or 1
    best = float("inf")
    for _ in range(repeat):
        began = time.process_time()
        for text in texts:
            run(text)
        best = min(best, time.process_time() - began)
    return best * 1000 / words * 1000


def main(argv=None) -> int:
    options = argparse.ArgumentParser(prog="./dev bench parser", description=__doc__.split("\n")[0])
    options.add_argument("--repeat", type=int, default=3, help="runs; the best is kept")
    args = options.parse_args(argv)
    if not WIRE_TEXT.is_dir():
        print(f"Wire copy not found at {WIRE_TEXT}: nothing to measure.")
        return 0
    texts = [path.read_text(encoding="utf-8") for path in sorted(WIRE_TEXT.glob("*.txt"))]
    words = sum(len(text.split()) for text in texts)

    from sources.assistant import parse, propose_attributions
    from sources.assistant.markup import story_text
    from sources.assistant.text import _mask, _paragraph_spans, _segments, _sentence_spans

    if not parse.available():
        print(f"No parser pipeline at {parse.MODEL} (or spaCy missing): ./dev train-parser")
        return 1
    before = rss_mb()
    began = time.perf_counter()
    parse.parse_pieces([texts[0]])  # loads the pipeline
    load_seconds = time.perf_counter() - began
    after = rss_mb()
    print(f"Wire stories: {len(texts)}, {words:,} words")
    print(
        f"Memory: {before:.0f} MB before the pipeline, {after:.0f} MB after it parsed a story: "
        f"{after - before:.0f} MB added (loaded in {load_seconds:.1f} s)"
    )

    def sentences(text: str) -> list[str]:
        plain = story_text(text)
        paragraphs = _paragraph_spans(plain)
        masked = _mask(plain, _segments(plain, paragraphs))
        return [plain[s:e] for s, e in _sentence_spans(masked, paragraphs)]

    split = {text: sentences(text) for text in texts}
    today = date(2025, 6, 1)

    def rules_only(text: str) -> None:
        with parse.rules_only():
            propose_attributions(text, today=today)

    def with_parser(text: str) -> None:
        with parse.with_parser():
            propose_attributions(text, today=today)

    rows = [
        ("parser alone, every sentence", lambda text: parse.parse_pieces(split[text])),
        ("assistant, rules only", rules_only),
        ("assistant with the parser", with_parser),
    ]
    print(f"Speed (CPU ms per 1,000 words, best of {args.repeat}):")
    for label, run in rows:
        print(f"  {label:<32}{cpu_ms_per_1000(run, texts, args.repeat):>8.1f}")
    return 0
