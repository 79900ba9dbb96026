"""Validators for fields readers see as plain text (headline, dek, dateline)."""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")


@deconstructible
class PlainTextValidator:
    """Refuse HTML markup in a plain-text field, naming the tag so the writer can find it."""

    code = "markup_in_plain_text"

    def __call__(self, value: str) -> None:
        match = TAG.search(value or "")
        if match:
            raise ValidationError(
                "This field is plain text: remove the <%(tag)s> tag (found “%(snippet)s”). "
                "Use the body for formatting.",
                code=self.code,
                params={"tag": match.group(1).lower(), "snippet": match.group(0)[:40]},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, PlainTextValidator)


validate_plain_text = PlainTextValidator()
