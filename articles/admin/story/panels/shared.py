"""Panels whose content their own template tags read: who else has the story open, the
review chain's sign-offs and the comments on the text (each feature's reads stay in its
template tag; the panel only places it on the page)."""

from articles.admin.story.registry import StoryPanel


class PresencePanel(StoryPanel):
    name = "presence"
    template = "admin/articles/article/presence_panel.html"
    order = 0


class ReviewChainPanel(StoryPanel):
    name = "review_chain"
    template = "admin/articles/article/review_chain_panel.html"
    order = 30


class CommentsPanel(StoryPanel):
    name = "comments"
    template = "admin/articles/article/comments_panel.html"
    order = 50
