"""Saving the story form: through `workflow.save_article`, with whatever a button asked for.

The story, its byline, tags and every inline are saved as one `workflow.save_article` (one
version check, one revision holding them all). A button of the form that asks for more than
a save (sourcing's Accept, Dismiss, "Look for sources again", "Approve anonymity") is a
`StorySaveStep` registered on `story_page`: done in the same save, its messages shown after.
A save the service refuses (someone saved first, the story left this user's hands) shows the
same form again with every word typed and the reason.
"""

from django.contrib import messages

from articles import workflow
from articles.admin.story.registry import story_page


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

        workflow.save_article(
            request.user,
            form.instance,
            expected_version=form.cleaned_data.get("expected_version") if change else None,
            save_parts=save_parts,
            comment=comment,
        )
        for step in story_page.save_steps:
            shown = step.after_save(
                request, form.instance, created=not change, changed_data=form.changed_data
            )
            for level, text in shown:
                self.message_user(request, text, level)

    def response_change(self, request, obj):
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
        if not context.get("is_popup"):
            # The story page is two columns (writing, and the side panel): no app sidebar.
            context["is_nav_sidebar_enabled"] = False
        return super().render_change_form(request, context, add, change, form_url, obj)
