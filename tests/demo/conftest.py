"""The demo newsroom's tests: the role groups the demo logins join, small pictures."""

import pytest


@pytest.fixture(autouse=True)
def _role_groups(role_groups):
    """The demo logins join the role groups (tests/conftest.py ensures them)."""


@pytest.fixture(autouse=True)
def small_renditions(monkeypatch):
    """One small JPEG per picture: these tests are about the stories, and AVIF encoding is slow."""
    from articles import images

    monkeypatch.setattr(images, "rendition_formats", lambda: ("jpeg",))
    monkeypatch.setattr(images, "WIDTHS", (480,))
