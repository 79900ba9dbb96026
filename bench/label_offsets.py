"""Labelling aid for shared-corpus stories: evidence as exact text in, character offsets out.

Labels for real copy (tests/sources/assistant/eval/<set>/<stem>.json) hold character offsets
into a text kept outside the repository. Hand-counting offsets is error-prone, so a labeller
writes a small spec next to the shared text (it quotes the story, so it stays outside the
repository too) and this script finds every piece of evidence, checks it occurs exactly once,
and writes the label file. One item a line, fields split by " | ":

    Q | Speaker Name | "the quote, marks included"
    A | paraphrased | Name | the first evidence of that source
    A+ | paraphrased | official | evidence for an anonymous source

`A+` sets `anonymous: true`. When the evidence occurs more than once, give a longer unique
stretch of text with the labelled part between [[ and ]]. A long span may be given by its two
ends, `"From here ~~ to here."`: the first end must be unique, the span runs to the nearest
occurrence of the second after it. A quote's span must start and end with a quotation mark. Blank lines and lines starting with # are ignored.

    python -m bench.label_offsets SPEC TEXT OUT.json     # write labels
    python -m bench.label_offsets --check TEXT LABELS.json  # re-check a label file
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KINDS = {"paraphrased", "reported_by", "declined", "no_response"}
QUOTE_MARKS = "\"“”'‘’"


class SpecError(ValueError):
    """A spec line that cannot be turned into a label."""


def locate(text: str, evidence: str) -> tuple[int, int]:
    """Start and end of the evidence in the text; it must occur exactly once."""
    if " ~~ " in evidence:
        head, tail = evidence.split(" ~~ ", 1)
        start, head_end = locate(text, head)
        end = text.find(tail, head_end)
        if end < 0:
            raise SpecError(f"no {tail!r} after {head!r}")
        return start, end + len(tail)
    if "[[" in evidence:
        before, rest = evidence.split("[[", 1)
        inner, after = rest.split("]]", 1)
    else:
        before, inner, after = "", evidence, ""
    whole = before + inner + after
    first = text.find(whole)
    if first < 0:
        raise SpecError(f"not in the text: {whole!r}")
    if text.find(whole, first + 1) >= 0:
        raise SpecError(f"occurs more than once, mark it with [[ ]] in more context: {whole!r}")
    start = first + len(before)
    return start, start + len(inner)


def parse(spec: str, text: str) -> dict:
    """The label dict (quotes, attributions) for a spec over a text."""
    quotes, attributions, errors = [], [], []
    for number, line in enumerate(spec.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split(" | ")]
        try:
            tag = fields[0]
            if tag == "Q":
                if len(fields) != 3:
                    raise SpecError("a quote line is Q | speaker | quote")
                start, end = locate(text, fields[2])
                if text[start] not in QUOTE_MARKS or text[end - 1] not in QUOTE_MARKS:
                    raise SpecError(f"a quote must start and end with a mark: {fields[2]!r}")
                quotes.append({"start": start, "end": end, "speaker": fields[1] or None})
            elif tag in ("A", "A+"):
                if len(fields) != 4:
                    raise SpecError("an attribution line is A | kind | name | evidence")
                kind, name = fields[1], fields[2]
                if kind not in KINDS:
                    raise SpecError(f"unknown kind {kind!r}")
                start, end = locate(text, fields[3])
                item = {"kind": kind, "name": name, "start": start, "end": end}
                if tag == "A+":
                    item["anonymous"] = True
                attributions.append(item)
            else:
                raise SpecError(f"unknown tag {tag!r}")
        except (SpecError, IndexError, ValueError) as error:
            errors.append(f"line {number}: {error}")
    seen = set()
    for item in attributions:
        key = (item["kind"], item["name"].lower())
        if key in seen:
            errors.append(f"two entries for one source and kind: {key}")
        seen.add(key)
    if errors:
        raise SpecError("\n".join(errors))
    quotes.sort(key=lambda q: q["start"])
    return {"quotes": quotes, "attributions": attributions}


def check(text: str, labels: dict) -> list[str]:
    """Problems in a label file: offsets outside the text or quotes not between marks."""
    problems = []
    for q in labels.get("quotes", []):
        if not 0 <= q["start"] < q["end"] <= len(text):
            problems.append(f"quote offsets out of range: {q}")
        elif text[q["start"]] not in QUOTE_MARKS or text[q["end"] - 1] not in QUOTE_MARKS:
            problems.append(f"quote not between marks: {text[q['start'] : q['end']][:60]!r}")
    for a in labels.get("attributions", []):
        if a.get("kind") not in KINDS:
            problems.append(f"unknown kind: {a}")
        if not 0 <= a["start"] < a["end"] <= len(text):
            problems.append(f"attribution offsets out of range: {a}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--check":
        text = Path(argv[1]).read_text(encoding="utf-8")
        problems = check(text, json.loads(Path(argv[2]).read_text(encoding="utf-8")))
        print("\n".join(problems) or "ok")
        return 1 if problems else 0
    if len(argv) != 3:
        print(__doc__)
        return 2
    spec, text = (Path(p).read_text(encoding="utf-8") for p in argv[:2])
    try:
        labels = parse(spec, text)
    except SpecError as error:
        print(f"{argv[0]}:\n{error}", file=sys.stderr)
        return 1
    Path(argv[2]).write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{argv[2]}: {len(labels['quotes'])} quotes, {len(labels['attributions'])} attributions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
