"""What the grouping page shows: each round's groups with their members, mix and rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from ..models import Group, Grouping, Placement

MIX_SHOWN = (("organisation", "Organisations"), ("sector", "Sectors"), ("area", "Areas"))


@dataclass
class Mix:
    label: str
    counts: list[tuple[str, int]]


@dataclass
class GroupView:
    group: Group
    placements: list[Placement]
    mix: list[Mix]
    diversity: float | None


@dataclass
class RuleView:
    rule: str
    hard: bool
    met: bool
    reason: str


@dataclass
class RoundView:
    number: int
    groups: list[GroupView] = field(default_factory=list)
    rules: list[RuleView] = field(default_factory=list)
    objective: float | None = None
    bound: float | None = None
    diversity: float | None = None
    diversity_bound: float | None = None
    gap: float | None = None
    proven_optimal: bool = False
    solver: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def broken_hard(self) -> int:
        return sum(1 for rule in self.rules if rule.hard and not rule.met)

    @property
    def gap_percent(self) -> str:
        return "" if self.gap is None else f"{self.gap:.1%}"


def groups_with_members(grouping: Grouping) -> list[Group]:
    """Two queries whatever the size: the groups, then everyone placed with their organisation."""
    placements = Placement.objects.select_related("enrolment__person__organisation").order_by(
        "enrolment__person__last_name", "enrolment__person__first_name", "pk"
    )
    return list(
        Group.objects.filter(grouping=grouping)
        .select_related("challenge")
        .prefetch_related(Prefetch("placements", placements))
        .order_by("round", "number")
    )


def rounds(grouping: Grouping, groups: list[Group]) -> list[RoundView]:
    explained: list[dict[str, Any]] = list(grouping.explanation.get("rounds", []))
    views: dict[int, RoundView] = {}
    for group in groups:
        view = views.setdefault(group.round, _round(group.round, explained))
        details = _group_details(explained, group)
        mix = details.get("mix", {})
        view.groups.append(
            GroupView(
                group=group,
                placements=list(group.placements.all()),
                mix=[
                    Mix(label, sorted(mix.get(key, {}).items(), key=lambda kv: (-kv[1], kv[0])))
                    for key, label in MIX_SHOWN
                    if mix.get(key)
                ],
                diversity=details.get("diversity"),
            )
        )
    return [views[number] for number in sorted(views)]


def _group_details(explained: list[dict[str, Any]], group: Group) -> dict[str, Any]:
    if group.round > len(explained):
        return {}
    found: list[dict[str, Any]] = explained[group.round - 1].get("groups", [])
    return next((g for g in found if g.get("number") == group.number), {})


def _round(number: int, explained: list[dict[str, Any]]) -> RoundView:
    view = RoundView(number)
    if number > len(explained):
        return view
    data = explained[number - 1]
    view.rules = [
        RuleView(r["rule"], r["hard"], r["met"], r["reason"]) for r in data.get("rules", [])
    ]
    view.objective = data.get("objective")
    view.bound = data.get("objective_bound")
    view.diversity = data.get("diversity")
    view.diversity_bound = data.get("diversity_bound")
    view.gap = data.get("gap")
    view.proven_optimal = bool(data.get("proven_optimal"))
    view.solver = data.get("solver", "")
    view.notes = list(data.get("notes", []))
    return view


@dataclass
class PersonMixing:
    name: str
    organisation: str
    colleagues: int
    organisations: int


def mixing_people(mixing: dict[str, Any] | None, groups: list[Group]) -> list[PersonMixing]:
    """Each participant of a mixing plan with the colleagues and organisations they meet, fewest
    first; names come from the groups already loaded, so no query is added."""
    if not mixing or "people" not in mixing:
        return []
    enrolments = {
        placement.enrolment_id: placement.enrolment
        for group in groups
        for placement in group.placements.all()
    }
    rows = []
    for key, (colleagues, organisations) in mixing["people"].items():
        enrolment = enrolments.get(int(key))
        if enrolment is None:
            continue
        person = enrolment.person
        organisation = person.organisation.label if person.organisation else "Not recorded"
        rows.append(PersonMixing(person.name, organisation, colleagues, organisations))
    return sorted(rows, key=lambda row: (row.colleagues, row.organisations, row.name))
