from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _section_changed(**kwargs) -> None:
    from articles.public import edge
    from articles.public.cache import invalidate_public_cache

    invalidate_public_cache()
    edge.purge_on_commit({edge.SITE})  # the menu is on every page the edge holds


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from articles.images import renditions as images  # noqa: F401  (connects the receiver that makes renditions on upload
        from articles.models import Section

        # The section menu is on every public page: a renamed section must show at once.
        post_save.connect(_section_changed, sender=Section, dispatch_uid="section-menu-save")
        post_delete.connect(_section_changed, sender=Section, dispatch_uid="section-menu-delete")
