"""The source registry and how stories use it.

`Source` is public-safe registry data. Everything confidential about a source lives in
`SourceConfidential`, and everything confidential about one grant of anonymity (why it was
granted, how the source knows, which editors know who it is) in `AttributionConfidential`.
Both are readable only with `sources.view_confidential_source`, never copied into a public
snapshot or a revision, and unreachable through admin lookups without the permission.
`Attribution` is one story's use of one source.
"""

from sources.models.attributions import (
    Attribution,
    AttributionConfidential,
    AttributionKind,
    CommentMethod,
    CommentOutcome,
    CommentRequest,
    SourcingTerms,
)
from sources.models.corrections import (
    Correction,
    CorrectionKind,
    ReaderReport,
    ReaderReportStatus,
    StandardsOverride,
)
from sources.models.policies import (
    SCHEMA_PROPERTIES,
    TOP_LEVEL_PAGES,
    PolicyKind,
    PolicyPage,
    policy_path,
)
from sources.models.proposals import (
    AttributionProposal,
    ProposalStatus,
)
from sources.models.registry import (
    ConfidentialAccess,
    Source,
    SourceConfidential,
    SourceKind,
    SourceStanding,
    SourceVoice,
)

__all__ = [
    "SourceKind",
    "SourceStanding",
    "SourceVoice",
    "Source",
    "SourceConfidential",
    "ConfidentialAccess",
    "AttributionKind",
    "SourcingTerms",
    "Attribution",
    "AttributionConfidential",
    "CommentMethod",
    "CommentOutcome",
    "CommentRequest",
    "ReaderReportStatus",
    "ReaderReport",
    "CorrectionKind",
    "Correction",
    "StandardsOverride",
    "ProposalStatus",
    "AttributionProposal",
    "PolicyKind",
    "PolicyPage",
    "SCHEMA_PROPERTIES",
    "TOP_LEVEL_PAGES",
    "policy_path",
]
