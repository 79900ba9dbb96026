"""Review chains in the admin: configuring a section's steps, and deciding on them.

- "Review chains" (ReviewStep): editors and admins list, add and order each section's steps;
  only admins name a step's outside signers (the addresses its links may also go to).
- story/<id>/decide/          POST from the story's panel: approve or reject one step
- story/<id>/send-link/       POST: mail a sign-off link for a step to an address the step
                              allows (the link is never shown to the sender)
- story/<id>/links/<id>/revoke/  POST: withdraw a link, used or not
- sign/<token>/               a sign-off link sent before the page moved out of the admin:
                              redirects to it (articles.external: /sign-off/<token>/)
- ChainSummaryChangeList, chain_summary_cell: the "Sign-offs" column of the story list and
  the review queue ("Legal: waiting", "Signed 2 of 3"), two queries for the whole page

Every rule is in `articles.review.chains`, every write in `articles.review.signoffs`; these views
read the request, call them and say what happened.
"""

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import workflow
from articles.external.views import old_sign_off_address
from articles.models import Article, ReviewStep, SignOffDecision, StoryPart
from articles.review import chains as review_chains
from articles.review import links as sign_off_links
from articles.review import permissions as review_permissions
from articles.review import signoffs
from articles.workflow import permissions
from newsroom.admin_mixins import DateHierarchyChangeList
from newsroom.ids import parse_id


class ReviewStepForm(forms.ModelForm):
    touches = forms.MultipleChoiceField(
        choices=StoryPart.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[StoryPart.TEXT, StoryPart.DISPLAY],
        label="Reopened by changes in",
        help_text="Every step reads the text, so a change in it always reopens the step. "
        "Leave the display unticked for a step like legal that does not answer for "
        "headlines and deks.",
    )

    class Meta:
        model = ReviewStep
        fields = ["section", "position", "name", "group", "user", "outside_signers", "touches"]

    def clean_outside_signers(self):
        # Links compare addresses in lower case (sign_off_links.normalized_address).
        found = [
            sign_off_links.normalized_address(a)
            for a in self.cleaned_data.get("outside_signers") or []
        ]
        return sorted(set(found) - {""})

    def clean_touches(self):
        # The text is always part of what a step reads (the reopening rule).
        return sorted(set(self.cleaned_data.get("touches") or []) | {StoryPart.TEXT.value})

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("group")) == bool(cleaned.get("user")):
            raise forms.ValidationError(
                "Choose either a group (any member signs) or one person, not both or neither.",
                code="group_or_person",
            )
        return cleaned


@admin.register(ReviewStep)
class ReviewStepAdmin(admin.ModelAdmin):
    form = ReviewStepForm
    list_display = ["section", "position", "name", "signed_by", "reopened_by"]
    list_display_links = ["name"]
    list_filter = ["section"]
    ordering = ["section__position", "section__name", "position", "pk"]
    list_select_related = ["section", "group", "user"]

    def get_readonly_fields(self, request, obj=None):
        if review_permissions.can_set_outside_signers(request.user):
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "outside_signers"]

    @admin.display(description="Signed by")
    def signed_by(self, step: ReviewStep) -> str:
        return review_chains.who_signs(step)

    @admin.display(description="Reopened by changes in")
    def reopened_by(self, step: ReviewStep) -> str:
        labels = {StoryPart.TEXT: "text", StoryPart.DISPLAY: "display"}
        return " and ".join(labels[part] for part in StoryPart if part in step.touches)

    def has_module_permission(self, request):
        return review_permissions.can_configure_chains(request.user)

    def has_view_permission(self, request, obj=None):
        return review_permissions.can_configure_chains(request.user)

    def has_add_permission(self, request):
        return review_permissions.can_configure_chains(request.user)

    def has_change_permission(self, request, obj=None):
        return review_permissions.can_configure_chains(request.user)

    def has_delete_permission(self, request, obj=None):
        return review_permissions.can_configure_chains(request.user)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            # Links sent before the sign-off page moved out of the admin (not wrapped in
            # admin_view: the people who sign have no account).
            path("sign/<str:token>/", old_sign_off_address, name="articles_sign_off_link"),
            path(
                "story/<path:object_id>/decide/",
                wrap(decide_view),
                name="articles_reviewstep_decide",
            ),
            path(
                "story/<path:object_id>/send-link/",
                wrap(send_link_view),
                name="articles_reviewstep_send_link",
            ),
            path(
                "story/<path:object_id>/links/<int:link_id>/revoke/",
                wrap(revoke_link_view),
                name="articles_reviewstep_revoke_link",
            ),
            *super().get_urls(),
        ]


# --- the story's panel --------------------------------------------------------------------


def _story_or_404(request, object_id) -> Article:
    pk = parse_id(object_id)
    article = (
        Article.objects.filter(pk=pk).select_related("section").first() if pk is not None else None
    )
    if article is None or not permissions.can_view(request.user, article):
        raise Http404("There is no story at this address.")
    return article


def _back(article: Article):
    return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#review-chain")


def _posted_step(request, article: Article) -> ReviewStep | None:
    step_id = parse_id(request.POST.get("step"))
    if step_id is None or article.section_id is None:
        return None
    return ReviewStep.objects.filter(pk=step_id, section_id=article.section_id).first()


def decide_view(request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story_or_404(request, object_id)
    step = _posted_step(request, article)
    if step is None:
        messages.error(request, "That step is not part of this story's review chain.")
        return _back(article)
    decision = request.POST.get("decision", "")
    try:
        signoffs.sign_off(
            request.user,
            article,
            step=step,
            decision=decision,
            note=request.POST.get("note", ""),
            read_version=request.POST.get("version", "")[:20],
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        verb = "Signed off" if decision == SignOffDecision.APPROVE else "Rejected"
        messages.success(request, f"{verb}: {step.name}.")
    return _back(article)


def send_link_view(request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story_or_404(request, object_id)
    step = _posted_step(request, article)
    if step is None:
        messages.error(request, "That step is not part of this story's review chain.")
        return _back(article)
    days = parse_id(request.POST.get("days"))
    try:
        link = signoffs.send_sign_off_link(
            request.user,
            article,
            step=step,
            days=sign_off_links.LINK_DEFAULT_DAYS if days is None else days,
            sent_to=request.POST.get("sent_to", "")[:254],
            embargo_cleared=request.POST.get("embargo_cleared") == "on",
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        # The address of the link goes to its addressee by mail, never onto this page.
        local = timezone.localtime(link.expires_at)
        messages.success(
            request,
            f"Sign-off link for {step.name} mailed to {link.sent_to} "
            f"(valid until {local:%b %d, %H:%M}, once).",
        )
    return _back(article)


def revoke_link_view(request, object_id, link_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story_or_404(request, object_id)
    link = get_object_or_404(article.sign_off_links.select_related("step"), pk=link_id)
    try:
        signoffs.revoke_sign_off_link(request.user, link)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Sign-off link for {link.step.name} revoked.")
    return _back(article)


# --- the "Sign-offs" column of the story list and the review queue ------------------------


class ChainSummaryChangeList(DateHierarchyChangeList):
    """A story list whose page's stories carry their chain's summary (`chain_summary`),
    read for the whole page at once (review_chains.chain_summaries: two queries at most).
    An impossible date in the drill-down stays a bad lookup (DateHierarchyChangeList)."""

    def get_results(self, request):
        super().get_results(request)
        review_chains.attach_chain_summaries(self.result_list)


def chain_summary_cell(article) -> str:
    """The column's cell: a badge with the summary, or a dash for a story with no chain."""
    summary = getattr(article, "chain_summary", None)
    if summary is None:
        return "-"
    return format_html(
        '<span class="review-badge review-badge-{} chain-summary">{}</span>',
        summary.status,
        summary.text,
    )
