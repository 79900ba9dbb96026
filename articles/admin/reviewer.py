"""Naming a story's reviewer from the admin: the form in the story's workflow panel, and the
story list's bulk action "Name a reviewer for selected". The rule itself is
`workflow.assign_reviewer`; this module only reads the form and reports the outcome."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import render

from articles import workflow
from articles.models import Article, ArticleState
from articles.workflow.permissions import reviewers
from newsroom.people import display_name


class ReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(queryset=None, label="Reviewer")
    due_at = forms.CharField(required=False, label="Due by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers()
        self.fields["reviewer"].label_from_instance = display_name


def _due(form, parse_time):
    """The due time typed in the newsroom's zone, or None; WorkflowError when unreadable."""
    return parse_time(form.cleaned_data.get("due_at", ""))


def reviewer_view(model_admin, request, object_id, *, parse_time):
    """POST from the story's panel: name a reviewer ("reviewer" = a user id, or "me")."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = model_admin.article_or_404(request, object_id)
    data = request.POST.copy()
    if data.get("reviewer") == "me":
        data["reviewer"] = str(request.user.pk)
    form = ReviewerForm(data)
    if not form.is_valid():
        messages.error(request, "Choose a reviewer from the list (editors only).")
        return model_admin.back(article, "#workflow-heading")
    try:
        reviewer = form.cleaned_data["reviewer"]
        workflow.assign_reviewer(
            request.user, article, reviewer=reviewer, due_at=_due(form, parse_time)
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return model_admin.back(article, "#workflow-heading")
    messages.success(request, f"{display_name(reviewer)} reviews “{article.headline}”.")
    return model_admin.back(article, "#workflow-heading")


def assign_reviewer_action(model_admin, request, queryset, *, parse_time):
    """The bulk action: a page to choose the reviewer, then each story through the workflow,
    with a line for those that could not take one and why."""
    if "apply" in request.POST:
        form = ReviewerForm(request.POST)
        if form.is_valid():
            try:
                due_at = _due(form, parse_time)
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
                return None
            reviewer = form.cleaned_data["reviewer"]
            done, refused = [], []
            for article in queryset.order_by("pk"):
                try:
                    workflow.assign_reviewer(
                        request.user, article, reviewer=reviewer, due_at=due_at
                    )
                    done.append(article.headline)
                except workflow.WorkflowError as error:
                    refused.append(str(error))
            if done:
                messages.success(
                    request,
                    f"{display_name(reviewer)} reviews {len(done)} "
                    f"stor{'y' if len(done) == 1 else 'ies'}.",
                )
            for reason in refused:
                messages.warning(request, f"Not done: {reason}")
            return None
    else:
        form = ReviewerForm(initial={"reviewer": request.user.pk})  # "I'll review them"
    in_review = queryset.filter(state=ArticleState.IN_REVIEW).count()
    return render(
        request,
        "admin/articles/article/assign_reviewer.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": "Name a reviewer",
            "form": form,
            "stories": queryset.order_by("headline"),
            "in_review": in_review,
            "opts": Article._meta,
            "action_checkbox_name": "_selected_action",
        },
    )
