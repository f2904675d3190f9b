"""Walks every URL pattern with every role and checks the status each one gets.

A new page must add its row to a module in tests/permissions/, or this test fails: no page can
ship without its access rules being stated and checked.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.permissions
from commonground.accounts.models import ApiToken
from tests.conftest import ROLES, World
from tests.permissions import Case

# Patterns that belong to the sign-in library and Django's admin, whose own access rules apply;
# the admin is checked separately below.
FOREIGN_PREFIXES = ("account_", "mfa_", "admin:", "socialaccount_", "headless:", "usersessions_")


def _names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern.url_patterns, namespace)
        elif pattern.name:
            yield prefix + pattern.name


def _cases() -> list[Case]:
    found: list[Case] = []
    for module in pkgutil.iter_modules(tests.permissions.__path__):
        found.extend(importlib.import_module(f"tests.permissions.{module.name}").CASES)
    return found


CASES = _cases()


def test_every_url_pattern_has_its_access_stated() -> None:
    named = set(_names(get_resolver().url_patterns))
    ours = {name for name in named if not name.startswith(FOREIGN_PREFIXES)}
    covered = {case.name for case in CASES}
    assert ours - covered == set(), "URL patterns with no row in tests/permissions/"
    assert covered - named == set(), "rows in tests/permissions/ naming no URL pattern"


class _RollBack(Exception):
    """Undoes one role's request, so that what one role changes never decides another's status."""


def _status(world: World, case: Case, role: str, url: str, data: dict[str, Any]) -> int:
    headers: dict[str, str] = {}
    if case.name.startswith("api:"):
        client = world.client("anonymous")
        if role != "anonymous":
            headers["Authorization"] = "Bearer " + ApiToken.issue(world.users[role], "test")[1]
    else:
        client = world.client(role)
    response = getattr(client, case.method)(url, data, headers=headers)
    return int(response.status_code)


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.method}:{case.name}")
def test_each_role_gets_the_stated_status(world: World, case: Case) -> None:
    # The records a row needs are made once, outside the roll-backs, and shared by every role.
    url = reverse(case.name, kwargs=case.kwargs(world))
    data = case.data(world)
    wrong = []
    for role in ROLES:
        try:
            with transaction.atomic():
                status = _status(world, case, role, url, data)
                raise _RollBack
        except _RollBack:
            pass
        if status != case.expected[role]:
            wrong.append(f"{role} got {status}, not {case.expected[role]}")
    assert not wrong, f"{case.method.upper()} {case.name}: " + "; ".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_site_administrator_reaches_the_admin(world: World, role: str) -> None:
    response = world.client(role).get(reverse("admin:index"))
    assert response.status_code == (200 if role == "admin" else 302)
