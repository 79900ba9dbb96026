"""The finders, in the order they read a story. Each module has `find(reader)`, which
yields the events it finds (the reader keeps them, in order), and `TRIGGER`, the words that
make it fire (shown with each proposal as the reason it was proposed). The steps in
AFTER_RESOLUTION yield nothing: they change what is known about the sources found.

To add a rule: write `finders/my_rule.py` with `TRIGGER` and `find(reader)`, and add it to
FINDERS below, where it should run (order matters: quotes first, so that their
attributions are consumed before the speech-verb finder reads the same words).
"""

from sources.assistant.finders import (
    according_to,
    anonymity,
    outlets,
    parsed_speech,
    participles,
    quoted_as,
    quotes,
    replies,
    speech_verbs,
)

FINDERS = [
    quotes,
    speech_verbs,
    participles,
    according_to,
    outlets,
    quoted_as,
    replies,
    # last: the parse reads only the sentences the rules found nothing in
    parsed_speech,
]
# Run once the sources are resolved (they change what is known about them).
AFTER_RESOLUTION = [anonymity]
