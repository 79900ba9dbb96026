from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources and standards"

    def ready(self):
        from articles import sourcing
        from articles.workflow.signals import story_saved
        from sources import for_stories

        # Sourcing builds on stories: it answers their questions instead of being imported.
        sourcing.register(for_stories)
        story_saved.connect(for_stories.store_findings_counts, dispatch_uid="findings-counts")
