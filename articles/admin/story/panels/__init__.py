"""The story page's own panels, one small class each (`StoryPanel`: a template and a context).

`STORY_PANELS` are registered by `articles.admin.story.page`; other apps add theirs through
`articles.admin.story.registry.story_page` (sourcing: `sources/admin/story_panels.py`).
"""

from articles.admin.story.panels.actions import WorkflowActionsPanel, WorkflowBoxPanel
from articles.admin.story.panels.history import HistoryPanel
from articles.admin.story.panels.live import LivePanel, LiveStartPanel
from articles.admin.story.panels.origin import WireOriginPanel
from articles.admin.story.panels.preview import EmbargoBannerPanel, PreviewPanel
from articles.admin.story.panels.save import SavePanel
from articles.admin.story.panels.shared import (
    CommentsPanel,
    PresencePanel,
    RefusedSavePanel,
    ReviewChainPanel,
)
from articles.admin.story.panels.state import StatePanel

STORY_PANELS = [
    RefusedSavePanel(),
    EmbargoBannerPanel(),
    PresencePanel(),
    SavePanel(),
    LivePanel(),
    WorkflowBoxPanel(),
    StatePanel(),
    WorkflowActionsPanel(),
    LiveStartPanel(),
    ReviewChainPanel(),
    CommentsPanel(),
    WireOriginPanel(),
    PreviewPanel(),
    HistoryPanel(),
]
