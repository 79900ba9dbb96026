"""What sourcing adds to the story page, registered on the stories admin's `story_page`.

The stories app never imports sourcing: sourcing plugs into the story page's extension
points (`articles.admin.story.registry`). `register()` is called once, from
`sources/admin/__init__.py` (Django's admin autodiscovery imports it after the stories'
admin). It adds:

- the inlines: attributions, right-of-reply requests, corrections (`ARTICLE_INLINES`), whose
  story autocompletes offer only the stories the user may edit;
- the standards findings, in the workflow box before the buttons, each linked to the field
  or attribution it concerns and to the assistant's proposal that fixes it;
- the assistant's proposals, with Accept, Edit and Dismiss, and the story's sources;
- whether the attributions offer "Approve anonymity — I know who this is";
- the two save steps of the story form's sourcing buttons (`sources.story_sourcing`).
"""

from articles import workflow
from articles.admin.story.registry import StoryPanel, StorySaveStep, story_page
from articles.admin.story.workflow_actions import OVERRIDE_PREFIX, kept_workflow_input
from articles.workflow import permissions
from sources import story_sourcing
from sources.admin.inlines import ARTICLE_INLINES
from sources.admin.proposal_rows import pending_proposals, proposal_rows
from sources.permissions import can_approve_anonymity, can_see_anonymity_approver
from sources.proposals import proposals_prune
from sources.standards import check_article, proposal_fixing

FINDING_TARGETS = {
    "headline": ("Headline", "#id_headline"),
    "dek": ("Dek", "#id_dek"),
    "body": ("Body", "#id_body"),
    "section": ("Section", "#id_section"),
    "authors": ("Byline", "#author_links-group"),
    "attributions": ("Sources", "#attributions-group"),
    "lead_image": ("Lead image", "#id_lead_image"),
}


def override_name(finding, findings) -> str:
    """The override input's name: one per finding (code, plus the target when codes repeat)."""
    if sum(1 for f in findings if f.code == finding.code) == 1:
        return f"{OVERRIDE_PREFIX}{finding.code}"
    return f"{OVERRIDE_PREFIX}{finding.code}:{finding.target}"


def finding_rows(article, findings, proposals=(), *, approver=False, kept=None) -> list[dict]:
    """Each finding with the field or attribution it concerns, named and linked on the page,
    and the assistant's pending proposal that fixes it, when there is one. For an `approver`
    (who may approve anonymity on this story) an unapproved source says so, not "ask X".
    `kept` are override reasons typed before a refused publish."""
    attributions = {}
    if any(f.target.startswith("attribution:") for f in findings):
        attributions = {
            str(a.pk): a for a in article.attributions.filter(entry=None).select_related("source")
        }
    rows = []
    for finding in findings:
        label, href = FINDING_TARGETS.get(finding.target, (finding.target, ""))
        if finding.target.startswith("attribution:"):
            pk = finding.target.partition(":")[2]
            attribution = attributions.get(pk)
            label = f"Attribution: {attribution}" if attribution else "Attribution"
            href = f"#attribution-{pk}"
        elif finding.target.startswith("proposal:"):
            label, href = "Sourcing assistant", f"#proposal-{finding.target.partition(':')[2]}"
        name = override_name(finding, findings)
        rows.append(
            {
                "finding": finding,
                "target_label": label,
                "target_href": href,
                "override_name": name,
                "override_value": (kept or {}).get(name, ""),
                "proposal": proposal_fixing(finding, proposals),
                "message": (
                    f"{label}: its anonymity is not approved yet. You may approve it: "
                    "“Approve anonymity — I know who this is” on the attribution."
                    if approver and finding.code == "anon_not_approved"
                    else finding.message
                ),
            }
        )
    return rows


class FindingsPanel(StoryPanel):
    """What the standards checks will ask for, shown to whoever can publish or edit."""

    name = "findings"
    template = "admin/articles/article/findings_panel.html"
    place = "workflow"
    order = 20

    def context(self, request, article) -> dict:
        user = request.user
        checked = "publish" in workflow.allowed_actions(user, article) or permissions.can_edit(
            user, article
        )
        findings = check_article(article) if checked else []
        rows = finding_rows(
            article,
            findings,
            pending_proposals(article) if findings else (),
            approver=can_approve_anonymity(user, article),
            kept=kept_workflow_input(request, article).get("overrides"),
        )
        return {
            "findings": findings,
            "finding_rows": rows,
            "standards_checked": checked,
            "warning_count": sum(1 for f in findings if not f.is_blocking),
            "blocking_findings": [f for f in findings if f.is_blocking],
        }


class ProposalsPanel(StoryPanel):
    name = "proposals"
    template = "admin/articles/article/proposals_panel.html"
    order = 40

    def context(self, request, article) -> dict:
        return {"proposal_rows": proposal_rows(article, request.user)}


class SourcesPanel(StoryPanel):
    name = "sources"
    template = "admin/articles/article/sources_panel.html"
    order = 60

    def context(self, request, article) -> dict:
        attributions = (
            article.attributions.filter(entry=None)
            .select_related("source")
            .order_by("position", "pk")
        )
        return {"story_sources": list(attributions)}


class AnonymityApprovalPanel(StoryPanel):
    """No box of its own: the attributions' approve button and approval line
    (attribution/stacked.html) read it; the approver's name only for who may see it."""

    name = "anonymity_approval"

    def context(self, request, article) -> dict:
        approved = article.attributions.filter(
            entry=None, anonymous=True, approved_by__isnull=False
        )
        return {
            "can_approve_anonymity": can_approve_anonymity(request.user, article),
            "approver_shown_for": [
                attribution.pk
                for attribution in approved.only("pk", "approved_by_id")
                if can_see_anonymity_approver(request.user, attribution)
            ],
        }


class ProposalSaveStep(StorySaveStep):
    """Accept, Dismiss and "Look for sources again"; and the assistant after any new text."""

    not_done = (
        "The proposal was not handled: the story could not be saved (see below). "
        "Everything you typed is still in the form."
    )

    def is_posted(self, request) -> bool:
        return story_sourcing.posted_proposal_step(request.POST) is not None

    def in_save(self, request, article) -> None:
        step = story_sourcing.posted_proposal_step(request.POST)
        request.proposal_outcome = story_sourcing.proposal_step_in_save(
            user=request.user, article=article, step=step
        )

    def revision_comment(self, request) -> str:
        outcome = getattr(request, "proposal_outcome", None)
        return outcome.revision_comment if outcome else ""

    def after_save(self, request, article, *, created, changed_data) -> list:
        step = story_sourcing.posted_proposal_step(request.POST) if not created else None
        # An attribution added by hand settles the proposals that repeat it.
        proposals_prune(article=article)
        outcome = story_sourcing.proposals_after_save(
            article=article, step=step, created=created, body_changed="body" in changed_data
        )
        if step is not None and step.verb == "refresh":
            request.proposal_outcome = outcome  # said after "Saved", with the step's others
            return []
        return [(outcome.level, outcome.text)] if outcome else []

    def messages(self, request) -> list:
        outcome = getattr(request, "proposal_outcome", None)
        return [(outcome.level, outcome.text)] if outcome else []

    def anchor(self, request) -> str:
        return "#proposals-group"


class AnonymityApprovalSaveStep(StorySaveStep):
    """ "Approve anonymity — I know who this is" and "Ask an editor to approve"."""

    not_done = (
        "Anonymity was not approved: the story could not be saved (see below). "
        "Everything you typed is still in the form."
    )

    def is_posted(self, request) -> bool:
        return story_sourcing.posted_approval_step(request.POST) is not None

    def in_save(self, request, article) -> None:
        step = story_sourcing.posted_approval_step(request.POST)
        request.approval_outcome = story_sourcing.approval_step_in_save(
            user=request.user, article=article, step=step
        )

    def revision_comment(self, request) -> str:
        outcome = getattr(request, "approval_outcome", None)
        return outcome.revision_comment if outcome else ""

    def messages(self, request) -> list:
        outcome = getattr(request, "approval_outcome", None)
        return [(outcome.level, outcome.text)] if outcome else []

    def anchor(self, request) -> str:
        step = story_sourcing.posted_approval_step(request.POST)
        return f"#attribution-{step.attribution_id}"


def register() -> None:
    """Put sourcing on the story page (once, from sources/admin/__init__.py)."""
    story_page.register_inlines(*ARTICLE_INLINES)
    # Their autocompletes offer only the stories the user may edit.
    story_page.register_story_parts(
        "sources.attribution", "sources.commentrequest", "sources.correction"
    )
    for panel in (FindingsPanel(), ProposalsPanel(), SourcesPanel(), AnonymityApprovalPanel()):
        story_page.register_panel(panel)
    # The approval first: a save made by its button returns to the attribution.
    story_page.register_save_step(AnonymityApprovalSaveStep())
    story_page.register_save_step(ProposalSaveStep())
