"""Panels whose content their own template tags read: who else has the story open, a save
refused because someone saved first, the review chain's sign-offs and the comments on the text (each feature's reads stay in its
template tag; the panel only places it on the page)."""

from articles.admin.story.registry import StoryPanel


class PresencePanel(StoryPanel):
    name = "presence"
    template = "admin/articles/article/presence_panel.html"
    order = 0


class RefusedSavePanel(StoryPanel):
    """Above the form, the one message of a save refused because someone saved first."""

    name = "refused_save"
    template = "admin/articles/article/merge_notice_panel.html"
    place = "form_top"
    order = -10


class ReviewChainPanel(StoryPanel):
    name = "review_chain"
    template = "admin/articles/article/review_chain_panel.html"
    order = 30


class CommentsPanel(StoryPanel):
    name = "comments"
    template = "admin/articles/article/comments_panel.html"
    order = 50
