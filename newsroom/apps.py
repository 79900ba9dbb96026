"""The project's own app config: listed first so its ready() runs before the admin's."""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.contrib.admin import options
        from django.db import models

        from newsroom import security, two_factor_admin

        security.connect_login_log()
        two_factor_admin.install()
        from newsroom.admin_mixins import install_autocomplete_widgets

        install_autocomplete_widgets()

        # Every admin URL input assumes https, as Django 6 will: no deprecation warning now,
        # no behaviour change at the upgrade.
        defaults = options.FORMFIELD_FOR_DBFIELD_DEFAULTS
        defaults[models.URLField] = {**defaults[models.URLField], "assume_scheme": "https"}


class NewsroomAdminConfig(AdminConfig):
    """Django's admin app, serving the newsroom's site (start page, sidebar in newsroom words)."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
