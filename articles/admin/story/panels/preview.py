"""Preview and share: the staff preview, share links for reviewers without an account, and
the embargo banner above the form."""

from django.urls import reverse

from articles.admin.story.registry import StoryPanel
from articles.workflow import permissions, preview
from articles.workflow.embargo import banner_text as embargo_banner_text

SHOWN_LINKS = 10


def share_url(request, link) -> str:
    """The address a share link is handed out as (a page outside the admin)."""
    return request.build_absolute_uri(
        reverse("external:shared_preview", args=[preview.signed_token(link)])
    )


class PreviewPanel(StoryPanel):
    name = "preview"
    template = "admin/articles/article/preview_panel.html"
    order = 70

    def context(self, request, article) -> dict:
        user = request.user
        return {
            "can_share": permissions.can_share_preview(user, article),
            "can_clear_for_embargo": permissions.can_clear_for_embargo(user, article),
            "embargo_banner": embargo_banner_text(article),
            "preview_links": [
                {"link": link, "usable": link.is_usable(), "url": share_url(request, link)}
                for link in article.preview_links.all()[:SHOWN_LINKS]
            ],
        }


class EmbargoBannerPanel(StoryPanel):
    name = "embargo_banner"
    template = "admin/articles/article/embargo_banner.html"
    place = "form_top"

    def context(self, request, article) -> dict:
        return {"embargo_banner": embargo_banner_text(article)}
