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


def form_refused(page: dict[str, int]) -> dict[str, int]:
    """A form posted with errors: 400 for those who open the page (200), the rest unchanged."""
    return {role: 400 if status == 200 else status for role, status in page.items()}
