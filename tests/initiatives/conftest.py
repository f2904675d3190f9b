"""Fixtures for the initiatives tests: the shared world with its domestic-abuse partnership."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.initiatives.helpers import Initiatives, initiatives


@pytest.fixture
def made(world: World) -> Initiatives:
    return initiatives(world)
