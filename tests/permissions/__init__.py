"""What each role gets from each URL: one module per app, gathered by the matrix test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import World


@dataclass(frozen=True)
class Case:
    """A URL pattern, how to fill its arguments from the world, and each role's status code."""

    name: str
    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    expected: dict[str, int] = field(default_factory=dict)
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = lambda world: {}


def statuses(default: int, **overrides: int) -> dict[str, int]:
    """Every role gets `default` unless named: statuses(404, staff=200, admin=200)."""
    from tests.conftest import ROLES

    return {role: overrides.get(role, default) for role in ROLES}
