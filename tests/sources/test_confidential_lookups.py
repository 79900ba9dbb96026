"""No admin list answers a question about confidential data without the permission.

An attacker with a staff login asks a list "does the secret start with W?" through a filter
(`?confidential__internal_justification__startswith=W`), a relation path, `isnull`, a search
or a sort, and reads the answer from the result count, the page or its timing. Every path from
every registered admin model into a confidential model is tried here with a value that matches
the secret and one that does not, as a reporter and as an editor without the permission: the
two answers must be the same refusal (400), and each attempt is logged.
"""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from sources.confidential import CONFIDENTIAL_MODELS, lookup_reveals_confidential
from sources.middleware import _ordering_paths
from sources.models import Attribution, AttributionConfidential, ConfidentialAccess, Source

pytestmark = pytest.mark.django_db

LOOKUPS = ("exact", "startswith", "regex", "isnull")
MAX_DEPTH = 3


@pytest.fixture
def newsroom_editor(make_user):
    """An editor (every editorial power) without the confidential-source permission."""
    return make_user("ed-no-secrets", groups=["Editors"])


@pytest.fixture
def newsroom_reporter(make_user):
    return make_user("rita-reporter", groups=["Reporters"])


def _relations(model):
    """(query name, model) of each relation, forward and reverse, hidden ones included."""
    names = {
        field.name
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation and field.related_model is not None
    }
    for name in sorted(names):
        # Several hidden relations share the name "+": the query uses whichever get_field says.
        yield name, model._meta.get_field(name).related_model


def confidential_paths(model, depth=MAX_DEPTH, prefix=""):
    """Every lookup path from `model` that ends in a confidential model, up to `depth` hops."""
    for name, related in _relations(model):
        path = f"{prefix}{name}"
        if related in CONFIDENTIAL_MODELS:
            yield path, related
        elif depth > 1:
            yield from confidential_paths(related, depth - 1, f"{path}__")


def probes(model):
    """(path, value matching the secret, value not matching) for each path and lookup."""
    seen = set()
    for path, target in confidential_paths(model):
        if path in seen:
            continue
        seen.add(path)
        yield f"{path}__isnull", "False", "True"
        yield path, "1", "999999"
        for field in target._meta.concrete_fields:
            if field.get_internal_type() in ("TextField", "CharField"):
                for lookup in LOOKUPS[:-1]:
                    yield f"{path}__{field.name}__{lookup}", "Board", "Zzzz"
        if target is AttributionConfidential:
            yield f"{path}__editors_who_know", "1", "999999"
            yield f"{path}__editors_who_know__username__startswith", "enid", "zzz"


def _page(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_every_admin_model_reaches_a_confidential_model_somehow():
    """The probe list is not empty: the stories, sources and attributions lead to secrets."""
    models = {model for model in admin.site._registry if list(confidential_paths(model))}
    assert {Source, Attribution} <= models
    assert len(models) >= 6, models


@pytest.mark.parametrize("who", ["newsroom_reporter", "newsroom_editor"])
def test_no_lookup_into_a_confidential_model_answers_without_the_permission(
    request, client, sourced_story, who
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    attempts = 0
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        if client.get(url).status_code != 200:
            continue  # this user cannot open the list at all
        for path, matching, other in probes(model):
            assert lookup_reveals_confidential(model, path), (model, path)
            hit = client.get(url, {path: matching})
            miss = client.get(url, {path: other})
            assert hit.status_code == miss.status_code == 400, (model, path, hit.status_code)
            assert _page(hit) == _page(miss), (model, path)
            attempts += 2
    assert attempts > 100
    refused = ConfidentialAccess.objects.filter(user=user, refused=True)
    assert refused.count() == attempts
    assert not ConfidentialAccess.objects.filter(user=user, refused=False).exists()


def test_the_reported_leaks_are_refused(client, sourced_story, newsroom_editor):
    client.force_login(newsroom_editor)
    anonymous = Attribution.objects.get(anonymous=True)
    attribution_list = reverse("admin:sources_attribution_changelist")
    for query in (
        {"id": anonymous.pk, "confidential__internal_justification__startswith": "B"},
        {"id": anonymous.pk, "confidential__basis__regex": "^All"},
        {"confidential__editors_who_know": sourced_story.editor.pk},
    ):
        assert client.get(attribution_list, query).status_code == 400
    source_list = reverse("admin:sources_source_changelist")
    refused = client.get(source_list, {"confidential__isnull": "False"})
    assert refused.status_code == 400
    assert "This request was refused" in refused.content.decode()  # a page that says why
    # The old field names are gone from the attribution: filtering by them answers nothing.
    for name in ("internal_justification__startswith", "basis__startswith", "editors_who_know"):
        response = client.get(attribution_list, {"id": anonymous.pk, name: "B"})
        assert response.status_code in (200, 302)
        assert "Board vote" not in response.content.decode()


def test_permitted_staff_may_filter_and_the_lookup_is_logged(
    client, sourced_story, standards_editor
):
    client.force_login(standards_editor)
    response = client.get(
        reverse("admin:sources_source_changelist"), {"confidential__isnull": "False"}
    )
    assert response.status_code == 200
    assert "Harbor Authority officials" in response.content.decode()
    entry = ConfidentialAccess.objects.get(user=standards_editor)
    assert not entry.refused and "confidential__isnull" in entry.context


def test_searches_find_nothing_by_a_secret(client, sourced_story, newsroom_editor):
    """Search terms that are secrets find what a random word finds: nothing."""
    client.force_login(newsroom_editor)
    for model in (Source, Attribution):
        url = reverse(f"admin:sources_{model._meta.model_name}_changelist")
        for secret in ("Deputy director", "Board vote pending", "repair planning", "enid"):
            page = client.get(url, {"q": secret}).content.decode()
            assert "0 results" in page, (model, secret)


def test_no_admin_searches_or_sorts_by_a_confidential_model(rf, newsroom_editor):
    request = rf.get("/")
    request.user = newsroom_editor
    for model, model_admin in admin.site._registry.items():
        if model in CONFIDENTIAL_MODELS:
            continue  # the access log: only permitted staff open it at all
        for path in model_admin.get_search_fields(request):
            assert not lookup_reveals_confidential(model, path.lstrip("^=@")), (model, path)
        columns = len(model_admin.get_list_display(request))
        order = ".".join(str(i) for i in range(columns))
        for path in _ordering_paths(model_admin, request, order):
            assert not lookup_reveals_confidential(model, path), (model, path)


@pytest.mark.parametrize("lookup", ["approved_by", "approved_by__id", "approved_by__exact"])
def test_who_approved_a_grant_of_anonymity_is_not_answered_by_a_filter(
    client, sourced_story, newsroom_reporter, standards_editor, lookup
):
    """The approver is for Standards editors only (sources.permissions.can_see_anonymity_approver):
    counting the anonymous attributions each editor approved must not tell it either."""
    attribution_list = reverse("admin:sources_attribution_changelist")
    approver = sourced_story.editor
    client.force_login(newsroom_reporter)
    for guess in (approver.pk, 999999):
        assert client.get(attribution_list, {lookup: guess}).status_code == 400
    client.force_login(standards_editor)
    assert client.get(attribution_list, {lookup: approver.pk}).status_code == 200
