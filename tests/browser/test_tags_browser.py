"""Typing a tag in the story form offers existing tags for the term being typed."""

import pytest
from taggit.models import Tag


@pytest.mark.django_db(transaction=True)
def test_tag_input_suggests_existing_tags_for_the_last_term(log_in, make_user, live_server):
    make_user("tess", superuser=True)
    for name in ["Harbor City Shipyard", "Shipbuilding", "Transit"]:
        Tag.objects.create(name=name)
    page = log_in("tess")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    tags = page.locator("#id_tags")
    tags.fill("Transit, ship")
    tags.dispatch_event("input")
    options = page.locator("#id_tags-suggestions option")
    options.first.wait_for(state="attached")
    values = options.evaluate_all("nodes => nodes.map(n => n.value)")
    assert values == ["Transit, Shipbuilding", "Transit, Harbor City Shipyard"]
