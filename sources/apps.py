from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources and standards"

    def ready(self):
        from articles import sourcing
        from articles.public.purge import purge_policy_pages
        from articles.workflow.signals import story_saved
        from sources import for_stories

        # Sourcing builds on stories: it answers their questions instead of being imported.
        sourcing.register(for_stories)
        story_saved.connect(for_stories.store_findings_counts, dispatch_uid="findings-counts")
        policy_page = self.get_model("PolicyPage")
        post_save.connect(purge_policy_pages, sender=policy_page, dispatch_uid="policy-purge")
        post_delete.connect(purge_policy_pages, sender=policy_page, dispatch_uid="policy-gone")
