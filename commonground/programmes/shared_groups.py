"""Who shared a group with whom in a cohort: learning sets, challenge teams, told by their apps.

The evaluation asks whether new working ties formed inside the groups the programme made. The
apps that make groups sit beside it, not below it, so each registers a provider here from its
`AppConfig.ready()`; a provider answers for one cohort in one query, with each group's label
and the people (by id) in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.core.exceptions import ImproperlyConfigured

from .models import Cohort

Provider = Callable[[Cohort], Iterable[tuple[str, int]]]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Add an app's groups: `provider(cohort)` yields (group label, person id) pairs."""
    if name in _providers:
        raise ImproperlyConfigured(f"Shared groups named {name!r} are already registered.")
    _providers[name] = provider


def groups_by_person(cohort: Cohort) -> dict[int, frozenset[str]]:
    """Each person's groups in the cohort, labelled "<provider>:<group>" so two apps' groups
    never share a label."""
    found: dict[int, set[str]] = defaultdict(set)
    for name, provider in _providers.items():
        for label, person_id in provider(cohort):
            found[person_id].add(f"{name}:{label}")
    return {person: frozenset(labels) for person, labels in found.items()}
