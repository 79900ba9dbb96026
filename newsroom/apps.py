"""The project's own app config (the login log, the authenticator-device admin), and the
admin's, serving the newsroom's site."""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import security
        from newsroom.security import two_factor_admin

        security.connect_login_log()
        two_factor_admin.install()


class NewsroomAdminConfig(AdminConfig):
    """Django's admin app, serving the newsroom's site (start page, sidebar in newsroom words)."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
