"""A speech participle after the sentence's subject: “X ..., warning that ...”"""

from __future__ import annotations

from collections.abc import Iterator

from sources.assistant.types import PARAPHRASED, REPORTED_BY, _Event
from sources.assistant.vocabulary import _PARTICIPLE_SPEECH, _QUOTE_VERB_RE, _THAT_VERB_RE

# The words that make this rule fire (shown as why a proposal was made).
TRIGGER = _PARTICIPLE_SPEECH


def find(ctx) -> Iterator[_Event]:
    for match in _PARTICIPLE_SPEECH.finditer(ctx.masked):
        sent_start, sent_end = ctx.sentence_at(match.start())
        if ctx._in_consumed(match.start()):
            continue
        # the sentence's own speech verb already says who: "X said ..., adding that"
        if _QUOTE_VERB_RE.search(ctx.masked, sent_start, match.start()) or _THAT_VERB_RE.search(
            ctx.masked, sent_start, match.start()
        ):
            continue
        shared = ctx._sentence_subject(sent_start, match.start())
        if not shared:
            continue
        ref, pos = shared
        yield (
            _Event(
                pos,
                REPORTED_BY if ref.kind == "outlet" else PARAPHRASED,
                ref,
                (sent_start, sent_end),
                para=ctx.para_at(pos),
            )
        )
