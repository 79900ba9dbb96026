"""The demo newsroom's tests: the role groups the demo logins join, small pictures."""

import pytest

from articles.permissions import ensure_role_groups


@pytest.fixture(autouse=True)
def role_groups(db):
    """The groups come from a data migration; a transactional test elsewhere may have flushed them."""
    ensure_role_groups()


@pytest.fixture(autouse=True)
def small_renditions(monkeypatch):
    """One small JPEG per picture: these tests are about the stories, and AVIF encoding is slow."""
    from articles import images

    monkeypatch.setattr(images, "rendition_formats", lambda: ("jpeg",))
    monkeypatch.setattr(images, "WIDTHS", (480,))
