"""The addresses of the pages for people without an account (mounted at the site's root)."""

from django.urls import path

from articles.external import views

app_name = "external"

urlpatterns = [
    path("shared/preview/<str:token>/", views.shared_preview, name="shared_preview"),
    path("sign-off/<str:token>/", views.sign_off, name="sign_off"),
]
