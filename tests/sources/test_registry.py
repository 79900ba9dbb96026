"""The source registry: search by name and alias, the stories a source appears in, merging
duplicates (attributions follow), and the story admin's sourcing inlines."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sources.lookup import search_sources
from sources.models import (
    Attribution,
    CommentRequest,
    ConfidentialAccess,
    Source,
    SourceConfidential,
)
from sources.registry import merge_sources, source_stories
from sources.standards import check_article

from .conftest import grant

pytestmark = pytest.mark.django_db


def names(queryset) -> set[str]:
    return {source.name for source in queryset}


def test_search_by_name_alias_or_descriptor(registry):
    assert names(search_sources(query="odile")) == {"Odile Brandt"}
    assert names(search_sources(query="Councilwoman Brandt")) == {"Odile Brandt"}
    assert names(search_sources(query="ward 3")) == {"Odile Brandt"}
    assert names(search_sources(query="gazette")) == {"The Lantern Gazette"}
    assert names(search_sources(query="Brandt", exact=True)) == {"Odile Brandt"}
    assert not search_sources(query="Brand", exact=True).exists()


def test_source_admin_search_and_autocomplete_find_aliases(client, superuser, registry):
    client.force_login(superuser)
    response = client.get(reverse("admin:sources_source_changelist"), {"q": "Councilwoman"})
    assert [s.name for s in response.context["cl"].result_list] == ["Odile Brandt"]
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "sources",
            "model_name": "attribution",
            "field_name": "source",
            "term": "councilwoman",
        },
    )
    assert [r["text"] for r in json.loads(autocomplete.content)["results"]] == [
        "Odile Brandt (D-Ward 3)"
    ]


def test_source_page_lists_the_stories_it_appears_in(client, superuser, sourced_story, registry):
    assert list(source_stories(source=registry["union"])) == [sourced_story]
    client.force_login(superuser)
    page = client.get(
        reverse("admin:sources_source_change", args=[registry["brandt"].pk])
    ).content.decode()
    assert sourced_story.headline in page
    assert reverse("admin:articles_article_change", args=[sourced_story.pk]) in page


def test_merge_moves_attributions_requests_and_records_and_keeps_names(
    sourced_story, registry, standards_editor
):
    duplicate = Source.objects.create(
        kind="person", name="O. Brandt", aliases=["Odile B."], url="https://brandt.example/"
    )
    Attribution.objects.create(
        article=sourced_story, source=duplicate, kind="paraphrased", position=7
    )
    CommentRequest.objects.create(article=sourced_story, source=duplicate, outcome="responded")
    SourceConfidential.objects.create(source=duplicate, contact_details="555-0100")
    target = merge_sources(user=standards_editor, target=registry["brandt"], duplicates=[duplicate])

    assert not Source.objects.filter(pk=duplicate.pk).exists()
    assert target.attributions.count() == 2
    assert target.comment_requests.count() == 1
    assert target.aliases == ["Councilwoman Brandt", "Brandt", "O. Brandt", "Odile B."]
    assert target.url == "https://brandt.example/"
    assert SourceConfidential.objects.get(source=target).contact_details == "555-0100"
    assert check_article(sourced_story) == []


def test_merge_joins_two_confidential_records_without_losing_either(registry, standards_editor):
    duplicate = Source.objects.create(kind="person", name="Authority officials (dup)")
    SourceConfidential.objects.create(source=duplicate, real_identity="A third engineer")
    SourceConfidential.objects.create(source=registry["officials"], real_identity="The deputy")
    merge_sources(user=standards_editor, target=registry["officials"], duplicates=[duplicate])
    record = SourceConfidential.objects.get()
    assert record.real_identity == "The deputy / A third engineer"


def test_merge_needs_the_permission_and_refuses_mixed_kinds(registry, desk_reporter):
    with pytest.raises(PermissionDenied):
        merge_sources(user=desk_reporter, target=registry["brandt"], duplicates=[registry["union"]])
    editor = grant(desk_reporter, "sources.merge_source")
    with pytest.raises(ValidationError) as error:
        merge_sources(user=editor, target=registry["brandt"], duplicates=[registry["union"]])
    assert error.value.code == "merge_kind_mismatch"
    assert Source.objects.filter(pk=registry["union"].pk).exists()


def test_merge_action_asks_which_source_to_keep_then_merges(
    client, sourced_story, registry, standards_editor
):
    duplicate = Source.objects.create(kind="person", name="Odile Brandt (council)")
    Attribution.objects.create(
        article=sourced_story, source=duplicate, kind="paraphrased", position=8
    )
    client.force_login(standards_editor)
    url = reverse("admin:sources_source_changelist")
    selected = [str(registry["brandt"].pk), str(duplicate.pk)]
    confirm = client.post(url, {"action": "merge_selected", "_selected_action": selected})
    assert confirm.status_code == 200
    assert "Choose the source to keep" in confirm.content.decode()
    done = client.post(
        url,
        {
            "action": "merge_selected",
            "_selected_action": selected,
            "merge_into": str(registry["brandt"].pk),
        },
        follow=True,
    )
    assert "Merged 1 source(s) into Odile Brandt" in done.content.decode()
    assert not Source.objects.filter(pk=duplicate.pk).exists()
    assert registry["brandt"].attributions.count() == 2


def test_merge_action_is_not_offered_without_the_permission(client, registry, desk_reporter):
    client.force_login(desk_reporter)
    page = client.get(reverse("admin:sources_source_changelist")).content.decode()
    assert "merge_selected" not in page


def test_story_admin_has_sourcing_inlines_with_registry_autocomplete_and_add(
    client, superuser, sourced_story
):
    client.force_login(superuser)
    page = client.get(
        reverse("admin:articles_article_change", args=[sourced_story.pk])
    ).content.decode()
    assert 'id="attributions-group"' in page
    assert 'id="comment_requests-group"' in page
    assert 'id="corrections-group"' in page
    assert "admin-autocomplete" in page
    # The "+" link next to the source field adds a new source to the registry in a popup.
    assert reverse("admin:sources_source_add") + "?_to_field=id&amp;_popup=1" in page
    # No source's identity record was read; the anonymous grant's record was, and is logged.
    logged = set(ConfidentialAccess.objects.values_list("context", "attribution__anonymous"))
    assert logged == {("admin: attribution form", True)}
