"""Saving the story form: through `workflow.save_article`, with whatever a button asked for.

The story, its byline, tags and every inline are saved as one `workflow.save_article` (one
version check, one revision holding them all). A button of the form that asks for more than
a save (sourcing's Accept, Dismiss, "Look for sources again", "Approve anonymity") is a
`StorySaveStep` registered on `story_page`: done in the same save, its messages shown after.
A save the service refuses (someone saved first, the story left this user's hands) shows the
same form again with every word typed and the reason.

A workflow button of the form (Submit for review, Publish, Request changes…) posts the text
with its `action`: the text is saved, then the move is made in the same transaction
(`workflow_actions.move_after_save`). Nothing typed changed: no new revision, but the move is
still refused when someone saved since the page was opened (`workflow.check_version`).
"""

from django.contrib import messages
from django.shortcuts import redirect

from articles import workflow
from articles.admin.story.registry import story_page
from articles.admin.story.workflow_actions import move_after_save, posted_move
from articles.workflow import permissions


class StorySavingMixin:
    """The save path of `ArticleAdmin`."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (workflow.StaleEdit, workflow.WorkflowPermissionError) as error:
            # The transaction rolled back: show the form again, refused (ArticleForm.clean).
            request.refused_save = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # the lead image must be one this user may choose
        form.refused_save = getattr(request, "refused_save", None)
        return form

    def save_model(self, request, obj, form, change):
        """Nothing yet: the story is saved with its byline, tags and sources in `save_related`,
        as one `workflow.save_article` (one version check, one revision holding them all)."""

    def save_related(self, request, form, formsets, change):
        parent_save_related = super().save_related
        steps = story_page.posted_steps(request) if change else []

        def save_parts(article):
            parent_save_related(request, form, formsets, change)
            for step in steps:
                step.in_save(request, article)

        def comment():
            return next((text for step in steps if (text := step.revision_comment(request))), "")

        expected_version = form.cleaned_data.get("expected_version") if change else None
        move = posted_move(request) if change else ""
        edited = not move or steps or _typed(form, formsets)
        if edited:
            workflow.save_article(
                request.user,
                form.instance,
                expected_version=expected_version,
                save_parts=save_parts,
                comment=comment,
            )
            for step in story_page.save_steps:
                shown = step.after_save(
                    request, form.instance, created=not change, changed_data=form.changed_data
                )
                for level, text in shown:
                    self.message_user(request, text, level)
        else:
            workflow.check_version(request.user, form.instance, expected_version=expected_version)
            parent_save_related(request, form, formsets, change)  # nothing changed: writes nothing
        if move:
            request.story_saved = bool(edited)
            request.story_moved = move_after_save(request, form.instance)

    def response_change(self, request, obj):
        moved = getattr(request, "story_moved", None)
        if moved is not None:
            if request.story_saved:
                self.message_user(request, f"Saved “{obj.headline}”.", messages.SUCCESS)
            level, text = moved
            self.message_user(request, text, level)
            if not permissions.can_view(request.user, obj):
                return redirect("admin:articles_article_changelist")
            return self.back(obj)
        steps = story_page.posted_steps(request)
        if not steps:
            return super().response_change(request, obj)
        self.message_user(request, f"Saved “{obj.headline}”.", messages.SUCCESS)
        for step in steps:
            for level, text in step.messages(request):
                self.message_user(request, text, level)
        return self.back(obj, next((a for step in steps if (a := step.anchor(request))), ""))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":
            for step in story_page.posted_steps(request):
                messages.warning(request, step.not_done)
            if change and (move := posted_move(request)):
                label = workflow.ACTION_LABELS.get(move, "the workflow step")
                messages.warning(
                    request,
                    f"Not done: {label} waits for the story to be saved. Your text and notes "
                    "are kept below: fix what is marked and press the button again.",
                )
        refused = getattr(request, "refused_save", None)
        if isinstance(refused, workflow.StaleEdit) and len(context.get("errors") or ()) == 1:
            context["errors"] = None  # said once, above the form (panels.RefusedSavePanel)
        if not context.get("is_popup"):
            # The story page is two columns (writing, and the side panel): no app sidebar.
            context["is_nav_sidebar_enabled"] = False
        return super().render_change_form(request, context, add, change, form_url, obj)


def _typed(form, formsets) -> bool:
    """Whether the story form posted anything different from the saved story."""
    return form.has_changed() or any(formset.has_changed() for formset in formsets)
