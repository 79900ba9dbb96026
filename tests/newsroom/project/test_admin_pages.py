"""Every model's admin list, add and change pages answer 200 to a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from demo.loader import load_demo
from tests.conftest import shared_rows, use_small_renditions

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo newsroom with small pictures, loaded once for the module's tests and rolled
    back after them (tests/conftest.py shared_rows); each test reads it in a savepoint."""
    with shared_rows(django_db_blocker), pytest.MonkeyPatch.context() as monkeypatch:
        use_small_renditions(monkeypatch)
        load_demo()
        yield


def _registered_models():
    return sorted(admin.site._registry, key=lambda m: m._meta.label)


def test_every_admin_changelist_answers(client, superuser, demo):
    client.force_login(superuser)
    failures = []
    for model in _registered_models():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        if response.status_code != 200:
            failures.append((url, response.status_code))
    assert not failures
    assert len(_registered_models()) >= 10


def test_every_admin_change_page_answers_for_an_existing_object(client, superuser, demo):
    client.force_login(superuser)
    failures = []
    for model in admin.site._registry:
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
        )
        if client.get(url).status_code != 200:
            failures.append(url)
    assert not failures


def test_article_admin_search_and_filters(client, superuser, demo):
    client.force_login(superuser)
    url = reverse("admin:articles_article_changelist")
    response = client.get(url, {"q": "zzzz-no-such-story"})
    assert response.status_code == 200
    assert "0 stories" in response.content.decode() or "0 articles" in response.content.decode()
    assert client.get(url, {"state__exact": "draft"}).status_code == 200


def test_records_written_by_the_code_cannot_be_edited_or_deleted_in_the_admin(
    client, superuser, demo
):
    from articles.models import PublishedArticle, WorkflowEvent

    client.force_login(superuser)
    event = WorkflowEvent.objects.order_by("pk").first()
    snapshot = PublishedArticle.objects.order_by("pk").first()
    for model, obj in ((WorkflowEvent, event), (PublishedArticle, snapshot)):
        opts = model._meta
        delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert client.get(add).status_code == 403
