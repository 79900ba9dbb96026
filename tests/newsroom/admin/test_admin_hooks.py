"""The admin's form fields come from public hooks (the site's register, ModelAdmin methods,
formfield_overrides), not from a patched Django: every admin and inline, ours and third-party,
gets the safe autocomplete widgets and https URL inputs."""

import pytest
from django.contrib import admin
from django.contrib.admin import options, widgets
from django.db import models
from django.test import RequestFactory

from articles.models import Section
from newsroom import admin_mixins
from newsroom.admin_mixins import NewsroomFormFieldsMixin, newsroom_admin
from newsroom.admin_site import NewsroomAdminSite
from sources.models import Source

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _unwrapped(widget):
    return getattr(widget, "widget", widget)


def test_django_is_not_patched():
    assert options.AutocompleteSelect is widgets.AutocompleteSelect
    assert options.AutocompleteSelectMultiple is widgets.AutocompleteSelectMultiple
    assert "assume_scheme" not in options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.URLField]


def test_every_registered_admin_has_the_newsroom_fields():
    assert admin.site._registry  # the apps registered their admins
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, NewsroomFormFieldsMixin), model


def test_every_autocomplete_field_uses_the_safe_widget(superuser):
    request = _request(superuser)
    seen = 0
    for model_admin in admin.site._registry.values():
        for holder in [model_admin, *model_admin.get_inline_instances(request)]:
            assert isinstance(holder, NewsroomFormFieldsMixin), holder
            for name in holder.get_autocomplete_fields(request):
                field = holder.model._meta.get_field(name)
                formfield = holder.formfield_for_dbfield(field, request)
                assert isinstance(
                    _unwrapped(formfield.widget),
                    (admin_mixins.AutocompleteSelect, admin_mixins.AutocompleteSelectMultiple),
                ), (holder, name)
                seen += 1
    assert seen >= 5  # story author, source, section, attribution's story and source…


def test_a_url_input_assumes_https(superuser):
    form = admin.site._registry[Source].get_form(_request(superuser))()
    assert form.fields["url"].assume_scheme == "https"
    form = admin.site._registry[Source].get_form(_request(superuser))(
        data={"url": "example.org/people/ana"}
    )
    form.is_valid()
    assert form.cleaned_data.get("url") == "https://example.org/people/ana"


def test_a_class_of_its_own_overrides_keeps_them():
    class OwnURLs(admin.ModelAdmin):
        formfield_overrides = {models.URLField: {"assume_scheme": "http"}}

    site = NewsroomAdminSite(name="hooks-test")
    site.register(Source, OwnURLs)
    assert site._registry[Source].formfield_overrides[models.URLField]["assume_scheme"] == "http"


def test_a_third_party_admin_registered_later_gets_them_and_is_left_unchanged():
    class ThirdParty(admin.ModelAdmin):
        autocomplete_fields = ()

    site = NewsroomAdminSite(name="hooks-test")
    site.register(Section, ThirdParty)
    registered = site._registry[Section]
    assert isinstance(registered, ThirdParty) and isinstance(registered, NewsroomFormFieldsMixin)
    assert not issubclass(ThirdParty, NewsroomFormFieldsMixin)
    assert type(registered).__name__ == "ThirdParty"
    assert newsroom_admin(ThirdParty) is newsroom_admin(ThirdParty)
    site.register(Source)  # no class: Django's ModelAdmin, with the newsroom's fields
    assert isinstance(site._registry[Source], NewsroomFormFieldsMixin)
