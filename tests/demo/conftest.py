"""The demo newsroom's tests: the role groups the demo logins join, small pictures."""

import pytest


@pytest.fixture(autouse=True)
def _role_groups(role_groups):
    """The demo logins join the role groups (tests/conftest.py ensures them)."""


@pytest.fixture(autouse=True)
def _small_renditions(small_renditions):
    """These tests are about the stories: small pictures (tests/conftest.py)."""
