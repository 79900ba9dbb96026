"""The demo newsroom writes its own text on every trust page, once."""

import pytest

from demo import content
from demo.loader import save_policies
from sources.models import PolicyKind, PolicyPage

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_text_for_every_page_kind():
    kinds = [page["kind"] for page in content.load_policies()]
    assert sorted(kinds) == sorted(PolicyKind.values)


def test_loading_writes_every_page_and_loading_again_changes_nothing():
    starting = dict(PolicyPage.objects.values_list("kind", "body"))
    assert save_policies() == len(PolicyKind)
    pages = PolicyPage.objects.all()
    assert len(pages) == len(PolicyKind)
    for page in pages:
        assert page.body != starting[page.kind], page.kind
        assert page.description and page.title
    assert "Helen Marsh" in PolicyPage.objects.get(kind=PolicyKind.MASTHEAD).body
    assert save_policies() == 0
