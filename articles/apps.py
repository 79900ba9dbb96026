from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete


def _section_changed(**kwargs) -> None:
    from articles.public import edge
    from articles.public.cache import invalidate_public_cache

    invalidate_public_cache()
    edge.purge_on_commit({edge.SITE})  # the menu is on every page the edge holds


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from articles.collaboration import autosave, comments
        from articles.images import preparing, stored_files, usage  # noqa: F401  (connects the receiver that queues an upload's preparation
        from articles.models import Clip, Image, Section
        from articles.public import purge
        from articles.public.spelling import words
        from articles.public.stored import fronts as stored_fronts
        from articles.public.stored import pages as stored_pages
        from articles.workflow import notifications, signals

        # The side effects of saving and publishing follow the workflow's announcements.
        signals.story_saved.connect(autosave.on_story_saved, dispatch_uid="autosave-drop")
        signals.story_saved.connect(comments.on_story_saved, dispatch_uid="comments-reanchor")
        signals.public_copy_changed.connect(purge.purge_after_commit, dispatch_uid="purge")
        # After the purge's receiver: the page cache goes before the page is made again.
        signals.public_copy_changed.connect(
            stored_pages.replace_on_change, dispatch_uid="stored-pages"
        )
        signals.public_copy_changed.connect(
            stored_fronts.replace_on_change, dispatch_uid="stored-fronts"
        )
        signals.public_copy_changed.connect(
            words.add_words_after_publish, dispatch_uid="search-words"
        )
        for signal, receiver in (
            (signals.story_submitted, notifications.on_story_submitted),
            (signals.changes_requested, notifications.on_changes_requested),
            (signals.reviewer_assigned, notifications.on_reviewer_assigned),
            (signals.story_published, notifications.on_story_published),
        ):
            signal.connect(receiver, dispatch_uid=f"mail-{receiver.__name__}")
        # The usage log: which stories showed a picture, and when.
        signals.story_published.connect(usage.on_story_published, dispatch_uid="image-usage")

        # A deleted picture's or clip's files go once the delete commits.
        for model in (Image, Clip):
            pre_delete.connect(
                stored_files.delete_files_with, sender=model, dispatch_uid=f"files-{model.__name__}"
            )

        # The section menu is on every public page: a renamed section must show at once.
        post_save.connect(_section_changed, sender=Section, dispatch_uid="section-menu-save")
        post_delete.connect(_section_changed, sender=Section, dispatch_uid="section-menu-delete")
