from django.apps import AppConfig


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = "Authors"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from authors.accounts import give_staff_account_its_author

        post_save.connect(
            give_staff_account_its_author,
            sender=get_user_model(),
            dispatch_uid="authors.give_staff_account_its_author",
        )
