"""The stories app's models, one module per concern, re-exported here for Django and callers.

`Article` is the working copy staff edit (the story). `PublishedArticle` is the public
snapshot: only the publish transition (`articles.workflow`) writes it, only public code
reads it.
"""

from articles.models.clips import Clip, ClipKind, ClipUse
from articles.models.collaboration import (
    StoryAutosave,
    StoryComment,
    StoryCommentMention,
    StoryOpening,
    StoryPresence,
)
from articles.models.fronts import Front, FrontVersion
from articles.models.galleries import Gallery, GalleryItem
from articles.models.history import (
    ArticleRevisionMeta,
    EditorialNote,
    ReviewQueueItem,
    WorkflowEvent,
)
from articles.models.images import (
    USES,
    Image,
    ImageStatus,
    ImageUse,
    LicenceKind,
    Licensed,
    OriginalImageField,
    OriginalImageFieldFile,
    Rendition,
    validate_image_upload,
)
from articles.models.live import (
    CoverageState,
    EntryStatus,
    LiveCoverage,
    LiveEntry,
    LiveEntryChange,
)
from articles.models.origin import StoryOrigin
from articles.models.planning import (
    PlanEvent,
    PlanEventKind,
    PlannedStory,
    PlanningFeedKey,
    PlanStatus,
)
from articles.models.public import (
    PublicStatus,
    PublishedArticle,
    PublishedQuerySet,
    SearchWord,
    SlugRedirect,
    StoredFront,
    StoredPage,
)
from articles.models.review import (
    PreviewLink,
    ReviewStep,
    ReviewStepChange,
    SignOff,
    SignOffDecision,
    SignOffLink,
    StoryPart,
    default_step_touches,
)
from articles.models.story import (
    BODY_EXTENSIONS,
    Article,
    ArticleAuthor,
    ArticleState,
    KindOfWork,
    Section,
)
from articles.models.versions import SigningKey, StoryVersion, VersionKind

__all__ = [
    "Clip",
    "ClipKind",
    "ClipUse",
    "Licensed",
    "Gallery",
    "GalleryItem",
    "USES",
    "ImageStatus",
    "ImageUse",
    "LicenceKind",
    "BODY_EXTENSIONS",
    "Section",
    "StoryOrigin",
    "ArticleState",
    "KindOfWork",
    "Article",
    "ArticleAuthor",
    "validate_image_upload",
    "OriginalImageFieldFile",
    "OriginalImageField",
    "Image",
    "Rendition",
    "PublicStatus",
    "PublishedQuerySet",
    "PublishedArticle",
    "SlugRedirect",
    "StoredFront",
    "StoredPage",
    "SearchWord",
    "WorkflowEvent",
    "EditorialNote",
    "ArticleRevisionMeta",
    "ReviewQueueItem",
    "StoryPart",
    "default_step_touches",
    "ReviewStep",
    "ReviewStepChange",
    "SignOffDecision",
    "SignOffLink",
    "SignOff",
    "PreviewLink",
    "StoryAutosave",
    "StoryComment",
    "StoryCommentMention",
    "StoryOpening",
    "StoryPresence",
    "PlanStatus",
    "PlannedStory",
    "PlanningFeedKey",
    "PlanEventKind",
    "PlanEvent",
    "Front",
    "FrontVersion",
    "SigningKey",
    "StoryVersion",
    "VersionKind",
    "CoverageState",
    "LiveCoverage",
    "EntryStatus",
    "LiveEntry",
    "LiveEntryChange",
]
