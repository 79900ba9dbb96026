"""Train the sourcing assistant's parser on UD English EWT and ship it: `./dev train-parser`.

A build tool, not part of the language package (this folder has no `__init__.py`; the only
module of the assistant that loads spaCy is `sources/assistant/parse.py`). It runs spaCy's own
commands one after the other, so every step can be repeated by hand:

1. `spacy convert` the treebank's train, dev and test .conllu files into .spacy files (ten
   sentences per document, so the parser learns where sentences end). Multiword tokens such
   as "don't" are left split into their words ("do", "n't"), as spaCy's English tokenizer
   splits them; their surface lines are skipped, as are the few empty nodes.
2. `spacy train` with config.cfg beside this file: train on train, keep the best on dev,
   a bounded number of steps.
3. `spacy evaluate` the kept pipeline on the TEST split and print tagging accuracy, UAS and
   LAS (and sentence boundaries).
4. Copy the pipeline into model/ beside this file, without what it does not need (empty
   vectors and lookups), with the test scores in meta.json; ATTRIBUTION.md and LICENSE.txt
   (CC BY-SA 4.0: the model is a derivative of the treebank) sit beside it.

Usage: ./dev train-parser [--treebank DIR] [--max-steps N] [--work DIR]
The treebank is looked for in --treebank, $NEWSROOM_TREEBANK, then ../shared/treebanks/
UD_English-EWT/ next to the checkout (and one level further up, for a worktree).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CONFIG = HERE / "config.cfg"
MODEL = HERE / "model"
TREEBANK_NAME = "UD_English-EWT"
SPLITS = ("train", "dev", "test")
# Pieces of a saved pipeline it does not need: no vectors, no lookup tables.
PRUNE = ("vocab/vectors", "vocab/vectors.cfg", "vocab/key2row", "vocab/lookups.bin")


def find_treebank(given: str | None) -> Path:
    candidates = [given, os.environ.get("NEWSROOM_TREEBANK")]
    candidates += [ROOT.parent / "shared" / "treebanks" / TREEBANK_NAME]
    candidates += [ROOT.parent.parent / "shared" / "treebanks" / TREEBANK_NAME]
    for candidate in filter(None, candidates):
        path = Path(candidate)
        if all((path / f"en_ewt-ud-{split}.conllu").is_file() for split in SPLITS):
            return path
    sys.exit(
        "error: UD English EWT not found. Give its folder (with en_ewt-ud-train.conllu, "
        "-dev and -test) as --treebank DIR or NEWSROOM_TREEBANK; it is at "
        "https://github.com/UniversalDependencies/UD_English-EWT"
    )


def spacy(*args: str) -> None:
    """Run one spaCy command in this interpreter's environment; stop on failure."""
    command = [sys.executable, "-m", "spacy", *args]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def convert(treebank: Path, corpus: Path) -> dict[str, Path]:
    corpus.mkdir(parents=True, exist_ok=True)
    out = {}
    for split in SPLITS:
        source = treebank / f"en_ewt-ud-{split}.conllu"
        spacy("convert", str(source), str(corpus), "--converter", "conllu", "--n-sents", "10")
        out[split] = corpus / f"en_ewt-ud-{split}.spacy"
    return out


def train(corpus: dict[str, Path], output: Path, max_steps: int | None) -> Path:
    overrides = ["--paths.train", str(corpus["train"]), "--paths.dev", str(corpus["dev"])]
    if max_steps:
        overrides += ["--training.max_steps", str(max_steps)]
    spacy("train", str(CONFIG), "--output", str(output), *overrides)
    return output / "model-best"


def evaluate(pipeline: Path, test: Path, metrics: Path) -> dict:
    spacy("evaluate", str(pipeline), str(test), "--output", str(metrics))
    return json.loads(metrics.read_text())


def treebank_version(treebank: Path) -> str:
    source = treebank / "SOURCE.md"
    if source.is_file():
        for line in source.read_text().splitlines():
            if "commit" in line:
                return line.strip()
    return "(version not recorded: see the treebank's README)"


def ship(pipeline: Path, scores: dict, treebank: Path, seconds: float) -> None:
    if MODEL.exists():
        shutil.rmtree(MODEL)
    shutil.copytree(pipeline, MODEL)
    for name in PRUNE:
        (MODEL / name).unlink(missing_ok=True)
    forget_paths(MODEL / "config.cfg")
    meta_path = MODEL / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update(
        name="newsroom_parser",
        version="1.0.0",
        description="Tagger and dependency parser for the sourcing assistant, trained on "
        "Universal Dependencies English EWT by ./dev train-parser.",
        license="CC BY-SA 4.0",
        sources=[
            {
                "name": "Universal Dependencies English Web Treebank (UD_English-EWT)",
                "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                "license": "CC BY-SA 4.0",
                "version": treebank_version(treebank),
            }
        ],
        test_scores={key: scores.get(key) for key in ("tag_acc", "dep_uas", "dep_las", "sents_f")},
        training_seconds=round(seconds),
    )
    meta.pop("performance", None)  # dev scores; test_scores above are the ones to quote
    meta_path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")


def forget_paths(config: Path) -> None:
    """The scratch corpus paths of this machine are no part of the pipeline: null them."""
    lines, section = [], ""
    for line in config.read_text().splitlines():
        if line.startswith("["):
            section = line.strip()
        elif section == "[paths]" and line.split(" = ")[0] in ("train", "dev"):
            line = line.split(" = ")[0] + " = null"
        lines.append(line)
    config.write_text("\n".join(lines) + "\n")


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev train-parser", description=__doc__.split("\n")[0])
    parser.add_argument("--treebank", help="the UD_English-EWT folder")
    parser.add_argument("--max-steps", type=int, help="override config.cfg's step budget")
    parser.add_argument("--work", default=str(ROOT / ".local" / "parser"), help="scratch folder")
    args = parser.parse_args(argv)

    started = time.monotonic()
    treebank = find_treebank(args.treebank)
    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    print(f"==> treebank: {treebank}", flush=True)
    corpus = convert(treebank, work / "corpus")
    print("==> training (spaCy's log: E epoch, # step, dev scores every 250 steps)", flush=True)
    best = train(corpus, work / "output", args.max_steps)
    print("==> evaluating the kept pipeline on EWT test", flush=True)
    scores = evaluate(best, corpus["test"], work / "test-metrics.json")
    seconds = time.monotonic() - started
    ship(best, scores, treebank, seconds)
    print(
        f"==> EWT test: POS (PTB tags) {scores['tag_acc']:.2%}  UAS {scores['dep_uas']:.2%}  "
        f"LAS {scores['dep_las']:.2%}  sentences F {scores['sents_f']:.2%}"
    )
    print(
        f"==> shipped {MODEL.relative_to(ROOT)} ({size_of(MODEL) / 1e6:.1f} MB) "
        f"in {seconds / 60:.1f} minutes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
