"""What a standards check finds: a `Finding`, blocking or a warning."""

from collections.abc import Iterable
from dataclasses import dataclass

BLOCKING = "blocking"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # BLOCKING or WARNING
    target: str  # the field or attribution concerned, e.g. "headline" or "attribution:12"
    message: str  # what is wrong and how to fix it
    quoted: str = ""  # for an unattributed quotation: its words, to find the proposal fixing it

    @property
    def is_blocking(self) -> bool:
        return self.severity == BLOCKING


def blocking_findings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_blocking]
