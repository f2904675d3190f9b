"""Fixtures for the challenges tests: the shared world with its challenges and teams."""

from __future__ import annotations

import pytest

from tests.challenges.helpers import Challenges, challenges
from tests.conftest import World


@pytest.fixture
def made(world: World) -> Challenges:
    return challenges(world)
