"""A source inside another's report: “The Ledger quotes two officials as saying ...”,
“state media quoted police officials Monday saying ...”, “Ruiz cites a former aide as his
source”. The one quoted or cited is a source of the claim (the outlet is credited by the
outlet finder)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sources.assistant.phrases import _classify_np
from sources.assistant.types import PARAPHRASED, _Event
from sources.assistant.vocabulary import _QUOTED_AS

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = re.compile(r"\b(?:quotes?|quoted|quoting|cites?|cited|citing)\b[^,.;]{0,40}")


def find(ctx) -> Iterator[_Event]:
    for match in _QUOTED_AS.finditer(ctx.masked):
        sentence = ctx.sentence_at(match.start())
        ref = _classify_np(match.group("np"), ctx.masked[slice(*sentence)])
        if ref is None or ref.kind in ("pronoun", "outlet"):
            continue
        yield _Event(match.start("np"), PARAPHRASED, ref, sentence, para=ctx.para_at(match.start()))
