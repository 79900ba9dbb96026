"""Review chains in the admin: configuring a section's steps, and deciding on them.

- "Review steps" (ReviewStep): only admins (superusers, "manage review chains") add, change,
  order and delete a section's steps and their outside signers; editors see them read-only.
  Every change is recorded (`articles.review.setup`) and listed on the chain's page.
- story/<id>/decide/          POST from the story's panel: approve or reject one step
- story/<id>/ask/             POST: ask a group or a person to sign this story alone off
- story/<id>/steps/<id>/remove/  POST: remove a story's own step, with a reason
- sign-offs/, sign-offs/<story>/<step>/  the signer's own page (`articles.admin.sign_offs`)
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
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import workflow
from articles.admin import sign_offs as signer_pages
from articles.external.views import old_sign_off_address
from articles.models import Article, ReviewStep, Section, SignOffDecision, StoryPart
from articles.review import chains as review_chains
from articles.review import links as sign_off_links
from articles.review import permissions as review_permissions
from articles.review import setup as chain_setup
from articles.review import signoffs, story_steps
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "section" in self.fields:
            self.fields["section"].required = True  # a story's own steps are asked elsewhere

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

    change_list_template = "admin/articles/reviewstep/change_list.html"

    def get_queryset(self, request):
        # A story's own steps belong to the story page, not to a section's chain.
        return super().get_queryset(request).filter(article__isnull=True)

    def get_readonly_fields(self, request, obj=None):
        if review_permissions.can_set_outside_signers(request.user):
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "outside_signers"]

    def save_model(self, request, obj, form, change):
        chain_setup.save_chain_step(request.user, obj)

    def delete_model(self, request, obj):
        chain_setup.delete_chain_step(request.user, obj)

    def delete_queryset(self, request, queryset):
        for step in queryset:
            chain_setup.delete_chain_step(request.user, step)

    def changelist_view(self, request, extra_context=None):
        section_id = parse_id(request.GET.get("section__id__exact"))
        section = Section.objects.filter(pk=section_id).first() if section_id else None
        title = f"Review steps for {section}" if section else "Review steps, by section"
        context = {
            "title": title,
            "subtitle": None,
            "chain_section": section,
            "chain_changes": chain_setup.chain_changes(section.pk if section else None),
            "can_change_chains": review_permissions.can_configure_chains(request.user),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=context)

    @admin.display(description="Signed by")
    def signed_by(self, step: ReviewStep) -> str:
        return review_chains.who_signs(step)

    @admin.display(description="Reopened by changes in")
    def reopened_by(self, step: ReviewStep) -> str:
        labels = {StoryPart.TEXT: "text", StoryPart.DISPLAY: "display"}
        return " and ".join(labels[part] for part in StoryPart if part in step.touches)

    def has_module_permission(self, request):
        return review_permissions.can_view_chains(request.user)

    def has_view_permission(self, request, obj=None):
        return review_permissions.can_view_chains(request.user)

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
            path("sign-offs/", wrap(signer_pages.waiting_view), name="articles_sign_offs"),
            path(
                "sign-offs/<str:article_id>/<str:step_id>/",
                wrap(signer_pages.decide_view),
                name="articles_sign_off_decide",
            ),
            path(
                "story/<path:object_id>/ask/",
                wrap(ask_view),
                name="articles_reviewstep_ask",
            ),
            path(
                "story/<path:object_id>/steps/<str:step_id>/remove/",
                wrap(remove_step_view),
                name="articles_reviewstep_remove",
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
    if step_id is None:
        return None
    return ReviewStep.objects.filter(review_chains.applying_to(article), pk=step_id).first()


def ask_view(request, object_id):
    """POST from the story's panel: ask a group or a person to sign this story off."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story_or_404(request, object_id)
    signer = request.POST.get("signer", "")[:40]  # "group:<id>" or "user:<id>"
    kind, _, raw_id = signer.partition(":")
    signer_id = parse_id(raw_id)
    group = Group.objects.filter(pk=signer_id).first() if kind == "group" and signer_id else None
    person = None
    if kind == "user" and signer_id:
        person = get_user_model().objects.filter(pk=signer_id, is_active=True).first()
    if group is None and person is None:
        messages.error(request, "Choose who signs it off: a group or a person from the list.")
        return _back(article)
    try:
        step = story_steps.add_story_step(
            request.user,
            article,
            name=request.POST.get("name", "")[:1000],
            group=group,
            person=person,
            touches_display=request.POST.get("touches_display") == "on",
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Sign-off asked of {review_chains.who_signs(step)} ({step.name}): the story is "
            "not published until it is signed.",
        )
    return _back(article)


def remove_step_view(request, object_id, step_id):
    """POST: remove a story's own step, with the reason typed."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story_or_404(request, object_id)
    pk = parse_id(step_id)
    step = ReviewStep.objects.filter(pk=pk, article=article).first() if pk else None
    if step is None:
        raise Http404("That step is not one of this story's own.")
    try:
        story_steps.remove_story_step(
            request.user, step, reason=request.POST.get("reason", "")[:1000]
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{step.name}” removed: the story no longer waits for it.")
    return _back(article)


def decide_view(request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story_or_404(request, object_id)
    step = _posted_step(request, article)
    if step is None:
        messages.error(request, "That step is not part of this story's review chain.")
        return _back(article)
    decision = request.POST.get("decision", "")[:20]
    conditions = decision == "conditions"  # "Sign off with conditions": an approval with a note
    try:
        signoffs.sign_off(
            request.user,
            article,
            step=step,
            decision=SignOffDecision.APPROVE if conditions else decision,
            note=request.POST.get("note", ""),
            conditions=conditions,
            read_version=request.POST.get("version", "")[:20],
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        verb = "Rejected" if decision == SignOffDecision.REJECT else "Signed off"
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
